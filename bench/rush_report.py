"""The report of the rush benchmark: rounds, the /healthz baseline, checks, in-process probes.

Part of ``bench/bench_rush.py`` (see bench/README.md); imported as ``rush_report``.
"""

import argparse
import math
import os
import statistics

from common import (
    describe_busy,
    markdown_table,
    report_head,
    versions,
)
from rush_burst import Round, Sample
from rush_checks import Probe
from rush_clients import Client


def server_settings() -> str:
    """CONN_MAX_AGE, the session engine and the cache as the settings give them to gunicorn."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    source = "from `HLM_CONN_MAX_AGE`" if os.environ.get("HLM_CONN_MAX_AGE") else "the default"
    return (
        f"CONN_MAX_AGE={database['CONN_MAX_AGE']} ({source}, as production runs it), "
        f"CONN_HEALTH_CHECKS={database.get('CONN_HEALTH_CHECKS', False)}, sessions "
        f"`{settings.SESSION_ENGINE.rsplit('.', 1)[-1]}`, cache "
        f"`{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}`"
    )


def cpu_per_request(rounds: list[Round]) -> str:
    """The CPU milliseconds each group spent per request of the rush (median of the rounds):
    less sensitive to other work on the machine than the wall time."""
    groups = [name for name in rounds[0].rush.cpu if name not in ("clients", "other")]
    parts = [
        f"{name} {median([1000 * r.rush.cpu.get(name, 0) / r.rush.requests for r in rounds]):.1f}"
        for name in groups
    ]
    return (
        "CPU ms per request of the rush (median of the rounds; the worker's and PostgreSQL's "
        "include the acknowledgements sent during the rush): " + ", ".join(parts) + "."
    )


def cpu_of_the_machine(rounds: list[Round]) -> str:
    """The CPU milliseconds the whole machine spent per request of each burst (median of the
    rounds): the rush can reach the ratio of the two at most, when both fill the cores."""

    def per_request(burst) -> float:
        return 1000 * sum(burst.cpu.values()) / burst.requests if burst.requests else math.nan

    rush = median([per_request(r.rush) for r in rounds])
    healthz = median([per_request(r.healthz) for r in rounds])
    return (
        "CPU ms per request of the whole machine (every group, the clients and the kernel "
        f"included; median of the rounds): the rush {rush:.1f}, the `/healthz` burst "
        f"{healthz:.1f}, so at most {healthz / rush:.2f}× the `/healthz` rate when both fill "
        "the cores."
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def fmt_cpu(cpu: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in cpu.items()) or "n/a"


def error_summary(samples: list[Sample]) -> str:
    counts: dict[str, int] = {}
    for s in samples:
        key = str(s.status) if s.status else (s.error.split("(")[0] or "no answer")
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n} × {key}" for key, n in sorted(counts.items())) or "none"


def rounds_table(rounds: list[Round], columns: list[tuple]) -> str:
    """Return a row per round and a median row; ``columns`` are (header, value, format, bold).

    ``bold`` marks the medians to read first.
    """
    rows = [
        [r.number, *(format(value(r), spec) for _h, value, spec, _b in columns)] for r in rounds
    ]
    medians = []
    for _header, value, spec, bold in columns:
        cell = format(median([value(r) for r in rounds]), spec)
        medians.append(f"**{cell}**" if bold else cell)
    return markdown_table(["Round", *(c[0] for c in columns)], [*rows, ["**median**", *medians]])


def latency_columns(burst: str) -> list[tuple]:
    """The p50, p95, p99 (bold in the median row) and max latency columns of a burst."""
    return [
        (f"{name} ms", lambda r, p=p: getattr(r, burst).percentile_ms(p), ".0f", p < 100)
        for name, p in [("p50", 50), ("p95", 95), ("p99", 99), ("Max", 100)]
    ]


def rush_table(rounds: list[Round]) -> str:
    return rounds_table(
        rounds,
        [
            ("Requests", lambda r: r.rush.requests, ".0f", False),
            ("Inscribed", lambda r: r.checks["inscriptions"], ".0f", False),
            ("Errors", lambda r: len(r.rush.errors(302)), ".0f", False),
            ("Wall s", lambda r: r.rush.wall, ".2f", True),
            ("Inscriptions/s", lambda r: r.inscriptions_per_second, ".1f", True),
            ("Requests/s", lambda r: r.rush.rate, ".1f", False),
            *latency_columns("rush"),
        ],
    )


def healthz_table(rounds: list[Round]) -> str:
    return rounds_table(
        rounds,
        [
            ("Requests", lambda r: r.healthz.requests, ".0f", False),
            ("Errors", lambda r: len(r.healthz.errors(200)), ".0f", False),
            ("Wall s", lambda r: r.healthz.wall, ".2f", False),
            ("Requests/s", lambda r: r.healthz.rate, ".1f", True),
            *latency_columns("healthz"),
        ],
    )


def ratio_table(rounds: list[Round]) -> str:
    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}" if b else "n/a"

    rush_rate = median([r.rush.rate for r in rounds])
    healthz_rate = median([r.healthz.rate for r in rounds])
    rows = [
        ["Requests/s", f"{rush_rate:.1f}", f"{healthz_rate:.1f}", ratio(rush_rate, healthz_rate)]
    ]
    for p in (50, 95, 99):
        a = median([r.rush.percentile_ms(p) for r in rounds])
        b = median([r.healthz.percentile_ms(p) for r in rounds])
        rows.append([f"p{p} latency ms", f"{a:.0f}", f"{b:.0f}", ratio(a, b)])
    header = ["Median of the rounds", "Inscription rush", "`/healthz` burst", "Rush / healthz"]
    return markdown_table(header, rows)


def checks_table(rounds: list[Round]) -> str:
    rows = []
    for r in rounds:
        c = r.checks
        rows.append(
            [
                r.number,
                c["inscriptions"],
                c["delegations"],
                len(c["duplicates"]),
                c["missing"],
                c["logged"],
                c["placed"],
                f"{c['acknowledged']} ({c['acknowledgements_sent']})",
                f"{c['acknowledged_after']:.1f}",
                f"{c['double_clicks_ok']} of {c['double_clicks']}",
                f"{c['out_of_order']} (of {c['ordered_pairs']})",
                "ok" if r.ok else "**FAILED**",
            ]
        )
    header = ["Round", "Inscriptions", "Delegations", "Duplicates", "Missing", "Logged"]
    header += ["Place noted", "Acknowledged (sent)", "All sent after s"]
    header += ["Double clicks both redirected", "Out of order (of pairs)"]
    return markdown_table([*header, "Result"], rows, align="l" + "r" * 10 + "l")


def probe_table(probes: list[Probe]) -> str:
    header = ["Request (in process, one at a time)", "Statements on the list", "Status"]
    header += ["SQL statements", "ms (median of 5)"]
    rows = [[p.label, p.placed, p.status, p.queries, f"{p.ms:.1f}"] for p in probes]
    return markdown_table(header, rows)


def report(
    *,
    args: argparse.Namespace,
    clients: list[Client],
    rounds: list[Round],
    probes: list[Probe],
    database: str,
    busy: float | None,
    log_lines: list[tuple[int, str]],
) -> str:
    n = len(clients)
    doubles = sum(c.double_click for c in clients)
    lines = [
        *report_head(
            "Benchmark of the opening-minute rush of a speakers list",
            f"{versions('gunicorn')}, {database}",
        ),
        f"- Other CPU use just before the run: {describe_busy(busy)} "
        "(other work on the machine skews the numbers)",
        f"- Server: gunicorn, {args.workers} sync workers (`--threads 1`), DEBUG off, "
        f"{server_settings()}; the acknowledgement e-mails leave the request: after the "
        "commit a task goes through the Redis broker to one Celery worker, to run 2 s later "
        "(`GATHER_FOR`) unless one for the list is already waiting "
        f"(`--pool={args.celery_pool}`"
        f"{'' if args.celery_pool == 'solo' else f', concurrency {args.celery_concurrency}'}), "
        "which notes the places of the changes not told yet, queues their messages in the outbox "
        "and sends them as a batch to Django's "
        "dummy e-mail backend (`HLM_EMAIL_URL=dummymail://`)",
        f"- Rush: {n} focal points ({args.states} States, {args.observers} observers), "
        f"each signed in, on a new connection per request, released together by one event at "
        f"the opening time of a fresh plenary list; {doubles} of them send the form twice at "
        f"once (a double click), so {n + doubles} requests. A success is a redirect (302) to "
        "the delegation's page, which confirms the place (`/delegation/?inscribed=<id>`) and "
        "is not followed",
        f"- Baseline: the same {n + doubles} requests released together on `/healthz` (no "
        "database, no session), right after each rush",
        "- Latency: from sending the request (connection included) to the end of the answer; "
        f"the median row takes the median of each column over {len(rounds)} rounds",
        "",
        "## Inscription rush",
        "",
        rush_table(rounds),
        "",
        "## `/healthz` burst, same concurrency and number of requests",
        "",
        healthz_table(rounds),
        "",
        "## Rush against the trivial view",
        "",
        ratio_table(rounds),
        "",
        "## Checks in the database after each rush",
        "",
        checks_table(rounds),
        "",
        'Place noted: entries "inscribed" of the log whose place the worker filled in. '
        "All sent after: seconds from the last answer of the rush until the worker had sent "
        "every acknowledgement (polled every 0.1 s). Out of order: pairs of delegations where "
        "the first got its answer before the second sent its form, yet the second is inscribed "
        "earlier (first come, first served).",
        "",
        "CPU seconds used during each rush (clients: this script's threads; other: the rest "
        "of the machine, i.e. other programs and the kernel):",
        "",
        *[f"- Round {r.number}: {fmt_cpu(r.rush.cpu)}" for r in rounds],
        "",
        cpu_per_request(rounds),
        "",
        cpu_of_the_machine(rounds),
        "",
    ]
    errors = [s for r in rounds for s in r.rush.errors(302)]
    lines += [f"Errors in the rushes: {error_summary(errors)}.", ""]
    if log_lines:
        lines += ["gunicorn's log (other than start and stop notices), distinct lines:", ""]
        lines += [f"- {count} × `{line[:200]}`" for count, line in log_lines[:10]]
        lines.append("")
    else:
        lines += ["gunicorn's log: nothing but start and stop notices.", ""]
    if probes:
        lines += ["## One inscription in process", "", probe_table(probes), ""]
        lines += [
            "SQL statements of the request as the server sends them, `BEGIN` and `COMMIT` "
            "included (a double click's second request: its `INSERT` fails on the unique "
            "constraint and the first inscription is read back); the worker's, after the "
            "commit, are not counted.",
            "",
        ]
    return "\n".join(lines)
