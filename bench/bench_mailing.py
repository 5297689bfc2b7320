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
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from common import (
    BENCH_DIR,
    DEMO_SLUG,
    HOST,
    REPO_ROOT,
    ensure_database,
    exit_on_sigterm,
    free_port,
    manage,
    markdown_table,
    other_cpu_use,
    postgres_version,
    proc_stat,
    proc_stats,
    production_environment,
    publish,
    redis_cache_url,
    report_head,
    setup_django,
    tail,
    throwaway_database_url,
    versions,
    vm_hwm_kib,
)

RESULTS_FILE = BENCH_DIR / "results" / "mailing.md"
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


def start_sink():
    from aiosmtpd.controller import Controller

    sink = CountingSink()
    # A fixed server name: else aiosmtpd looks the host name up for every connection.
    controller = Controller(sink, hostname=HOST, port=free_port(), server_hostname="bench-sink")
    controller.start()
    return sink, controller


# --- Processes and the database --------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """Return ``root`` and its descendants' pids."""
    parents = {pid: int(fields[1]) for pid, fields in proc_stats().items()}
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def cpu_seconds(pid: int) -> float:
    fields = proc_stat(pid)
    if fields is None:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib(pid: int) -> float:
    return (vm_hwm_kib(pid) or 0) / 1024


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
    from meetings.models import OutgoingMessage
    from meetings.services.mailings import generate_mailing, send_mailing

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


def services_versions() -> str:
    """Return the versions of PostgreSQL (without the distribution's suffix) and Redis."""
    from hlm_portal.celery import app

    postgres = " ".join(postgres_version().split()[:2])
    with app.connection_for_write() as conn:
        client = conn.default_channel.client
        redis = client.info("server").get("redis_version", "?")
    return f"{postgres}, Redis {redis}"


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def scenarios_table(scenarios: list[Scenario]) -> str:
    rows = []
    for s in scenarios:
        received = str(s.received)
        if s.unique_ids != s.received:
            received += f" ({s.received - s.unique_ids} duplicates)"
        rows.append(
            [
                s.name,
                s.messages,
                s.statuses.get("sent", 0),
                received,
                s.with_pdf,
                fmt(s.rate),
                fmt(s.total_seconds),
                fmt(s.first_seconds, 2),
                fmt(s.steady_rate),
                f"{s.generate_seconds:.1f}",
                f"{s.queue_seconds:.2f}",
                s.retries,
                f"{s.worker_cpu:.1f}",
                f"{s.bench_cpu:.1f}",
                f"{s.worker_peak_mib:.0f}",
            ]
        )
    header = ["Worker", "Messages", "Sent", "At the sink", "With PDF", "msg/s", "Total s"]
    header += ["First message s", "Steady msg/s", "Generate s", "Queue s", "Retries"]
    header += ["Worker CPU s", "Bench CPU s", "Worker peak RSS MiB"]
    return markdown_table(header, rows)


def report(scenarios: list[Scenario], args, services: str, other_cpu: str) -> str:
    lines = [
        *report_head(
            "Benchmark of a mailing through Celery",
            f"{versions('Celery', 'WeasyPrint', 'aiosmtpd')}, {services}",
        ),
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
        scenarios_table(scenarios),
        "",
    ]
    for s in scenarios:
        if s.error:
            lines.append(f"**{s.name}: {s.error}**")
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = throwaway_database_url()
    if database_url is None:
        return 2
    broker_url = os.environ.get("HLM_CELERY_BROKER_URL") or os.environ.get("HLM_TEST_REDIS_URL")
    if not broker_url or not broker_url.startswith("redis://"):
        print("HLM_TEST_REDIS_URL must point to a throwaway Redis server.", file=sys.stderr)
        return 2
    exit_on_sigterm()

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
        os.environ.update(
            production_environment(
                work_dir,
                HLM_DEBUG=args.worker_debug,  # the secret key is used if DEBUG is off
                HLM_CELERY_BROKER_URL=broker_url,
                HLM_EMAIL_URL=f"smtp://{HOST}:{controller.port}",
                HLM_CACHE_URL=redis_cache_url(broker_url),
            )
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

    publish(text, args.output)
    return 1 if any(s.error or s.unique_ids != s.received for s in scenarios) else 0


if __name__ == "__main__":
    sys.exit(main())
