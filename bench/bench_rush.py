"""Measure the opening-minute rush of a speakers list under gunicorn, on PostgreSQL, DEBUG off.

Run through ``scripts/bench-rush.sh``, which starts a throwaway PostgreSQL and sets
``HLM_DATABASE_URL``. Only point ``HLM_DATABASE_URL`` at a database you can throw away: the
benchmark migrates it, loads the reference data and writes delegations, accounts, sessions
and meetings to it.

Steps: migrate, collectstatic (to a temporary directory), ``load_reference_data``; give each of
195 States (193 Member States and 2 observer States) and 50 observers (the 18 shipped ones plus
synthetic ones) a focal point, signed in through a session written directly to the session
store (no sign-in form, so django-axes plays no part); start gunicorn on a free loopback port;
fetch each client's CSRF token from the inscription page; then, for each round, create a
published meeting with two plenary meetings and a fresh plenary list, open it a moment later
and release all clients at the opening time: each sends the inscription form once, about one
in ten twice at once (a double click). Measured: wall time, inscriptions per second,
p50/p95/p99 latency, errors (any answer but a redirect). The database is then checked: one
inscription per delegation, none twice, every one logged and acknowledged, first come first
served. A burst of the same number of requests on ``/healthz`` (no database) on the same
gunicorn gives the baseline. Finally the SQL queries of one inscription are counted in process
on an empty list and on a full one. Prints a Markdown table and writes it to
``bench/results/rush.md``. Only 127.0.0.1 is contacted. gunicorn is stopped on every exit path.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import (
    BENCH_DIR,
    cpu_busy,
    ensure_database,
    exit_on_sigterm,
    free_port,
    manage,
    postgres_version,
    postmaster_pid,
    production_environment,
    publish,
    redis_cache_url,
    request,
    running_gunicorn,
    setup_django,
    tail,
    throwaway_database_url,
    warn_if_busy,
)
from mailing_worker import Worker
from rush_burst import CPU_GROUPS, Round, burst
from rush_checks import Probe, check_round, checks_pass, probe_inscription
from rush_clients import (
    SLUG_PREFIX,
    Client,
    create_clients,
    create_list,
    fetch_csrf,
    form_body,
    inscribe_path,
    open_list_at,
    remove_earlier_runs,
)
from rush_report import error_summary, fmt_cpu, report

RESULTS_FILE = BENCH_DIR / "results" / "rush.md"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the opening-minute rush of a speakers list of the HLM Portal."
    )
    parser.add_argument("--rounds", type=int, default=3, help="rushes, each on a fresh list [3]")
    parser.add_argument("--states", type=int, default=195, help="States inscribing [195]")
    parser.add_argument("--observers", type=int, default=50, help="observers inscribing [50]")
    parser.add_argument(
        "--double-click", type=float, default=0.1, help="share sending the form twice [0.1]"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers [4]")
    parser.add_argument(
        "--lead", type=float, default=2.0, help="seconds between setting and reaching the opening"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="per request, seconds [120]")
    parser.add_argument(
        "--celery-pool",
        default="solo",
        help="pool of the Celery worker that sends the acknowledgements [solo]",
    )
    parser.add_argument(
        "--celery-concurrency", type=int, default=1, help="its processes (not solo) [1]"
    )
    parser.add_argument("--seed", type=int, default=2017, help="of levels and double clicks")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="Markdown results file")
    parser.add_argument(
        "--show-queries", action="store_true", help="print the SQL of one inscription"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be between 1 and 20")
    if not 0 <= args.double_click <= 1:
        parser.error("--double-click must be between 0 and 1")
    if not 1 <= args.states + args.observers <= 1000:
        parser.error("between 1 and 1000 clients")
    return args


# --- gunicorn's log ------------------------------------------------------------------------------


GUNICORN_PREFIX = re.compile(r"^\[[^]]+\] \[\d+\] \[(\w+)\] ")


def log_summary(path: Path) -> list[tuple[int, str]]:
    """Return the distinct lines of gunicorn's log (start and stop notices left out), counted."""
    counts: dict[str, int] = {}
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return []
    for line in text.splitlines():
        match = GUNICORN_PREFIX.match(line)
        if match and match.group(1) == "INFO":
            continue
        line = GUNICORN_PREFIX.sub(r"[\1] ", line).strip()
        if line:
            counts[line] = counts.get(line, 0) + 1
    return sorted(((n, line) for line, n in counts.items()), reverse=True)


def run_rounds(
    args: argparse.Namespace, clients: list[Client], port: int, log_path: Path
) -> list[Round]:
    from django.db import connection
    from django.utils import timezone

    rounds = []
    for number in range(1, args.rounds + 1):
        speakers_list = create_list(f"{SLUG_PREFIX}-{number}", f"Rush benchmark, round {number}")
        path = inscribe_path(speakers_list.pk)
        since = timezone.now()
        opens = open_list_at(speakers_list, args.lead)
        connection.close()  # the clients' threads do not use the ORM
        print(f"Round {number}: {len(clients)} clients inscribe on {path} …", flush=True)
        rush = burst(
            port,
            clients,
            method="POST",
            path=path,
            with_session=True,
            release_at=opens,
            timeout=args.timeout,
        )
        checks = check_round(speakers_list, clients, rush, since, ack_timeout=args.timeout)
        errors = rush.errors(302)
        confirmation = "/delegation/?inscribed="  # the delegation's page confirms the place
        wrong_redirect = [
            s for s in rush.samples if s.status == 302 and confirmation not in s.location
        ]
        print(
            f"  {rush.requests} requests in {rush.wall:.2f} s, "
            f"{checks['inscriptions']} inscribed ({checks['inscriptions'] / rush.wall:.1f}/s), "
            f"p50 {rush.percentile_ms(50):.0f} ms, p95 {rush.percentile_ms(95):.0f} ms, "
            f"p99 {rush.percentile_ms(99):.0f} ms, errors: {error_summary(errors)}",
            flush=True,
        )
        print(f"  CPU: {fmt_cpu(rush.cpu)}", flush=True)
        print(f"  Checks: {checks}", flush=True)
        if errors:
            print(f"  gunicorn log:\n{tail(log_path, 20)}", flush=True)
        connection.close()
        print(f"Round {number}: {rush.requests} requests on /healthz …", flush=True)
        healthz = burst(
            port, clients, method="GET", path="/healthz", with_session=False, timeout=args.timeout
        )
        print(
            f"  {healthz.requests} requests in {healthz.wall:.2f} s ({healthz.rate:.1f}/s), "
            f"p50 {healthz.percentile_ms(50):.0f} ms, p95 {healthz.percentile_ms(95):.0f} ms, "
            f"p99 {healthz.percentile_ms(99):.0f} ms, errors: "
            f"{error_summary(healthz.errors(200))}",
            flush=True,
        )
        result = Round(number, speakers_list.pk, rush, healthz, checks)
        result.ok = (
            checks_pass(checks, len(clients))
            and not errors
            and not healthz.errors(200)
            and not wrong_redirect
        )
        rounds.append(result)
    return rounds


def warm_up(port: int, clients: list[Client], workers: int) -> None:
    """Send a few inscriptions on a list of their own, so every worker has run the POST path."""
    from django.db import connection

    speakers_list = create_list(f"{SLUG_PREFIX}-warm-up", "Rush benchmark (warm-up)")
    open_list_at(speakers_list, -1)
    connection.close()
    path = inscribe_path(speakers_list.pk)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    def post(client: Client) -> int:
        status, _headers, _body = request(
            port,
            "POST",
            path,
            headers={**headers, "Cookie": client.cookie_header()},
            body=form_body(client),
        )
        return status

    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = list(pool.map(post, clients[: 4 * workers]))
    if any(status != 302 for status in statuses):
        raise RuntimeError(f"Warm-up inscriptions answered {statuses}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = throwaway_database_url()
    if database_url is None:
        return 2
    exit_on_sigterm()

    redis_url = os.environ.get("HLM_TEST_REDIS_URL", "")
    if not redis_url:
        print("HLM_TEST_REDIS_URL must point to a throwaway Redis (the broker).", file=sys.stderr)
        return 2
    work_dir = Path(tempfile.mkdtemp(prefix="hlm-bench-rush-"))
    # As in production: the acknowledgements go through the Redis broker to a Celery worker,
    # the cache (page versions, and sessions if the settings keep them there) on Redis too.
    # django.core.mail.backends.dummy: no disk I/O
    os.environ.update(
        production_environment(
            work_dir,
            HLM_EMAIL_URL="dummymail://",
            HLM_CELERY_BROKER_URL=redis_url,
            HLM_CACHE_URL=redis_cache_url(redis_url),
        )
    )
    probes: list[Probe] = []
    log_lines: list[tuple[int, str]] = []
    try:
        ensure_database(database_url)
        manage("migrate", "--noinput", "-v", "0")
        manage("collectstatic", "--noinput", "-v", "0")
        manage("load_reference_data")
        setup_django()
        from django.db import connection

        remove_earlier_runs()
        print("Creating focal points and their sessions …", flush=True)
        clients = create_clients(args)
        print(
            f"  {len(clients)} signed-in focal points, "
            f"{sum(c.double_click for c in clients)} of whom double-click",
            flush=True,
        )
        database = postgres_version()
        postmaster = postmaster_pid()
        connection.close()
        busy, _busiest = cpu_busy()
        warn_if_busy(busy)

        port = free_port()
        log_path = work_dir / "gunicorn.log"
        worker = Worker(
            pool=args.celery_pool,
            concurrency=args.celery_concurrency,
            log_path=work_dir / "celery.log",
            number=1,
        )
        try:
            worker.wait_ready()
            with running_gunicorn(
                port=port,
                workers=args.workers,
                log_path=log_path,
                options=["--threads", "1"],
                ready_path="/healthz",
            ) as process:
                CPU_GROUPS["gunicorn"] = [process.pid]
                CPU_GROUPS["Celery worker"] = [worker.process.pid]
                if postmaster:
                    CPU_GROUPS["PostgreSQL"] = [postmaster]
                csrf_list = create_list(f"{SLUG_PREFIX}-csrf", "Rush benchmark (CSRF tokens)")
                connection.close()
                print("Fetching a CSRF token per client …", flush=True)
                with ThreadPoolExecutor(max_workers=args.workers) as pool:
                    list(pool.map(lambda c: fetch_csrf(port, c, csrf_list.pk), clients))
                warm_up(port, clients, args.workers)
                rounds = run_rounds(args, clients, port, log_path)
            print("Counting the SQL queries of one inscription in process …", flush=True)
            from speakers.models import SpeakersList

            probes = probe_inscription(SpeakersList.objects.get(pk=rounds[-1].list_pk))
        finally:
            worker.stop()
            log_lines = log_summary(log_path)
            for count, line in log_lines[:20]:
                print(f"  gunicorn log: {count} × {line[:300]}", flush=True)
            celery_log = tail(work_dir / "celery.log", 10)
            if celery_log.strip():
                print(f"  Celery worker's log (last lines):\n{celery_log}", flush=True)
        for probe in probes:
            print(
                f"  {probe.label} ({probe.placed} on the list): {probe.status}, "
                f"{probe.queries} queries, {probe.ms:.1f} ms",
                flush=True,
            )
            if args.show_queries:
                for number, sql in enumerate(probe.sql, start=1):
                    print(f"    {number:2d}. {sql[:400]}", flush=True)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    text = report(
        args=args,
        clients=clients,
        rounds=rounds,
        probes=probes,
        database=database,
        busy=busy,
        log_lines=log_lines,
    )
    publish(text, args.output)
    return 0 if all(r.ok for r in rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
