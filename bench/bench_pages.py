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
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    BENCH_DIR,
    DEMO_SLUG,
    HOST,
    cpu_busy,
    describe_busy,
    ensure_database,
    exit_on_sigterm,
    free_port,
    manage,
    markdown_table,
    percentile_ms,
    postgres_version,
    postmaster_pid,
    process_ticks,
    production_environment,
    publish,
    redis_cache_url,
    report_head,
    request,
    run,
    running_gunicorn,
    setup_django,
    tail,
    throwaway_database_url,
    versions,
    warn_if_busy,
)

RESULTS_FILE = BENCH_DIR / "results" / "latest.md"
LARGE_SLUG = "bench-large-meeting"  # bench/large_meeting.py SLUG
OTHERS_WARNING = 0.05  # warn when other processes use this share of the CPUs during the load


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
        return percentile_ms(self.latencies, p)


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


def count_queries(pages: list[Page]) -> None:
    """Request each page twice in process; keep the query count of the second (warm) request."""
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

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
                status, _headers, body = request(port, "GET", page.path)
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


def pages_table(pages: list[Page]) -> str:
    rows = []
    for page in pages:
        queries = str(page.queries)
        if page.cold_queries != page.queries:
            queries += f" (first: {page.cold_queries})"
        rows.append(
            [
                page.name,
                f"`{page.path}`",
                page.requests,
                page.errors,
                f"{page.rate:.1f}",
                *(f"{page.percentile_ms(p):.1f}" for p in (50, 95, 99)),
                queries,
                f"{page.size / 1024:.1f}",
                "?" if page.other_cpu is None else f"{page.other_cpu:.0%}",
            ]
        )
    header = ["Page", "URL", "Requests", "Errors", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    header += ["SQL queries", "Size KiB", "Other CPU"]
    return markdown_table(header, rows, align="ll" + "r" * 9)


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


def conn_max_age() -> str:
    """Return the CONN_MAX_AGE the settings give gunicorn (from ``HLM_CONN_MAX_AGE`` or default)."""
    from django.conf import settings

    return str(settings.DATABASES["default"]["CONN_MAX_AGE"])


def report(pages: list[Page], args: argparse.Namespace, database: str, busy: float | None) -> str:
    return "\n".join(
        [
            *report_head("Benchmark of the public pages", f"{versions('gunicorn')}, {database}"),
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
            pages_table(pages),
            "",
            query_growth(pages),
            "",
            interference(pages),
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = throwaway_database_url()
    if database_url is None:
        return 2
    exit_on_sigterm()

    work_dir = Path(tempfile.mkdtemp(prefix="hlm-bench-"))
    os.environ.update(production_environment(work_dir))
    # Production keeps its cache (rate limits) in Redis: use scripts/services.sh's Redis.
    if cache_url := redis_cache_url():
        os.environ["HLM_CACHE_URL"] = cache_url
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
        from django.db import connection

        database, postmaster = postgres_version(), postmaster_pid()
        connection.close()
        roots = {os.getpid()} | ({postmaster} if postmaster else set())
        busy, busiest = cpu_busy(busiest=3)
        warn_if_busy(busy, busiest)

        port = free_port()
        log_path = work_dir / "gunicorn.log"
        with running_gunicorn(port=port, workers=args.workers, log_path=log_path):
            for page in pages:
                for _ in range(args.warmup):
                    status, _headers, _body = request(port, "GET", page.path)
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
        shutil.rmtree(work_dir, ignore_errors=True)

    publish(report(pages, args, database, busy), args.output)
    return 1 if any(page.errors for page in pages) else 0


if __name__ == "__main__":
    sys.exit(main())
