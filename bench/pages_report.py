"""The pages of the pages benchmark and its report: throughput against /healthz, cold and warm.

Part of ``bench/bench_pages.py`` (see bench/README.md); imported as ``pages_report``.
"""

import argparse
import os
import statistics
from dataclasses import dataclass, field

from common import (
    conn_max_age,
    describe_busy,
    markdown_table,
    percentile_ms,
    report_head,
    versions,
)

OTHERS_WARNING = 0.05  # warn when other processes use this share of the CPUs during the load
HEALTHZ = "/healthz"


@dataclass
class Page:
    name: str
    path: str  # "{segment}" and "{document}" are filled in once the data exist
    marker: str  # text the response must contain, so an error page is not measured
    touch: str = ""  # the write before a cold request (pages_cold.TOUCHES); "" for none
    queries: int | None = None
    cold_queries: int | None = None
    size: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: int = 0
    wall: float = 0.0
    other_cpu: float | None = None  # share of the CPUs used by other processes during the load
    cold_ms: list[float] = field(default_factory=list)  # one client, right after a write
    warm_ms: list[float] = field(default_factory=list)  # one client, the request after that
    start_ms: float | None = None  # the first request in a gunicorn worker just started
    checked: int = 0  # cold and warm answers that show (or not) the write before them
    stale: int = 0  # … of which did not show it

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.requests / self.wall if self.wall else 0.0

    def percentile_ms(self, p: float) -> float:
        """Return the ``p``-th percentile latency (nearest rank) in milliseconds."""
        return percentile_ms(self.latencies, p)


def healthz_rate(pages: list[Page]) -> float:
    """The mean rate of the ``/healthz`` rows (measured first and last), the baseline."""
    rates = [page.rate for page in pages if page.path == HEALTHZ and page.rate]
    return statistics.mean(rates) if rates else 0.0


def query_growth(pages: list[Page]) -> str:
    """Return a warning if the large meeting needs more queries than the demo meeting."""
    by_name = {page.name: page for page in pages}
    demo = by_name["Demo meeting (2017), 7 segments"].queries or 0
    large = by_name["Large meeting page, 60 segments"].queries or 0
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
            "(column Other CPU): the machine was shared, and these numbers are not comparable "
            "with an idle machine's. The ratios to `/healthz` suffer less, but do too when "
            "the other work came and went between rows."
        )
    return f"Other processes used at most {worst:.0%} of the CPUs during the load."


def pages_table(pages: list[Page]) -> str:
    baseline = healthz_rate(pages)
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
                f"{page.rate / baseline:.3f}" if baseline else "?",
                *(f"{page.percentile_ms(p):.1f}" for p in (50, 95, 99)),
                queries,
                f"{page.size / 1024:.1f}",
                "?" if page.other_cpu is None else f"{page.other_cpu:.0%}",
            ]
        )
    header = ["Page", "URL", "Requests", "Errors", "req/s", "× /healthz", "p50 ms", "p95 ms"]
    header += ["p99 ms", "SQL queries", "Size KiB", "Other CPU"]
    return markdown_table(header, rows, align="ll" + "r" * 10)


def cold_table(pages: list[Page]) -> str:
    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.1f}" if values else "?"

    rows = []
    for page in pages:
        if not page.touch:
            continue
        cold = statistics.median(page.cold_ms) if page.cold_ms else None
        warm = statistics.median(page.warm_ms) if page.warm_ms else None
        rows.append(
            [
                page.name,
                median(page.warm_ms),
                median(page.cold_ms),
                f"{cold / warm:.2f}" if cold and warm else "?",
                "?" if page.start_ms is None else f"{page.start_ms:.0f}",
                f"{page.stale} of {page.checked}" if page.checked else "n/a",
                f"`{page.touch}`",
            ]
        )
    header = ["Page", "Warm ms (median)", "Cold ms, after a write (median)", "Cold / warm"]
    header += ["First request after a start ms", "Stale answers", "Write"]
    return markdown_table(header, rows, align="lrrrrrl")


def report(
    pages: list[Page], args: argparse.Namespace, database: str, busy: float | None, touches
) -> str:
    samples = args.cold_samples
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
            "- Baseline: `/healthz`, a Django view that answers “ok” without the database, on "
            "the same gunicorn, loaded first and again last; × /healthz = the page's req/s "
            "over the mean of those two",
            f"- Large meeting: {args.segments} segments over {args.days} days, "
            f"{args.participants} participants and a concept note each, "
            f"{args.documents} documents, the first with a 64 KiB PDF file; long list: a "
            f"plenary list of {args.speakers} statements over six plenary meetings",
            "- SQL queries: counted in process with the Django test client (second request; "
            "the first in brackets where it differs)",
            "",
            pages_table(pages),
            "",
            query_growth(pages),
            "",
            interference(pages),
            "",
            "## Cold and warm",
            "",
            f"One client, one request at a time, {samples} samples per page: a write through "
            "the portal's service, then the page (cold), then the page again (warm). The "
            "last column but one is the first request of the page in a one-worker gunicorn "
            "just started (that worker answered `/healthz` once, nothing else): templates "
            "compiled and translation catalogues read on the way. Stale answers: cold and "
            "warm answers that did not show the write before them, where the page shows it "
            "(n/a: the calendar lists no participants, a document is a file).",
            "",
            cold_table(pages),
            "",
            *[f"- `{name}`: {text}" for name, text in touches.items()],
            "",
            "The public pages are served from the cache, under versions every write through "
            "the services bumps: cold is a render after a write (a cache miss), warm a hit; "
            "the stale answers column shows the cache never served a page older than the write.",
            "",
        ]
    )
