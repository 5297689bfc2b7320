"""Measure the public pages of the portal under gunicorn, on PostgreSQL, with DEBUG off.

Run through ``make bench`` (``scripts/bench.sh``), which starts a throwaway PostgreSQL and sets
``HLM_DATABASE_URL``. Only point ``HLM_DATABASE_URL`` at a database you can throw away: the
benchmark migrates it, loads the demo data and (re)creates a synthetic meeting in it.

Steps: migrate, collectstatic (to a temporary directory), load_demo, create the synthetic large
meeting (``bench/large_meeting.py``); count the SQL queries of each page in process with the
Django test client; start gunicorn on a free loopback port; load each page with a few client
threads for a bounded time or number of requests; print a Markdown table and write it to
``bench/results/latest.md``. Only 127.0.0.1 is contacted. gunicorn is stopped on every exit path.
"""

import argparse
import http.client
import math
import os
import platform
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
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
RESULTS_FILE = BENCH_DIR / "results" / "latest.md"
HOST = "127.0.0.1"
DEMO_SLUG = "trafficking-in-persons-2017"
LARGE_SLUG = "bench-large-meeting"  # bench/large_meeting.py SLUG
BUSY_WARNING = 0.2  # warn when other processes keep this share of the CPUs busy
OTHERS_WARNING = 0.05  # the same, during the load


@dataclass
class Page:
    name: str
    path: str
    marker: str  # text the response must contain, so an error page is not measured
    queries: int | None = None
    cold_queries: int | None = None
    size: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: int = 0
    wall: float = 0.0
    other_cpu: float | None = None  # share of the CPUs used by other processes during the load

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.requests / self.wall if self.wall else 0.0

    def percentile_ms(self, p: float) -> float:
        """Return the ``p``-th percentile latency (nearest rank) in milliseconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1] * 1000


PAGES = [
    Page("Home (meeting list)", "/", "High-level meetings of the General Assembly"),
    Page("Demo meeting (2017)", f"/meetings/{DEMO_SLUG}/", "Interactive panel discussion 1"),
    Page("Large meeting page", f"/meetings/{LARGE_SLUG}/", "Segment 60"),
    Page("Large meeting calendar.ics", f"/meetings/{LARGE_SLUG}/calendar.ics", "BEGIN:VEVENT"),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the public pages of the HLM Portal.")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per page [10]")
    parser.add_argument("--max-requests", type=int, default=2000, help="per page [2000]")
    parser.add_argument("--threads", type=int, default=4, help="client threads [4]")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers [2]")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per page [20]")
    parser.add_argument("--segments", type=int, default=60, help="of the large meeting [60]")
    parser.add_argument("--days", type=int, default=5, help="of the large meeting [5]")
    parser.add_argument("--participants", type=int, default=8, help="per segment [8]")
    parser.add_argument("--documents", type=int, default=100, help="of the large meeting [100]")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="Markdown results file")
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


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


def count_queries(pages: list[Page]) -> None:
    """Request each page twice in process; keep the query count of the second (warm) request."""
    import django
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlm_portal.settings")
    sys.path.insert(0, str(REPO_ROOT))
    django.setup()
    client = Client(SERVER_NAME=HOST)
    for page in pages:
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.path, secure=False)
            if response.status_code != 200 or page.marker not in response.text:
                raise RuntimeError(
                    f"{page.path}: status {response.status_code}, marker {page.marker!r} missing"
                )
            counts.append(len(captured.captured_queries))
        page.cold_queries, page.queries = counts
        page.size = len(response.content)
    connection.close()


def start_gunicorn(*, port: int, workers: int, log_path: Path) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "hlm_portal.wsgi", "-w", str(workers), "-b", f"{HOST}:{port}"]
    help_text = subprocess.run(
        [gunicorn, "--help"], capture_output=True, text=True, check=True
    ).stdout
    if "--no-control-socket" in help_text:
        command.append("--no-control-socket")  # else it creates ~/.gunicorn/gunicorn.ctl
    command += ["--error-logfile", str(log_path)]
    print("$", " ".join(command), flush=True)
    log = log_path.open("ab")
    try:
        return subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    finally:
        log.close()


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # graceful: finishes the requests in progress
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    print(f"gunicorn (pid {process.pid}) stopped", flush=True)


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """GET ``path`` on a new connection (gunicorn's sync workers close it after each response)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_up(port: int, process: subprocess.Popen, log_path: Path, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            status, _body = fetch(port, "/")
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise RuntimeError(f"GET / answered {status}:\n{tail(log_path)}")
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{tail(log_path)}")


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def load(page: Page, *, port: int, threads: int, duration: float, max_requests: int) -> None:
    """Request ``page`` from ``threads`` threads until ``duration`` s or ``max_requests``."""
    lock = threading.Lock()
    issued = 0
    start = time.perf_counter()
    deadline = start + duration

    def worker() -> None:
        nonlocal issued
        latencies, errors = [], 0
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    break
                issued += 1
            t0 = time.perf_counter()
            try:
                status, body = fetch(port, page.path)
                ok = status == 200 and bool(body)
            except OSError:
                ok = False
            if ok:
                latencies.append(time.perf_counter() - t0)
            else:
                errors += 1
        with lock:
            page.latencies.extend(latencies)
            page.errors += errors

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    page.wall = time.perf_counter() - start


def query_growth(pages: list[Page]) -> str:
    """Return a warning if the large meeting needs more queries than the demo meeting."""
    by_path = {page.path: page for page in pages}
    demo = by_path[f"/meetings/{DEMO_SLUG}/"].queries or 0
    large = by_path[f"/meetings/{LARGE_SLUG}/"].queries or 0
    if large > demo:
        return (
            f"**Warning:** the large meeting's page needs {large} queries, the demo meeting's "
            f"{demo}: the count grows with the size of the meeting (an N+1 query)."
        )
    return "The large meeting's page needs no more queries than the demo meeting's."


def interference(pages: list[Page]) -> str:
    """Say whether other processes used the CPUs while the pages were loaded."""
    worst = max((page.other_cpu or 0.0 for page in pages), default=0.0)
    if worst > OTHERS_WARNING:
        return (
            f"**Warning:** other processes used up to {worst:.0%} of the CPUs during the load "
            "(column Other CPU): these numbers are not comparable with an idle machine's."
        )
    return f"Other processes used at most {worst:.0%} of the CPUs during the load."


def markdown_table(pages: list[Page]) -> str:
    rows = [
        "| Page | URL | Requests | Errors | req/s | p50 ms | p95 ms | p99 ms | SQL queries "
        "| Size KiB | Other CPU |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page in pages:
        queries = str(page.queries)
        if page.cold_queries != page.queries:
            queries += f" (first: {page.cold_queries})"
        rows.append(
            f"| {page.name} | `{page.path}` | {page.requests} | {page.errors} "
            f"| {page.rate:.1f} | {page.percentile_ms(50):.1f} | {page.percentile_ms(95):.1f} "
            f"| {page.percentile_ms(99):.1f} | {queries} | {page.size / 1024:.1f} "
            f"| {'?' if page.other_cpu is None else f'{page.other_cpu:.0%}'} |"
        )
    return "\n".join(rows)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def process_ticks() -> dict[int, tuple[int, int]]:
    """Return the parent and CPU time (user + system, in clock ticks) of every process, by pid."""
    ticks = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process has ended
        fields = stat[stat.rindex(")") + 2 :].split()  # fields from the 3rd (state) on
        ticks[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return ticks


def others_share(
    before: dict[int, tuple[int, int]], after: dict[int, tuple[int, int]], *, roots, seconds
) -> float:
    """Return the share of all CPUs used by processes that do not descend from ``roots``.

    Only processes alive at both ends count: short-lived ones escape the measure.
    """
    parents = {pid: ppid for pid, (ppid, _ticks) in after.items()}

    def ours(pid: int) -> bool:
        for _ in range(64):
            if pid in roots:
                return True
            if pid <= 1:
                return False
            pid = parents.get(pid, 0)
        return False

    ticks = sum(
        t - before[pid][1] for pid, (_ppid, t) in after.items() if pid in before and not ours(pid)
    )
    return ticks / (os.sysconf("SC_CLK_TCK") * seconds * (os.cpu_count() or 1))


def command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()[:70] or "?"


def cpu_busy(seconds: float = 2.0) -> tuple[float | None, list[str]]:
    """Return how busy all CPUs were over the next ``seconds`` (0 to 1) and the busiest processes.

    Meant to run while the benchmark itself is idle, so that any use is someone else's.
    """

    def machine() -> tuple[int, int]:
        # First line of /proc/stat: user nice system idle iowait irq softirq steal guest …
        ticks = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
        return ticks[3] + ticks[4], sum(ticks)

    try:
        (idle_before, total_before), processes_before = machine(), process_ticks()
        time.sleep(seconds)
        (idle_after, total_after), processes_after = machine(), process_ticks()
    except (OSError, ValueError, IndexError):
        return None, []
    total = total_after - total_before
    busy = 1 - (idle_after - idle_before) / total if total else None
    clock = os.sysconf("SC_CLK_TCK") * seconds
    used = sorted(
        (
            (t - processes_before.get(pid, (0, 0))[1], pid)
            for pid, (_, t) in processes_after.items()
        ),
        reverse=True,
    )
    busiest = [
        f"{delta / clock:.0%} pid {pid} {command_line(pid)}"
        for delta, pid in used[:3]
        if delta / clock >= 0.05
    ]
    return busy, busiest


def describe_busy(busy: float | None) -> str:
    if busy is None:
        return "unknown"
    return f"{busy:.0%} of {os.cpu_count()} CPUs busy over 2 s"


def versions() -> str:
    import django

    import gunicorn

    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__}"
    )


def conn_max_age() -> str:
    """Return the CONN_MAX_AGE the settings give gunicorn (from ``HLM_CONN_MAX_AGE`` or default)."""
    from django.conf import settings

    return str(settings.DATABASES["default"]["CONN_MAX_AGE"])


def postgres_info() -> tuple[str, int | None]:
    """Return the server's version and, when it runs on this machine, its postmaster's pid."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version'), pg_backend_pid()")
        version, backend = cursor.fetchone()
    try:
        stat = Path(f"/proc/{backend}/stat").read_text()
        postmaster = int(stat[stat.rindex(")") + 2 :].split()[1])
    except (OSError, ValueError, IndexError):
        postmaster = None  # a remote server, or another machine's pid
    connection.close()
    return f"PostgreSQL {version}", postmaster


def report(pages: list[Page], args: argparse.Namespace, database: str, busy: float | None) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            f"# Benchmark of the public pages ({when})",
            "",
            f"- Machine: {os.cpu_count()} CPUs ({cpu_model()}), {platform.platform()}",
            f"- Software: {versions()}, {database}",
            f"- Other CPU use just before the load: {describe_busy(busy)} "
            "(other work on the machine skews the numbers)",
            f"- Server: gunicorn, {args.workers} sync workers, DEBUG off, "
            f"CONN_MAX_AGE={conn_max_age()}, "
            f"cache {os.environ.get('HLM_CACHE_URL', '').split(':', 1)[0] or 'default'}",
            f"- Load: {args.threads} client threads on the same machine, new connection per "
            f"request, {args.duration:g} s or {args.max_requests} requests per page, "
            f"whichever comes first, after {args.warmup} warm-up requests",
            f"- Large meeting: {args.segments} segments over {args.days} days, "
            f"{args.participants} participants and a concept note each, "
            f"{args.documents} documents",
            "- SQL queries: counted in process with the Django test client (second request; "
            "the first in brackets where it differs)",
            "",
            markdown_table(pages),
            "",
            query_growth(pages),
            "",
            interference(pages),
            "",
        ]
    )


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
    # SIGTERM ends the run through the finally blocks, so gunicorn is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    work_dir = Path(tempfile.mkdtemp(prefix="hlm-bench-"))
    os.environ.update(
        {
            "HLM_DEBUG": "false",
            "HLM_SECRET_KEY": "bench-" + secrets.token_hex(22),  # 50 characters, new each run
            "HLM_ALLOWED_HOSTS": HOST,
            "HLM_SECURE_SSL_REDIRECT": "false",
            "HLM_STATIC_ROOT": str(work_dir / "static"),
            "HLM_MEDIA_ROOT": str(work_dir / "media"),
            "HLM_SITE_URL": f"http://{HOST}",
            "HLM_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "hlm_portal.settings",
        }
    )
    # Production keeps its cache (rate limits) in Redis: use scripts/services.sh's Redis.
    redis_url = os.environ.get("HLM_TEST_REDIS_URL", "")
    if redis_url and not os.environ.get("HLM_CACHE_URL"):
        os.environ["HLM_CACHE_URL"] = redis_url.rsplit("/", 1)[0] + "/1"
    pages = [Page(p.name, p.path, p.marker) for p in PAGES]
    try:
        ensure_database(database_url)
        manage("migrate", "--noinput", "-v", "0")
        manage("collectstatic", "--noinput", "-v", "0")
        manage("load_demo")
        run(
            sys.executable,
            str(BENCH_DIR / "large_meeting.py"),
            f"--segments={args.segments}",
            f"--days={args.days}",
            f"--participants={args.participants}",
            f"--documents={args.documents}",
        )
        count_queries(pages)
        database, postmaster = postgres_info()
        roots = {os.getpid()} | ({postmaster} if postmaster else set())
        busy, busiest = cpu_busy()
        if busy is not None and busy > BUSY_WARNING:
            print(f"Warning: the machine is busy ({describe_busy(busy)}):", flush=True)
            for line in busiest:
                print(f"  {line}", flush=True)

        port = free_port()
        log_path = work_dir / "gunicorn.log"
        process = start_gunicorn(port=port, workers=args.workers, log_path=log_path)
        try:
            wait_until_up(port, process, log_path)
            for page in pages:
                for _ in range(args.warmup):
                    status, _body = fetch(port, page.path)
                    if status != 200:
                        raise RuntimeError(f"{page.path} answered {status}:\n{tail(log_path)}")
                print(f"Loading {page.path} …", flush=True)
                before = process_ticks()
                load(
                    page,
                    port=port,
                    threads=args.threads,
                    duration=args.duration,
                    max_requests=args.max_requests,
                )
                page.other_cpu = others_share(
                    before, process_ticks(), roots=roots, seconds=page.wall
                )
                print(
                    f"  {page.requests} requests, {page.errors} errors, {page.rate:.1f} req/s, "
                    f"other processes {page.other_cpu:.0%} of the CPUs, "
                    f"p50 {page.percentile_ms(50):.1f} ms, p95 {page.percentile_ms(95):.1f} ms, "
                    f"p99 {page.percentile_ms(99):.1f} ms, {page.queries} SQL queries",
                    flush=True,
                )
        finally:
            stop_gunicorn(process)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    text = report(pages, args, database, busy)
    print()
    print(text)
    write_results(text, args.output)
    print(f"Written to {args.output}")
    return 1 if any(page.errors for page in pages) else 0


if __name__ == "__main__":
    sys.exit(main())
