"""The report of the mailing benchmark: one row a worker pool and attachment, and the memory.

Part of ``bench/bench_mailing.py`` (see bench/README.md); imported as ``mailing_report``.
"""

import os
from dataclasses import dataclass, field

from common import (
    conn_max_age,
    markdown_table,
    postgres_version,
    report_head,
    versions,
)

RSS_EVERY = 0.5  # seconds between two readings of the worker's memory
FLAT_MIB = 5.0  # "flat": the worker grew by at most this from 10 % of the messages to the end
LETTER_NAME = "Draft programme and concept notes (13 September 2017)"  # meetings/demo.py


@dataclass
class Scenario:
    pool: str
    attach_letter: bool
    concurrency: int
    messages: int = 0
    generate_seconds: float = 0.0
    queue_seconds: float = 0.0  # send_mailing: marking the rows queued and sending the tasks
    first_seconds: float | None = None  # from send_mailing to the first message at the sink
    last_seconds: float | None = None  # ... to the last message at the sink
    total_seconds: float | None = None  # ... until the sink has all and every row is "sent"
    received: int = 0
    with_pdf: int = 0
    unique_ids: int = 0
    mebibytes: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    retries: int = 0
    # CPU seconds during the mailing: "worker" (all its processes), "benchmark" (this process:
    # the sink, polling, queuing), "PostgreSQL", "other" (the rest of the machine)
    cpu: dict[str, float] = field(default_factory=dict)
    worker_peak_mib: float = 0.0
    # (messages at the sink, VmRSS of all the worker's processes in MiB), every RSS_EVERY s
    rss: list[tuple[int, float]] = field(default_factory=list)
    error: str = ""

    @property
    def name(self) -> str:
        pool = f"prefork ×{self.concurrency}" if self.pool == "prefork" else self.pool
        return f"{pool}, {'with' if self.attach_letter else 'without'} letter PDF"

    @property
    def rate(self) -> float | None:
        return self.messages / self.total_seconds if self.total_seconds else None

    def rss_at(self, share: float) -> float | None:
        """The worker's memory (MiB) at the first reading once ``share`` of the messages left."""
        return next((mib for n, mib in self.rss if n >= share * self.messages), None)

    @property
    def rss_growth(self) -> float | None:
        """MiB gained from 10 % of the messages to the end (the PDF rendered, imports done)."""
        early, end = self.rss_at(0.1), self.rss[-1][1] if self.rss else None
        return None if early is None or end is None else end - early

    @property
    def other_cpu(self) -> float | None:
        """The share of all CPUs other processes used during the mailing."""
        if "other" not in self.cpu or not self.total_seconds:
            return None
        return self.cpu["other"] / (self.total_seconds * (os.cpu_count() or 1))

    @property
    def steady_rate(self) -> float | None:
        """Messages per second between the first and the last at the sink."""
        if self.first_seconds is None or self.last_seconds is None:
            return None
        span = self.last_seconds - self.first_seconds
        return (self.received - 1) / span if span > 0 and self.received > 1 else None


def services_versions() -> str:
    """Return the versions of PostgreSQL (without the distribution's suffix) and Redis."""
    from hlm_portal.celery import app

    postgres = " ".join(postgres_version().split()[:2])
    with app.connection_for_write() as conn:
        client = conn.default_channel.client
        redis = client.info("server").get("redis_version", "?")
    return f"{postgres}, Redis {redis}"


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def scenarios_table(scenarios: list[Scenario]) -> str:
    rows = []
    for s in scenarios:
        received = str(s.received)
        if s.unique_ids != s.received:
            received += f" ({s.received - s.unique_ids} duplicates)"
        rows.append(
            [
                s.name,
                s.messages,
                s.statuses.get("sent", 0),
                received,
                s.with_pdf,
                fmt(s.rate),
                fmt(s.total_seconds),
                fmt(s.first_seconds, 2),
                fmt(s.steady_rate),
                f"{s.generate_seconds:.1f}",
                f"{s.queue_seconds:.2f}",
                s.retries,
                *(f"{s.cpu.get(name, 0.0):.1f}" for name in ("worker", "benchmark", "PostgreSQL")),
                "?" if s.other_cpu is None else f"{s.other_cpu:.0%}",
            ]
        )
    header = ["Worker", "Messages", "Sent", "At the sink", "With PDF", "msg/s", "Total s"]
    header += ["First message s", "Steady msg/s", "Generate s", "Queue s", "Retries"]
    header += ["Worker CPU s", "Bench CPU s", "PostgreSQL CPU s", "Other CPU"]
    return markdown_table(header, rows)


def memory_table(scenarios: list[Scenario]) -> str:
    """The worker's memory over the run: idle, at 10 %, half-way, at the end, and its peak."""
    rows = []
    for s in scenarios:
        growth = s.rss_growth
        flat = "?" if growth is None else ("yes" if growth <= FLAT_MIB else "**no**")
        rows.append(
            [
                s.name,
                *(fmt(mib, 0) for mib in (s.rss[0][1] if s.rss else None, s.rss_at(0.1))),
                *(fmt(mib, 0) for mib in (s.rss_at(0.5), s.rss[-1][1] if s.rss else None)),
                "?" if growth is None else f"{growth:+.1f}",
                flat,
                f"{s.worker_peak_mib:.0f}",
            ]
        )
    header = ["Worker", "RSS idle MiB", "RSS at 10 %", "RSS at 50 %", "RSS at the end"]
    header += ["Growth 10 % → end MiB", "Flat", "Peak RSS of one process MiB"]
    return markdown_table(header, rows)


def report(scenarios: list[Scenario], args, services: str, other_cpu: str) -> str:
    lines = [
        *report_head(
            "Benchmark of a mailing through Celery",
            f"{versions('Celery', 'WeasyPrint', 'aiosmtpd')}, {services}",
        ),
        f"- Mailing: the 2017 demo letter (“{LETTER_NAME}”) to {args.messages} addresses typed "
        "by hand (`delegate{n}@missions.example.org`); the letter reads the same for all, so it "
        "is rendered as PDF once for the mailing (`letter_pdf`, kept in the shared cache)",
        "- Worker: one `celery -A hlm_portal worker` on Redis, started afresh for each row, "
        f"HLM_DEBUG={args.worker_debug}, CONN_MAX_AGE="
        f"{conn_max_age()}; each batch of 50 messages is one task, "
        "one SMTP connection (Django's SMTP backend, no TLS) to an aiosmtpd sink on 127.0.0.1 "
        "in the benchmark process",
        "- CPU: seconds used during the mailing by all the worker's processes, by the "
        "benchmark process (the sink, the polling, queuing the tasks) and by PostgreSQL; "
        "Other CPU: the share of all CPUs the rest of the machine (other programs, Redis, the "
        "kernel) used meanwhile: the machine is shared, and a high share slows the mailing",
        "- Timing: from the call to `send_mailing` (which marks the rows queued and sends one "
        'task each) until the sink has every message and every row is "sent" (polled every '
        "50 ms). msg/s = messages / total; first message = when the sink got the first one "
        "(worker start-up excluded: the worker answered a ping before); steady = between the "
        "first and the last message at the sink. Generate = `generate_mailing`, not included",
        f"- Other CPU use just before the runs: {other_cpu} (other work on the machine "
        "skews the numbers)",
        "",
        scenarios_table(scenarios),
        "",
        "Memory of the worker over the run: `VmRSS` of all its processes together (the "
        f"main process and its pool), read every {RSS_EVERY:g} s; idle = after it answered "
        "a ping, before the mailing; at 10 % = once a tenth of the messages reached the sink "
        "(the letter PDF rendered, WeasyPrint imported); flat = it grew by at most "
        f"{FLAT_MIB:g} MiB from then to the end. Peak = the largest `VmHWM` of one process.",
        "",
        memory_table(scenarios),
        "",
    ]
    for s in scenarios:
        if s.error:
            lines.append(f"**{s.name}: {s.error}**")
            lines.append("")
    return "\n".join(lines)
