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
messages (``meetings.services.mailings.generate_mailing``), then time ``send_mailing``
until the sink has received every message and every outbox row is "sent"; stop the
worker. The letter is
the same for every recipient, so each worker process renders its PDF once (``letter_pdf`` is
cached). Prints a Markdown table and writes it to ``bench/results/mailing.md``. Only
127.0.0.1 is contacted. The worker and the sink are stopped on every exit path.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import (
    BENCH_DIR,
    DEMO_SLUG,
    HOST,
    ensure_database,
    exit_on_sigterm,
    manage,
    other_cpu_use,
    postmaster_pid,
    production_environment,
    publish,
    redis_cache_url,
    setup_django,
    tail,
    throwaway_database_url,
)
from cpu_groups import cpu_delta, cpu_snapshot
from mailing_report import LETTER_NAME, RSS_EVERY, Scenario, fmt, report, services_versions
from mailing_worker import Worker
from smtp_sink import CountingSink, start_sink

RESULTS_FILE = BENCH_DIR / "results" / "mailing.md"
MAILING_TITLE = "Benchmark mailing"
ADDRESS = "delegate{n}@missions.example.org"


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
        default="false",
        choices=["true", "false"],
        help="HLM_DEBUG of the worker (false, as in production; true as in the integration "
        "tests) [false]",
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
    groups = {"worker": [worker.process.pid]}
    if postmaster := postmaster_pid():
        groups["PostgreSQL"] = [postmaster]
    cpu_before = cpu_snapshot(groups, own="benchmark")
    scenario.rss = [(0, worker.rss_mib())]
    start = time.perf_counter()
    queued = send_mailing(mailing=mailing)
    scenario.queue_seconds = time.perf_counter() - start
    if queued != args.messages:
        raise RuntimeError(f"send_mailing queued {queued} messages")
    deadline = start + args.timeout
    sampled = 0.0
    while True:
        sent = rows.filter(status=MessageStatus.SENT).count()
        now = time.perf_counter()
        if now - sampled >= RSS_EVERY:
            scenario.rss.append((sink.count, worker.rss_mib()))
            sampled = now
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
    scenario.cpu = cpu_delta(cpu_before, cpu_snapshot(groups, own="benchmark"))
    scenario.worker_peak_mib = worker.peak_rss_mib()
    scenario.rss.append((sink.count, worker.rss_mib()))
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
