"""Measure the public pages of the portal under gunicorn, on PostgreSQL, with DEBUG off.

Run through ``make bench`` (``scripts/bench.sh``), which starts a throwaway PostgreSQL and sets
``HLM_DATABASE_URL``. Only point ``HLM_DATABASE_URL`` at a database you can throw away: the
benchmark migrates it, loads the demo data and (re)creates synthetic meetings in it.

Steps: migrate, collectstatic (to a temporary directory), load_demo, create the synthetic large
meeting (``bench/large_meeting.py``) and the meeting with a long list of speakers
(``bench/large_list.py``); count the SQL queries of each page in process with the Django test
client; start gunicorn on a free loopback port; load ``/healthz`` (the baseline), each page,
and ``/healthz`` again with a few client threads for a bounded time or number of requests;
then, one request at a time, each page right after a write through the portal's services
(cold) and again (warm), checking that the answers show the write; then the first request of
each page in a freshly started worker (``bench/pages_cold.py``). Prints Markdown tables and
writes them to ``bench/results/latest.md`` (``bench/pages_report.py``); last, profiles the
two slowest pages in process (``bench/profile_pages.py``, ``bench/results/profile.md``).
Only 127.0.0.1 is contacted. gunicorn is stopped on every exit path.
"""

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import (
    BENCH_DIR,
    DEMO_SLUG,
    HOST,
    cpu_busy,
    ensure_database,
    exit_on_sigterm,
    free_port,
    manage,
    postgres_version,
    postmaster_pid,
    process_ticks,
    production_environment,
    publish,
    redis_cache_url,
    request,
    run,
    running_gunicorn,
    setup_django,
    tail,
    throwaway_database_url,
    warn_if_busy,
)
from large_list import SLUG as LIST_SLUG
from large_meeting import SLUG as LARGE_SLUG
from pages_cold import TOUCHES, cold_and_warm, first_after_start
from pages_report import HEALTHZ, Page, report
from profile_pages import profile_pages

RESULTS_FILE = BENCH_DIR / "results" / "latest.md"
PROFILE_FILE = BENCH_DIR / "results" / "profile.md"
PROFILED = ["Large meeting page, 60 segments", "Lists of speakers, 250 statements"]


PAGES = [
    Page("`/healthz` (trivial view, no database)", HEALTHZ, "ok"),
    Page("Home (meeting list)", "/", "High-level meetings of the General Assembly", "status"),
    Page(
        "Demo meeting (2017), 7 segments",
        f"/meetings/{DEMO_SLUG}/",
        "Interactive panel discussion 1",
        "demo-invitation",
    ),
    Page("Large meeting page, 60 segments", f"/meetings/{LARGE_SLUG}/", "Segment 60", "invitation"),
    Page(
        "Concept note (a segment of the large meeting)",
        f"/meetings/{LARGE_SLUG}/segments/{{segment}}/",
        "Question 5?",
        "invitation",
    ),
    Page(
        "Large meeting calendar.ics",
        f"/meetings/{LARGE_SLUG}/calendar.ics",
        "BEGIN:VEVENT",
        "invitation",
    ),
    Page("A document of the large meeting (PDF)", "/documents/{document}/", "%PDF", "invitation"),
    Page(
        "Lists of speakers, 250 statements",
        f"/meetings/{LIST_SLUG}/speakers/",
        "<td>250</td>",
        "speaker",
    ),
    Page("`/healthz` again, after the pages", HEALTHZ, "ok"),
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
    parser.add_argument("--speakers", type=int, default=250, help="on the long list [250]")
    parser.add_argument(
        "--cold-samples", type=int, default=20, help="cold and warm requests per page [20]"
    )
    parser.add_argument(
        "--no-start", action="store_true", help="skip the first request after a server start"
    )
    parser.add_argument(
        "--profile-requests", type=int, default=30, help="per profiled page, 0 for none [30]"
    )
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="Markdown results file")
    parser.add_argument(
        "--profile-output", type=Path, default=PROFILE_FILE, help="Markdown profile file"
    )
    return parser.parse_args(argv)


def resolve_paths(pages: list[Page]) -> int:
    """Fill in the segment and the document of the large meeting; return the segment's pk.

    The segment is the second (a panel, with participants and a concept note); the document
    the one ``large_meeting.py`` gave a file.
    """
    from meetings.models import Document, Segment

    segment = Segment.objects.get(meeting__slug=LARGE_SLUG, position=2)
    document = Document.objects.filter(meeting__slug=LARGE_SLUG).exclude(file="").get()
    for page in pages:
        page.path = page.path.format(segment=segment.pk, document=document.pk)
    return segment.pk


def count_queries(pages: list[Page]) -> None:
    """Request each page twice in process; keep the query count of the second (warm) request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME=HOST)
    for page in pages:
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.path, secure=False)
                # A file's response streams: read it inside, its queries count too.
                body = b"".join(response) if response.streaming else response.content
            if response.status_code != 200 or page.marker.encode() not in body:
                raise RuntimeError(
                    f"{page.path}: status {response.status_code}, marker {page.marker!r} missing"
                )
            counts.append(len(captured.captured_queries))
        page.cold_queries, page.queries = counts
        page.size = len(body)
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
    pages = [Page(p.name, p.path, p.marker, p.touch) for p in PAGES]
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
        run(sys.executable, str(BENCH_DIR / "large_list.py"), f"--speakers={args.speakers}")
        setup_django()
        segment_pk = resolve_paths(pages)
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
            cold_and_warm(pages, port=port, samples=args.cold_samples, segment_pk=segment_pk)
        if not args.no_start:
            first_after_start(pages, log_path=log_path)
        if args.profile_requests:
            profiled = [p for p in pages if p.name in PROFILED]
            profile_pages(
                [(p.name, p.path) for p in profiled],
                requests=args.profile_requests,
                output=args.profile_output,
            )
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    publish(report(pages, args, database, busy, TOUCHES), args.output)
    return 1 if any(page.errors or page.stale for page in pages) else 0


if __name__ == "__main__":
    sys.exit(main())
