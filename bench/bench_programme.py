"""Measure the generation of a meeting's programme (HTML and PDF) on PostgreSQL, with DEBUG off.

Run through ``scripts/bench-celery.sh``, which starts a throwaway PostgreSQL and sets
``HLM_DATABASE_URL``. Only point ``HLM_DATABASE_URL`` at a database you can throw away: the
benchmark migrates it, loads the reference and demo data and writes a meeting to it.

Steps: migrate, ``load_reference_data``, ``load_demo``; copy the 2017 demo meeting (two days,
seven segments, opening speakers, chairs, panellists, two concept notes) to a meeting of its
own, ``bench-programme``; give it a plenary list of 250 statements (195 States, the observers
shipped and synthetic observer organizations, the first few on behalf of groups of States)
and a list for each panel, all through ``speakers.services.inscribe`` as staff; then call
``meetings.programme.generate_programme`` once cold and ``--runs`` times warm in this process,
changing a segment's description before each call so that every call renders a new version.
Each call is timed, with its SQL queries and the time spent building the content, rendering
the HTML and rendering the PDF. Two subprocesses give the peak memory (``ru_maxrss``): one
only sets Django up, the other also generates one version. Prints a Markdown table and writes
it to ``bench/results/programme.md``. Only 127.0.0.1 is contacted.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from common import (
    BENCH_DIR,
    DEMO_SLUG,
    REPO_ROOT,
    ensure_database,
    exit_on_sigterm,
    extra_observer,
    level_for,
    manage,
    markdown_table,
    other_cpu_use,
    postgres_version,
    production_environment,
    publish,
    redis_cache_url,
    report_head,
    setup_django,
    throwaway_database_url,
    versions,
    vm_hwm_kib,
)

RESULTS_FILE = BENCH_DIR / "results" / "programme.md"
SLUG = "bench-programme"
CHANGED_SEGMENT_POSITION = 7  # the closing segment: its description changes before each run


@dataclass
class Run:
    label: str
    seconds: float
    queries: int | None = None
    parts: dict[str, float] = field(default_factory=dict)  # content, html, pdf (seconds)
    number: int = 0  # the version generated
    pages: int | None = None
    pdf_bytes: int = 0
    html_bytes: int = 0


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


# --- The meeting --------------------------------------------------------------------------------


def copy_demo_meeting():
    """Copy the 2017 demo meeting (segments, people, concept notes) to ``SLUG``; return it."""
    from meetings.models import Meeting

    Meeting.objects.filter(slug=SLUG).delete()
    demo = Meeting.objects.get(slug=DEMO_SLUG)
    resolutions = list(demo.mandate_resolutions.all())
    segments = list(demo.segments.prefetch_related("participants").order_by("position"))
    meeting = Meeting.objects.get(pk=demo.pk)
    meeting.pk = None
    meeting._state.adding = True
    meeting.slug = SLUG
    meeting.short_title = "Benchmark: programme (2017 shape)"
    meeting.save()
    meeting.mandate_resolutions.set(resolutions)
    for segment in segments:
        people = list(segment.participants.all())
        note = getattr(segment, "concept_note", None)
        segment.pk = None
        segment._state.adding = True
        segment.meeting = meeting
        segment.save()
        for person in people:
            person.pk = None
            person._state.adding = True
            person.segment = segment
            person.save()
        if note is not None:
            note.pk = None
            note._state.adding = True
            note.segment = segment
            note.save()
    return meeting


def speaker(rng: random.Random, delegation, *, group=None):
    from speakers.demo import FUNCTIONS
    from speakers.services import SpeakerDetails

    level = level_for(rng, delegation.is_state)
    return SpeakerDetails(
        honorific=rng.choice(["H.E. Mr.", "H.E. Ms.", "Mr.", "Ms."]),
        speaker_name=f"Speaker for {delegation.name}",
        function=FUNCTIONS[level] if delegation.is_state else "Head of delegation",
        level=level,
        on_behalf_of=group,
    )


def plenary_delegations(count: int) -> list:
    """Return ``count`` delegations: the States, then observers, then synthetic observers."""
    from meetings.enums import DelegationKind
    from meetings.models import Delegation

    state_kinds = [DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE]
    states = list(Delegation.objects.filter(kind__in=state_kinds).order_by("sort_key"))
    observers = list(
        Delegation.objects.exclude(kind__in=state_kinds)
        .exclude(code__startswith="BENCH-")
        .order_by("sort_key")
    )
    delegations = (states + observers)[:count]
    for n in range(1, count - len(delegations) + 1):
        delegations.append(extra_observer(n))
    return delegations


def build_meeting(args: argparse.Namespace) -> dict:
    """Create the benchmark meeting and its speakers lists; return what it holds."""
    from meetings.enums import SegmentKind
    from meetings.models import GroupOfStates
    from speakers.demo import GROUP_STATEMENTS, PANEL_INTERVENTIONS
    from speakers.enums import ListKind
    from speakers.models import SpeakersList
    from speakers.services import inscribe

    rng = random.Random(args.seed)
    started = time.perf_counter()
    meeting = copy_demo_meeting()
    opens_at = datetime(2017, 9, 13, 14, tzinfo=UTC)
    closes_at = datetime(2017, 9, 26, 22, tzinfo=UTC)
    plenary = SpeakersList.objects.create(
        meeting=meeting,
        kind=ListKind.PLENARY,
        opens_at=opens_at,
        closes_at=closes_at,
        individual_time_limit=3,
        group_time_limit=5,
    )
    delegations = plenary_delegations(args.speakers)
    by_code = {d.code: d for d in delegations}
    groups = {g.short_name: g for g in GroupOfStates.objects.all()}
    on_behalf = {
        by_code[code].pk: groups[short]
        for short, code, _level in GROUP_STATEMENTS
        if code in by_code and short in groups
    }
    group_first = [d for d in delegations if d.pk in on_behalf]
    for delegation in group_first + [d for d in delegations if d.pk not in on_behalf]:
        inscribe(
            speakers_list=plenary,
            delegation=delegation,
            details=speaker(rng, delegation, group=on_behalf.get(delegation.pk)),
            actor=None,
            by_staff=True,
        )
    panel_counts = []
    panels = meeting.segments.filter(kind=SegmentKind.PANEL).order_by("starts_at")
    for number, panel in enumerate(panels, start=1):
        panel_list = SpeakersList.objects.create(
            meeting=meeting,
            kind=ListKind.PANEL,
            segment=panel,
            opens_at=opens_at,
            closes_at=closes_at,
            individual_time_limit=3,
            group_time_limit=3,
            civil_society_allowed=True,
        )
        first = [by_code[c] for c in PANEL_INTERVENTIONS.get(number, []) if c in by_code]
        others = [d for d in delegations if d not in first]
        rng.shuffle(others)
        civil_society = max(1, args.panel_speakers // 5)
        chosen = (first + others)[: args.panel_speakers - civil_society]
        for delegation in chosen:
            inscribe(
                speakers_list=panel_list,
                delegation=delegation,
                details=speaker(rng, delegation),
                actor=None,
                by_staff=True,
            )
        for n in range(1, civil_society + 1):
            organization = f"Benchmark Civil Society Organization {number}-{n}"
            inscribe(
                speakers_list=panel_list,
                delegation=None,
                organization=organization,
                details=_civil_society_speaker(organization),
                actor=None,
                by_staff=True,
            )
        panel_counts.append(panel_list.inscriptions.count())
    return {
        "meeting": meeting,
        "segments": meeting.segments.count(),
        "participants": sum(s.participants.count() for s in meeting.segments.all()),
        "plenary": plenary.inscriptions.count(),
        "groups": len(on_behalf),
        "extra_observers": sum(1 for d in delegations if d.code.startswith("BENCH-")),
        "panels": panel_counts,
        "seconds": time.perf_counter() - started,
    }


def _civil_society_speaker(organization: str):
    from speakers.enums import Level
    from speakers.services import SpeakerDetails

    return SpeakerDetails(
        honorific="Ms.",
        speaker_name=f"Speaker for {organization}",
        function="Executive Director",
        level=Level.HEAD_OF_DELEGATION,
    )


# --- Generating ---------------------------------------------------------------------------------


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
        import meetings.programme as programme

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


# --- Report -------------------------------------------------------------------------------------


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def runs_table(runs: list[Run]) -> str:
    rows = []
    for r in runs:
        content, html, pdf = (r.parts.get(k, 0.0) for k in ("content", "html", "pdf"))
        other = r.seconds - content - html - pdf
        rows.append(
            [
                r.label,
                r.number,
                *(f"{t:.3f}" for t in (r.seconds, content, html, pdf, other)),
                r.queries,
                r.pages if r.pages else "?",
                f"{r.pdf_bytes / 1024:.0f}",
                f"{r.html_bytes / 1024:.0f}",
            ]
        )
    header = ["Run", "Version", "Seconds", "Content s", "HTML s", "PDF s", "Other s"]
    header += ["SQL queries", "PDF pages", "PDF KiB", "HTML KiB"]
    return markdown_table(header, rows)


def summary_table(cold: Run, warm: list[Run], fresh: dict, baseline: dict) -> str:
    seconds = [r.seconds for r in warm]
    last = warm[-1]
    peak = fresh["peak_kib"] - baseline["peak_kib"]
    pdf_seconds = statistics.median(r.parts.get("pdf", 0.0) for r in warm)
    rows = [
        (
            "First generation in the process (cold: WeasyPrint import, templates)",
            f"{cold.seconds:.2f} s",
        ),
        (f"Warm generations (n = {len(warm)}): median", f"{statistics.median(seconds):.2f} s"),
        ("Warm generations: min – max", f"{min(seconds):.2f} – {max(seconds):.2f} s"),
        ("Warm: of which WeasyPrint (median)", f"{pdf_seconds:.2f} s"),
        (
            "Generation in a fresh process (as a Celery worker's first task)",
            f"{fresh['seconds']:.2f} s",
        ),
        ("PDF", f"{last.pages if last.pages else '?'} pages, {last.pdf_bytes / 1024:.0f} KiB"),
        ("SQL queries per generation", last.queries),
        ("Peak RSS, process that only ran `django.setup()`", f"{mib(baseline['peak_kib'])} MiB"),
        ("Peak RSS, process that also generated one version", f"{mib(fresh['peak_kib'])} MiB"),
        ("**Peak memory of one generation** (difference)", f"**{mib(peak)} MiB**"),
    ]
    return markdown_table(["Measure", "Value"], rows)


def report(
    args, built: dict, cold: Run, warm: list[Run], fresh: dict, baseline: dict, other_cpu: str
) -> str:
    panels = " and ".join(str(n) for n in built["panels"]) or "no"
    return "\n".join(
        [
            *report_head(
                "Benchmark of the programme generation",
                f"{versions('WeasyPrint')}, {postgres_version()}",
            ),
            "- Settings: DEBUG off, CONN_MAX_AGE="
            f"{os.environ.get('HLM_CONN_MAX_AGE', '0')}, media in a temporary directory",
            f"- Meeting: the 2017 demo meeting copied to `{SLUG}`: {built['segments']} segments "
            f"over two days, {built['participants']} participants, 2 concept notes; plenary list "
            f"of {built['plenary']} statements ({built['groups']} on behalf of groups, "
            f"{built['extra_observers']} synthetic observers), panel lists of {panels} "
            f"statements; set up in {built['seconds']:.1f} s through `inscribe` (as staff)",
            f'- Call: `generate_programme(meeting=…, kind="{args.kind}")`, after changing '
            "the closing segment's description so that each call renders a new version. "
            "Content = `programme_content` (SQL and the order of the lists), HTML = template, "
            "PDF = WeasyPrint, other = checksum, comparison with the previous version, files and "
            "the row",
            "- Memory: peak RSS (`VmHWM`) of a subprocess that sets Django up and generates one "
            "version, minus that of a subprocess that only sets Django up (not `ru_maxrss`, "
            "which Linux carries over from the benchmark process through fork and exec)",
            f"- Other CPU use just before the runs: {other_cpu} (other work on the machine "
            "skews the numbers)",
            "",
            summary_table(cold, warm, fresh, baseline),
            "",
            runs_table([cold, *warm]),
            "",
        ]
    )


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
