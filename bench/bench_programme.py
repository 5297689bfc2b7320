"""Measure the generation of a meeting's programme (HTML and PDF) on PostgreSQL, with DEBUG off.

Run through ``scripts/bench-celery.sh``, which starts a throwaway PostgreSQL and sets
``HLM_DATABASE_URL``. Only point ``HLM_DATABASE_URL`` at a database you can throw away: the
benchmark migrates it, loads the reference and demo data and writes a meeting to it.

Steps: migrate, ``load_reference_data``, ``load_demo``; copy the 2017 demo meeting (two days,
seven segments, opening speakers, chairs, panellists, two concept notes) to a meeting of its
own, ``bench-programme``; give it a plenary list of 250 statements (195 States, the observers
shipped and synthetic observer organizations, the first few on behalf of groups of States)
and a list for each panel, all through ``speakers.services.inscribe`` as staff; then call
``meetings.services.programme.generate_programme`` once cold and ``--runs`` times warm in this
process, changing a segment's description before each call so that every call renders a new version.
Each call is timed, with its SQL queries and the time spent building the content, rendering
the HTML and rendering the PDF. Two subprocesses give the peak memory (``ru_maxrss``): one
only sets Django up, the other also generates one version. Prints a Markdown table and writes
it to ``bench/results/programme.md``. Only 127.0.0.1 is contacted.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    BENCH_DIR,
    REPO_ROOT,
    ensure_database,
    exit_on_sigterm,
    manage,
    other_cpu_use,
    production_environment,
    publish,
    redis_cache_url,
    setup_django,
    throwaway_database_url,
    vm_hwm_kib,
)
from programme_meeting import build_meeting
from programme_report import Run, mib, report

RESULTS_FILE = BENCH_DIR / "results" / "programme.md"


CHANGED_SEGMENT_POSITION = 7  # the closing segment: its description changes before each run


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the programme generation (HTML + PDF) of the HLM Portal."
    )
    parser.add_argument("--runs", type=int, default=5, help="warm generations after the first [5]")
    parser.add_argument(
        "--kind", default="provisional", choices=["provisional", "final"], help="[provisional]"
    )
    parser.add_argument("--speakers", type=int, default=250, help="on the plenary list [250]")
    parser.add_argument("--panel-speakers", type=int, default=25, help="on each panel list [25]")
    parser.add_argument("--seed", type=int, default=2017, help="of the levels of representation")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="Markdown results file")
    parser.add_argument("--keep-pdf", type=Path, help="copy the last PDF generated to this file")
    # Internal: the memory probes run this script again in a subprocess.
    parser.add_argument("--child", choices=["baseline", "generate"], help=argparse.SUPPRESS)
    parser.add_argument("--meeting", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tag", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 50:
        parser.error("--runs must be between 1 and 50")
    if not 1 <= args.speakers <= 600:
        parser.error("--speakers must be between 1 and 600")
    return args


# --- Processes and the database ----------------------------------------------------------------


def peak_rss_kib() -> int:
    """Peak resident memory of this process's own address space, in KiB (``VmHWM``).

    Not ``ru_maxrss``: Linux carries ``ru_maxrss`` over ``fork`` and ``exec``, so a subprocess
    started by this (large) process reports at least this process's size at the fork.
    """
    peak = vm_hwm_kib()
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def pdf_pages(path: str) -> int | None:
    try:
        out = subprocess.run(
            ["pdfinfo", path], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    return int(match.group(1)) if match else None


def change_content(meeting_pk: int, tag: str) -> None:
    """Change one segment's description, so that the next generation makes a new version."""
    from meetings.models import Segment

    segment = Segment.objects.get(meeting_id=meeting_pk, position=CHANGED_SEGMENT_POSITION)
    base = segment.description.split(" [benchmark ")[0]
    Segment.objects.filter(pk=segment.pk).update(description=f"{base} [benchmark {tag}]")


class PartTimer:
    """Time the steps of ``generate_programme`` by wrapping the module's functions."""

    STEPS = {
        "content": "programme_content",
        "html": "render_programme_html",
        "pdf": "render_pdf",
    }

    def __init__(self):
        import meetings.services.programme as programme  # the names generation calls

        self.module = programme
        self.originals = {name: getattr(programme, name) for name in self.STEPS.values()}
        self.times: dict[str, float] = {}

    def __enter__(self):
        for step, name in self.STEPS.items():
            setattr(self.module, name, self._wrap(step, self.originals[name]))
        return self

    def __exit__(self, *exc):
        for name, original in self.originals.items():
            setattr(self.module, name, original)

    def _wrap(self, step, function):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.times[step] = self.times.get(step, 0.0) + time.perf_counter() - t0

        return timed


def generate_once(meeting, kind: str, label: str) -> Run:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.services.programme import generate_programme

    change_content(meeting.pk, label)
    with PartTimer() as parts, CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        version, created = generate_programme(meeting=meeting, kind=kind)
        seconds = time.perf_counter() - t0
    if not created:
        raise RuntimeError(f"{label}: no new version was generated (the content did not change)")
    return Run(
        label=label,
        seconds=seconds,
        queries=len(queries.captured_queries),
        parts=dict(parts.times),
        number=version.number,
        pages=pdf_pages(version.pdf.path),
        pdf_bytes=version.pdf.size,
        html_bytes=version.html.size,
    )


def child(args: argparse.Namespace) -> int:
    """Run in a subprocess: set Django up (and generate once); print the peak memory as JSON."""
    setup_django()
    result = {"after_setup_kib": peak_rss_kib()}
    if args.child == "generate":
        from meetings.models import Meeting
        from meetings.services.programme import generate_programme

        meeting = Meeting.objects.get(pk=args.meeting)
        change_content(meeting.pk, args.tag)
        t0 = time.perf_counter()
        version, created = generate_programme(meeting=meeting, kind=args.kind)
        result.update(seconds=time.perf_counter() - t0, created=created, number=version.number)
    result["peak_kib"] = peak_rss_kib()
    result["ru_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))
    return 0


def probe(mode: str, meeting_pk: int, kind: str, tag: str) -> dict:
    command = [sys.executable, __file__, f"--child={mode}", f"--meeting={meeting_pk}"]
    command += [f"--kind={kind}", f"--tag={tag}"]
    done = subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"The {mode} subprocess failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child(args)
    database_url = throwaway_database_url()
    if database_url is None:
        return 2
    exit_on_sigterm()

    work_dir = Path(tempfile.mkdtemp(prefix="hlm-bench-programme-"))
    os.environ.pop("HLM_CELERY_BROKER_URL", None)  # nothing is queued here
    os.environ.update(production_environment(work_dir, HLM_EMAIL_URL="dummymail://"))
    if cache_url := redis_cache_url():
        os.environ["HLM_CACHE_URL"] = cache_url
    try:
        ensure_database(database_url)
        manage("migrate", "--noinput", "-v", "0")
        manage("load_reference_data")
        manage("load_demo")
        setup_django()
        print("Building the meeting …", flush=True)
        built = build_meeting(args)
        meeting = built["meeting"]
        print(
            f"  {built['plenary']} plenary statements, panels {built['panels']}, "
            f"{built['seconds']:.1f} s",
            flush=True,
        )
        other_cpu = other_cpu_use()
        print("Generating (cold) …", flush=True)
        cold = generate_once(meeting, args.kind, "cold")
        print(f"  {cold.seconds:.3f} s, {cold.pages} pages", flush=True)
        warm = []
        for n in range(1, args.runs + 1):
            warm.append(generate_once(meeting, args.kind, f"warm {n}"))
            print(f"  warm {n}: {warm[-1].seconds:.3f} s", flush=True)
        from django.db import connection

        connection.close()  # the subprocesses use their own connections
        print("Memory probes (subprocesses) …", flush=True)
        baseline = probe("baseline", meeting.pk, args.kind, "baseline")
        fresh = probe("generate", meeting.pk, args.kind, "fresh process")
        if not fresh.get("created"):
            raise RuntimeError("The subprocess generated no new version")
        print(
            f"  baseline {mib(baseline['peak_kib'])} MiB, "
            f"with a generation {mib(fresh['peak_kib'])} MiB, {fresh['seconds']:.2f} s",
            flush=True,
        )
        if args.keep_pdf:
            from meetings.models import ProgrammeVersion

            latest = ProgrammeVersion.objects.filter(meeting=meeting).order_by("-number").first()
            shutil.copyfile(latest.pdf.path, args.keep_pdf)
            print(f"Last PDF copied to {args.keep_pdf}")
        text = report(args, built, cold, warm, fresh, baseline, other_cpu)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    publish(text, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
