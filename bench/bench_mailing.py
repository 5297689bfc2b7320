"""Measure a mailing of 1,000 messages delivered by a real Celery worker to a local SMTP sink.

Run through ``scripts/bench-celery.sh``, which starts a throwaway PostgreSQL and Redis and sets
``HLM_DATABASE_URL`` and ``HLM_TEST_REDIS_URL``. Only point them at services you can throw
away: the benchmark migrates the database, loads the demo data, writes mailings to it, and
purges the Celery queue of the Redis it is given.

Steps: start an SMTP sink (aiosmtpd, on a free port of 127.0.0.1) that counts what it
receives; migrate and ``load_demo``; then for each pool (``prefork`` with ``--concurrency``
processes, and ``solo``) and with and without the letter as PDF attachment: start one Celery
worker (``python -m celery -A hlm_portal worker``, as ``tests/integration/conftest.py`` does),
create a mailing of the 2017 demo letter to 1,000 addresses typed by hand, generate its
messages (``meetings.letters.generate_mailing``), then time ``send_mailing`` until the sink
has received every message and every outbox row is "sent"; stop the worker. The letter is
the same for every recipient, so each worker process renders its PDF once (``letter_pdf`` is
cached). Prints a Markdown table and writes it to ``bench/results/mailing.md``. Only
127.0.0.1 is contacted. The worker and the sink are stopped on every exit path.
"""

import argparse
import email.parser
import os
import platform
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
RESULTS_FILE = BENCH_DIR / "results" / "mailing.md"
HOST = "127.0.0.1"
DEMO_SLUG = "trafficking-in-persons-2017"
LETTER_NAME = "Draft programme and concept notes (13 September 2017)"  # meetings/demo.py
MAILING_TITLE = "Benchmark mailing"
ADDRESS = "delegate{n}@missions.example.org"


@dataclass
class Scenario:
    pool: str
    attach_letter: bool
    concurrency: int
    messages: int = 0
    generate_seconds: float = 0.0
    queue_seconds: float = 0.0  # send_mailing: marking the rows queued and sending the tasks
    first_seconds: float | None = None  # from send_mailing to the first message at the sink
    last_seconds: float | None = None  # ... to the last message at the sink
    total_seconds: float | None = None  # ... until the sink has all and every row is "sent"
    received: int = 0
    with_pdf: int = 0
    unique_ids: int = 0
    mebibytes: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    retries: int = 0
    worker_cpu: float = 0.0  # during the mailing, all the worker's processes
    bench_cpu: float = 0.0  # during the mailing: this process (the sink, polling, queuing)
    worker_peak_mib: float = 0.0
    error: str = ""

    @property
    def name(self) -> str:
        pool = f"prefork ×{self.concurrency}" if self.pool == "prefork" else self.pool
        return f"{pool}, {'with' if self.attach_letter else 'without'} letter PDF"

    @property
    def rate(self) -> float | None:
        return self.messages / self.total_seconds if self.total_seconds else None

    @property
    def steady_rate(self) -> float | None:
        """Messages per second between the first and the last at the sink."""
        if self.first_seconds is None or self.last_seconds is None:
            return None
        span = self.last_seconds - self.first_seconds
        return (self.received - 1) / span if span > 0 and self.received > 1 else None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark a mailing delivered by a Celery worker to a local SMTP sink."
    )
    parser.add_argument("--messages", type=int, default=1000, help="recipients [1000]")
    parser.add_argument(
        "--pools", default="prefork,solo", help="worker pools to measure, comma-separated"
    )
    parser.add_argument("--concurrency", type=int, default=2, help="of the prefork pool [2]")
    parser.add_argument(
        "--attach",
        default="both",
        choices=["both", "yes", "no"],
        help="measure with the letter as PDF attachment, without, or both [both]",
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="per mailing, seconds [600]")
    parser.add_argument(
        "--worker-debug",
        default="true",
        choices=["true", "false"],
        help="HLM_DEBUG of the worker (true, as in the integration tests) [true]",
    )
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="Markdown results file")
    args = parser.parse_args(argv)
    args.pools = [p.strip() for p in args.pools.split(",") if p.strip()]
    if not args.pools or set(args.pools) - {"prefork", "solo", "threads"}:
        parser.error("--pools takes prefork, solo and threads")
    if not 1 <= args.messages <= 20000:
        parser.error("--messages must be between 1 and 20000")
    if not 1 <= args.concurrency <= 16:
        parser.error("--concurrency must be between 1 and 16")
    return args


# --- The SMTP sink --------------------------------------------------------------------------


class CountingSink:
    """An aiosmtpd handler that counts messages, distinct Message-IDs and PDF attachments."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.count = 0
            self.with_pdf = 0
            self.bytes = 0
            self.message_ids: set[str] = set()
            self.first_at: float | None = None
            self.last_at: float | None = None

    async def handle_DATA(self, server, session, envelope):
        now = time.perf_counter()
        content = envelope.content
        headers = email.parser.BytesHeaderParser().parsebytes(content)
        with self.lock:
            self.count += len(envelope.rcpt_tos)
            self.bytes += len(content)
            self.message_ids.add(str(headers.get("Message-ID", "")))
            if b"letter.pdf" in content:
                self.with_pdf += 1
            if self.first_at is None:
                self.first_at = now
            self.last_at = now
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_sink():
    from aiosmtpd.controller import Controller

    sink = CountingSink()
    # A fixed server name: else aiosmtpd looks the host name up for every connection.
    controller = Controller(sink, hostname=HOST, port=free_port(), server_hostname="bench-sink")
    controller.start()
    return sink, controller


# --- Processes and the database --------------------------------------------------------------


def run(*args: str) -> None:
    """Run a command from the repository root with the benchmark's environment."""
    print("$", " ".join(args), flush=True)
    subprocess.run(args, cwd=REPO_ROOT, check=True)


def manage(*args: str) -> None:
    run(sys.executable, "manage.py", *args)


def ensure_database(url: str) -> None:
    """Create the database named in ``url`` if the server does not have it yet."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        dbname="postgres",
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}")
    finally:
        connection.close()


def setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlm_portal.settings")
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    django.setup()


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def process_tree(root: int) -> list[int]:
    """Return ``root`` and its descendants' pids."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Worker:
    """One ``celery worker`` process (and its pool's children), stopped on every exit path."""

    def __init__(self, *, pool: str, concurrency: int, log_path: Path, number: int):
        self.name = f"bench-mailing-{number}"
        self.log_path = log_path
        command = [
            sys.executable, "-m", "celery", "-A", "hlm_portal", "worker", f"--pool={pool}",
            "--loglevel=WARNING", "--without-gossip", "--without-mingle",
            f"--hostname={self.name}@%h",
        ]  # fmt: skip
        if pool != "solo":
            command.append(f"--concurrency={concurrency}")
        print("$", " ".join(command), flush=True)
        with log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so the pool can be killed too
            )

    def wait_ready(self, timeout: float = 60.0) -> None:
        from hlm_portal.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The Celery worker died at start:\n{tail(self.log_path)}")
            replies = app.control.ping(timeout=0.5) or []
            if any(self.name in key for reply in replies for key in reply):
                return
        raise RuntimeError(f"The Celery worker did not answer within {timeout:.0f} s")

    def cpu(self) -> float:
        """Return the CPU seconds used so far by the worker's processes."""
        return sum(cpu_seconds(pid) for pid in process_tree(self.process.pid))

    def peak_rss_mib(self) -> float:
        """Return the largest peak RSS (MiB) of the worker's processes."""
        return max((peak_rss_mib(pid) for pid in process_tree(self.process.pid)), default=0.0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: finishes the task under way
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # any pool process left behind
        except ProcessLookupError:
            pass
        if self.process.poll() is None:
            self.process.wait(timeout=10)
        print(f"Celery worker (pid {self.process.pid}) stopped", flush=True)


# --- One mailing -----------------------------------------------------------------------------


def create_mailing(*, messages: int, attach_letter: bool):
    from meetings.enums import Audience
    from meetings.models import LetterTemplate, Mailing, Meeting

    return Mailing.objects.create(
        meeting=Meeting.objects.get(slug=DEMO_SLUG),
        template=LetterTemplate.objects.get(name=LETTER_NAME),
        title=f"{MAILING_TITLE} ({messages} recipients)",
        letter_date=date(2017, 9, 13),
        audience=Audience.MANUAL,
        manual_recipients="\n".join(ADDRESS.format(n=n) for n in range(1, messages + 1)),
        attach_letter=attach_letter,
    )


def measure(scenario: Scenario, *, worker: Worker, sink: CountingSink, args) -> None:
    from django.db.models import Count, Sum

    from meetings.enums import MessageStatus
    from meetings.letters import generate_mailing, send_mailing
    from meetings.models import OutgoingMessage

    mailing = create_mailing(messages=args.messages, attach_letter=scenario.attach_letter)
    t0 = time.perf_counter()
    scenario.messages = generate_mailing(mailing=mailing)
    scenario.generate_seconds = time.perf_counter() - t0
    if scenario.messages != args.messages:
        raise RuntimeError(f"generate_mailing made {scenario.messages} messages")
    rows = OutgoingMessage.objects.filter(mailing=mailing)

    sink.reset()
    worker_cpu, bench_cpu = worker.cpu(), own_cpu()
    start = time.perf_counter()
    queued = send_mailing(mailing=mailing)
    scenario.queue_seconds = time.perf_counter() - start
    if queued != args.messages:
        raise RuntimeError(f"send_mailing queued {queued} messages")
    deadline = start + args.timeout
    while True:
        sent = rows.filter(status=MessageStatus.SENT).count()
        now = time.perf_counter()
        if sink.count >= args.messages and sent == args.messages:
            scenario.total_seconds = now - start
            break
        if worker.process.poll() is not None:
            scenario.error = f"the worker died:\n{tail(worker.log_path)}"
            break
        if now > deadline:
            scenario.error = f"timed out after {args.timeout:.0f} s ({sent} sent)"
            break
        time.sleep(0.05)
    scenario.worker_cpu = worker.cpu() - worker_cpu
    scenario.bench_cpu = own_cpu() - bench_cpu
    scenario.worker_peak_mib = worker.peak_rss_mib()
    time.sleep(0.2)  # let a duplicate, if any, reach the sink
    with sink.lock:
        scenario.received = sink.count
        scenario.with_pdf = sink.with_pdf
        scenario.unique_ids = len(sink.message_ids)
        scenario.mebibytes = sink.bytes / 1024 / 1024
        if sink.first_at is not None:
            scenario.first_seconds = sink.first_at - start
            scenario.last_seconds = sink.last_at - start
    scenario.statuses = {
        row["status"]: row["n"] for row in rows.values("status").annotate(n=Count("pk"))
    }
    attempts = rows.aggregate(total=Sum("attempts"))["total"] or 0
    scenario.retries = attempts - scenario.statuses.get(MessageStatus.SENT, 0)


def purge_queue() -> int:
    from hlm_portal.celery import app

    return app.control.purge() or 0


# --- Report -------------------------------------------------------------------------------------


def versions() -> str:
    import django

    import aiosmtpd
    import celery
    import weasyprint

    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"Celery {celery.__version__}, WeasyPrint {weasyprint.__version__}, "
        f"aiosmtpd {aiosmtpd.__version__}"
    )


def services_versions() -> str:
    from django.db import connection

    from hlm_portal.celery import app

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    with app.connection_for_write() as conn:
        client = conn.default_channel.client
        redis = client.info("server").get("redis_version", "?")
    return f"PostgreSQL {postgres}, Redis {redis}"


def other_cpu_use(seconds: float = 2.0) -> str:
    """Say how busy the CPUs were over the next ``seconds`` (run while the benchmark is idle)."""

    def sample() -> tuple[int, int]:
        # First line of /proc/stat: user nice system idle iowait irq softirq steal …
        ticks = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
        return ticks[3] + ticks[4], sum(ticks)

    try:
        idle_before, total_before = sample()
        time.sleep(seconds)
        idle_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return "unknown"
    total = total_after - total_before
    busy = 1 - (idle_after - idle_before) / total if total else 0.0
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{busy:.0%} of {os.cpu_count()} CPUs busy over {seconds:g} s (load average {load})"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def markdown_table(scenarios: list[Scenario]) -> str:
    rows = [
        "| Worker | Messages | Sent | At the sink | With PDF | msg/s | Total s | First message s "
        "| Steady msg/s | Generate s | Queue s | Retries | Worker CPU s | Bench CPU s "
        "| Worker peak RSS MiB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for s in scenarios:
        received = str(s.received)
        if s.unique_ids != s.received:
            received += f" ({s.received - s.unique_ids} duplicates)"
        rows.append(
            f"| {s.name} | {s.messages} | {s.statuses.get('sent', 0)} | {received} "
            f"| {s.with_pdf} | {fmt(s.rate)} | {fmt(s.total_seconds)} "
            f"| {fmt(s.first_seconds, 2)} | {fmt(s.steady_rate)} | {s.generate_seconds:.1f} "
            f"| {s.queue_seconds:.2f} | {s.retries} | {s.worker_cpu:.1f} | {s.bench_cpu:.1f} "
            f"| {s.worker_peak_mib:.0f} |"
        )
    return "\n".join(rows)


def report(scenarios: list[Scenario], args, services: str, other_cpu: str) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Benchmark of a mailing through Celery ({when})",
        "",
        f"- Machine: {os.cpu_count()} CPUs ({cpu_model()}), {platform.platform()}",
        f"- Software: {versions()}, {services}",
        f"- Mailing: the 2017 demo letter (“{LETTER_NAME}”) to {args.messages} addresses typed "
        "by hand (`delegate{n}@missions.example.org`); the letter reads the same for all, so a "
        "worker process renders its PDF once (`letter_pdf` is cached), on its first message",
        "- Worker: one `celery -A hlm_portal worker` on Redis, started afresh for each row, "
        f"HLM_DEBUG={args.worker_debug}, CONN_MAX_AGE="
        f"{os.environ.get('HLM_CONN_MAX_AGE', '0')}; each message is one task, one SMTP "
        "connection (Django's SMTP backend, no TLS) to an aiosmtpd sink on 127.0.0.1 in the "
        "benchmark process",
        "- CPU: seconds used during the mailing by all the worker's processes, and by the "
        "benchmark process (the sink, the polling, queuing the tasks); peak RSS: the largest "
        "worker process (`VmHWM`)",
        "- Timing: from the call to `send_mailing` (which marks the rows queued and sends one "
        'task each) until the sink has every message and every row is "sent" (polled every '
        "50 ms). msg/s = messages / total; first message = when the sink got the first one "
        "(worker start-up excluded: the worker answered a ping before); steady = between the "
        "first and the last message at the sink. Generate = `generate_mailing`, not included",
        f"- Other CPU use just before the runs: {other_cpu} (other work on the machine "
        "skews the numbers)",
        "",
        markdown_table(scenarios),
        "",
    ]
    for s in scenarios:
        if s.error:
            lines.append(f"**{s.name}: {s.error}**")
            lines.append("")
    return "\n".join(lines)


def write_results(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("HLM_DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        print("HLM_DATABASE_URL must point to a throwaway PostgreSQL database.", file=sys.stderr)
        return 2
    broker_url = os.environ.get("HLM_CELERY_BROKER_URL") or os.environ.get("HLM_TEST_REDIS_URL")
    if not broker_url or not broker_url.startswith("redis://"):
        print("HLM_TEST_REDIS_URL must point to a throwaway Redis server.", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    attach = {"both": [True, False], "yes": [True], "no": [False]}[args.attach]
    scenarios = [
        Scenario(pool=pool, attach_letter=a, concurrency=args.concurrency)
        for pool in args.pools
        for a in attach
    ]
    work_dir = Path(tempfile.mkdtemp(prefix="hlm-bench-mailing-"))
    sink, controller = start_sink()
    worker = None
    try:
        parts = urlsplit(broker_url)
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "hlm_portal.settings",
                "HLM_DEBUG": args.worker_debug,
                "HLM_SECRET_KEY": "bench-" + secrets.token_hex(22),  # used if DEBUG is off
                "HLM_ALLOWED_HOSTS": HOST,
                "HLM_CELERY_BROKER_URL": broker_url,
                "HLM_EMAIL_URL": f"smtp://{HOST}:{controller.port}",
                "HLM_CACHE_URL": os.environ.get("HLM_CACHE_URL")
                or f"{parts.scheme}://{parts.netloc}/1",
                "HLM_STATIC_ROOT": str(work_dir / "static"),
                "HLM_MEDIA_ROOT": str(work_dir / "media"),
                "HLM_SITE_URL": f"http://{HOST}",
                "HLM_LOG_LEVEL": "WARNING",
            }
        )
        print(f"SMTP sink on {HOST}:{controller.port}, broker {broker_url}", flush=True)
        ensure_database(database_url)
        manage("migrate", "--noinput", "-v", "0")
        manage("load_demo")
        setup_django()
        from django.conf import settings

        from hlm_portal.celery import app

        if app.conf.task_always_eager or not settings.CELERY_BROKER_URL:
            raise RuntimeError("Celery runs tasks eagerly: the broker is not configured")
        services = services_versions()
        other_cpu = other_cpu_use()
        for number, scenario in enumerate(scenarios, start=1):
            purged = purge_queue()
            if purged:
                print(f"Purged {purged} leftover tasks", flush=True)
            print(f"{scenario.name}: starting a worker …", flush=True)
            worker = Worker(
                pool=scenario.pool,
                concurrency=scenario.concurrency,
                log_path=work_dir / f"worker-{number}.log",
                number=number,
            )
            try:
                worker.wait_ready()
                measure(scenario, worker=worker, sink=sink, args=args)
            finally:
                worker.stop()
                worker = None
                log = (work_dir / f"worker-{number}.log").read_text(errors="replace")
                if os.environ.get("BENCH_SHOW_WORKER_LOG") or "Traceback" in log:
                    print(f"--- worker log ---\n{log[-4000:]}\n---", flush=True)
            print(
                f"  {scenario.received} at the sink, {fmt(scenario.rate)} msg/s, "
                f"{fmt(scenario.total_seconds)} s total, first after "
                f"{fmt(scenario.first_seconds, 2)} s, generate {scenario.generate_seconds:.1f} s"
                + (f" — {scenario.error}" if scenario.error else ""),
                flush=True,
            )
        text = report(scenarios, args, services, other_cpu)
    finally:
        if worker is not None:
            worker.stop()
        controller.stop()
        shutil.rmtree(work_dir, ignore_errors=True)

    print()
    print(text)
    write_results(text, args.output)
    print(f"Written to {args.output}")
    return 1 if any(s.error or s.unique_ids != s.received for s in scenarios) else 0


if __name__ == "__main__":
    sys.exit(main())
