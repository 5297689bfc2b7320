"""The report of the programme benchmark: one row a generation, a summary, the memory.

Part of ``bench/bench_programme.py`` (see bench/README.md); imported as ``programme_report``.
"""

import statistics
from dataclasses import dataclass, field

from common import (
    conn_max_age,
    markdown_table,
    postgres_version,
    report_head,
    versions,
)
from programme_meeting import SLUG


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
            f"- Settings: DEBUG off, CONN_MAX_AGE={conn_max_age()}, media in a temporary directory",
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
