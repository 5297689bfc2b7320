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
import http.client
import math
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from common import (
    BENCH_DIR,
    HOST,
    cpu_busy,
    describe_busy,
    ensure_database,
    exit_on_sigterm,
    extra_observer,
    free_port,
    level_for,
    manage,
    markdown_table,
    percentile_ms,
    postgres_version,
    postmaster_pid,
    proc_stats,
    production_environment,
    publish,
    report_head,
    request,
    running_gunicorn,
    setup_django,
    tail,
    throwaway_database_url,
    versions,
    warn_if_busy,
)

RESULTS_FILE = BENCH_DIR / "results" / "rush.md"
SLUG_PREFIX = "bench-rush"
USER_DOMAIN = "rush.bench.example.org"
PROBE_CODE = "BENCH-PROBE"
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"
FAR_FUTURE = timedelta(days=3650)  # a list "not yet open" until the round starts
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Client:
    """One delegation's focal point, signed in."""

    delegation_id: int
    delegation_code: str
    delegation_name: str
    is_state: bool
    session_key: str
    level: int
    double_click: bool = False
    csrf_cookie: str = ""
    csrf_token: str = ""

    def cookie_header(self) -> str:
        from django.conf import settings

        cookies = [f"{settings.SESSION_COOKIE_NAME}={self.session_key}"]
        if self.csrf_cookie:
            cookies.append(f"{settings.CSRF_COOKIE_NAME}={self.csrf_cookie}")
        return "; ".join(cookies)


@dataclass
class Sample:
    client: int  # index in the list of clients
    second: bool  # the second request of a double click
    started: float  # perf_counter() when the request was sent
    ended: float  # perf_counter() when the whole response was read
    status: int  # 0 for a connection error
    location: str = ""
    error: str = ""

    @property
    def latency(self) -> float:
        return self.ended - self.started


@dataclass
class Burst:
    """The requests of one rush (or of one /healthz burst), released together."""

    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0  # from the release to the last response
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by process group

    @property
    def requests(self) -> int:
        return len(self.samples)

    @property
    def rate(self) -> float:
        return self.requests / self.wall if self.wall else 0.0

    def percentile_ms(self, p: float) -> float:
        """Return the ``p``-th percentile latency (nearest rank) in milliseconds."""
        return percentile_ms((s.latency for s in self.samples if s.status), p)

    def errors(self, expected: int) -> list[Sample]:
        return [s for s in self.samples if s.status != expected]


@dataclass
class Round:
    number: int
    list_pk: int
    rush: Burst
    healthz: Burst
    checks: dict[str, object] = field(default_factory=dict)
    ok: bool = True

    @property
    def inscriptions_per_second(self) -> float:
        count = self.checks.get("inscriptions", 0)
        return count / self.rush.wall if self.rush.wall else 0.0


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


# --- HTTP ----------------------------------------------------------------------------------------


def inscribe_path(list_pk: int) -> str:
    from django.urls import reverse

    return reverse("speakers:inscribe", kwargs={"pk": list_pk})


def fetch_csrf(port: int, client: Client, list_pk: int) -> None:
    """GET the inscription page as ``client``; keep the CSRF cookie and the form's token."""
    from django.conf import settings

    path = inscribe_path(list_pk)
    status, headers, body = request(port, "GET", path, headers={"Cookie": client.cookie_header()})
    if status != 200:
        raise RuntimeError(f"GET {path} as {client.delegation_code} answered {status}")
    for value in headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie()
        cookie.load(value)
        if settings.CSRF_COOKIE_NAME in cookie:
            client.csrf_cookie = cookie[settings.CSRF_COOKIE_NAME].value
    match = CSRF_INPUT.search(body.decode("utf-8", errors="replace"))
    if not client.csrf_cookie or not match:
        raise RuntimeError(f"No CSRF cookie or token for {client.delegation_code} on {path}")
    client.csrf_token = match.group(1)


def form_body(client: Client) -> str:
    name = f"Speaker for {client.delegation_name}"[:150]
    return urlencode(
        {
            "csrfmiddlewaretoken": client.csrf_token,
            "honorific": "H.E. Ms." if client.delegation_id % 2 else "H.E. Mr.",
            "speaker_name": name,
            "function": "Minister for Foreign Affairs" if client.is_state else "Head of delegation",
            "level": str(client.level),
            "on_behalf_of": "",
            "gender": "female" if client.delegation_id % 2 else "male",
            "submit": "Inscribe the speaker",
        }
    )


def burst(
    port: int,
    clients: list[Client],
    *,
    method: str,
    path: str,
    with_session: bool,
    release_at: float | None = None,
    timeout: float,
) -> Burst:
    """Start one thread per client, release them together, each sending its request(s).

    A client with ``double_click`` sends the same request a second time on a second
    connection right after the first, before the first answer arrives. ``release_at`` is a
    ``time.time()`` to wait for before the release (the opening of the list).
    """
    go = threading.Event()
    lock = threading.Lock()
    result = Burst()
    bodies = [form_body(c) if method == "POST" else None for c in clients]

    def send(index: int) -> None:
        client = clients[index]
        headers = {}
        if with_session:
            headers["Cookie"] = client.cookie_header()
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        go.wait()
        pending = []
        for second in [False, True] if client.double_click else [False]:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            sample = Sample(index, second, started, started, 0)
            try:
                connection.request(method, path, body=bodies[index], headers=headers)
            except (OSError, http.client.HTTPException) as error:
                sample.ended, sample.error = time.perf_counter(), repr(error)
                connection.close()
                connection = None
            pending.append((sample, connection))
        samples = []
        for sample, connection in pending:
            if connection is not None:
                try:
                    response = connection.getresponse()
                    response.read()
                    sample.status = response.status
                    sample.location = response.headers.get("Location", "")
                except (OSError, http.client.HTTPException) as error:
                    sample.error = repr(error)
                finally:
                    sample.ended = time.perf_counter()
                    connection.close()
            samples.append(sample)
        with lock:
            result.samples.extend(samples)

    threads = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    if release_at is not None:
        time.sleep(max(0.0, release_at - time.time()))
    cpu_before = cpu_snapshot()
    released = time.perf_counter()
    go.set()
    deadline = time.monotonic() + 2 * timeout + 10  # each thread sends at most 2 requests
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("Client threads still running after their time-out")
    result.wall = max((s.ended for s in result.samples), default=released) - released
    result.cpu = cpu_delta(cpu_before, cpu_snapshot())
    result.samples.sort(key=lambda s: s.started)
    return result


# --- CPU use by process group (from /proc) ------------------------------------------------------

CPU_GROUPS: dict[str, list[int]] = {}  # group name -> root pids and descendants, see main()
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stats() -> dict[int, tuple[int, float, float]]:
    """Return ``{pid: (ppid, own CPU s, reaped children's CPU s)}`` of every process."""
    return {
        pid: (
            int(fields[1]),
            (int(fields[11]) + int(fields[12])) / CLOCK_TICKS,
            (int(fields[13]) + int(fields[14])) / CLOCK_TICKS,
        )
        for pid, fields in proc_stats().items()
    }


def cpu_snapshot() -> dict[str, float]:
    """CPU seconds used so far by each group: its roots, their live and reaped descendants."""
    totals = {"clients": time.process_time()}  # this process only: gunicorn is its child
    try:
        stats = _proc_stats()
        # First line of /proc/stat: user nice system idle iowait irq softirq steal guest …
        ticks = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    except (OSError, ValueError, IndexError):
        return totals
    totals["machine"] = (sum(ticks) - ticks[3] - ticks[4]) / CLOCK_TICKS
    children: dict[int, list[int]] = {}
    for pid, (ppid, _own, _reaped) in stats.items():
        children.setdefault(ppid, []).append(pid)
    for name, roots in CPU_GROUPS.items():
        total, todo, seen = 0.0, [r for r in roots if r in stats], set()
        for root in todo:
            total += stats[root][2]  # children that exited (e.g. PostgreSQL backends)
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            total += stats[pid][1]
            todo.extend(children.get(pid, []))
        totals[name] = total
    return totals


def cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """Return the CPU seconds of each group between two snapshots.

    "other" is the rest of the machine: other programs, the kernel's network work.
    """
    delta = {name: after[name] - before[name] for name in after if name in before}
    machine = delta.pop("machine", None)
    if machine is not None:
        delta["other"] = max(0.0, machine - sum(delta.values()))
    return delta


# --- Data --------------------------------------------------------------------------------------


def signed_in_session(user) -> str:
    """Write a session in which ``user`` is signed in; return its key (no sign-in form)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = SESSION_BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def focal_point_for(delegation):
    """Return (creating them if needed) the benchmark's user and focal point of ``delegation``."""
    from django.contrib.auth import get_user_model

    from meetings.models import FocalPoint

    email = f"fp-{delegation.code.lower()}@{USER_DOMAIN}"
    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "first_name": "Focal", "last_name": "Point"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    FocalPoint.objects.get_or_create(
        user=user, defaults={"delegation": delegation, "function": "Focal point (benchmark)"}
    )
    return user


def create_clients(args: argparse.Namespace) -> list[Client]:
    """Return signed-in focal points of ``args.states`` States and ``args.observers`` observers."""
    from django.db import transaction

    from meetings.enums import DelegationKind
    from meetings.models import Delegation

    state_kinds = [DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE]
    with transaction.atomic():
        states = list(Delegation.objects.filter(kind__in=state_kinds).order_by("sort_key"))
        if len(states) < args.states:
            raise RuntimeError(f"Only {len(states)} States in the reference data")
        observers = list(
            Delegation.objects.exclude(kind__in=state_kinds)
            .exclude(code=PROBE_CODE)
            .exclude(code__startswith="BENCH-OBS")
            .order_by("sort_key")
        )[: args.observers]
        for n in range(1, args.observers - len(observers) + 1):
            observers.append(extra_observer(n))
        delegations = states[: args.states] + observers
        rng = random.Random(args.seed)
        clients = []
        for delegation in delegations:
            user = focal_point_for(delegation)
            clients.append(
                Client(
                    delegation_id=delegation.pk,
                    delegation_code=delegation.code,
                    delegation_name=delegation.name,
                    is_state=delegation.is_state,
                    session_key=signed_in_session(user),
                    level=level_for(rng, delegation.is_state),
                )
            )
    for index in rng.sample(range(len(clients)), round(args.double_click * len(clients))):
        clients[index].double_click = True
    return clients


def create_list(slug: str, title: str):
    """Create a published meeting with two plenary meetings and its plenary list (not open)."""
    from django.utils import timezone

    from meetings.enums import MeetingStatus, SegmentKind
    from meetings.models import Meeting, Segment
    from speakers.enums import ListKind
    from speakers.models import SpeakersList

    now = timezone.now()
    day = timezone.localdate(now) + timedelta(days=60)
    meeting = Meeting.objects.create(
        title=f"High-level meeting of the General Assembly: {title}",
        short_title=title,
        slug=slug,
        ga_session=80,
        starts_on=day,
        ends_on=day,
        status=MeetingStatus.PUBLISHED,
    )
    tz = timezone.get_current_timezone()
    for position, (start, end) in enumerate([(10, 13), (15, 18)], start=1):
        Segment.objects.create(
            meeting=meeting,
            kind=SegmentKind.PLENARY,
            title=f"Plenary meeting {position}",
            starts_at=datetime(day.year, day.month, day.day, start, tzinfo=tz),
            ends_at=datetime(day.year, day.month, day.day, end, tzinfo=tz),
            until_list_exhausted=position == 2,
            position=position,
        )
    return SpeakersList.objects.create(
        meeting=meeting,
        kind=ListKind.PLENARY,
        opens_at=now + FAR_FUTURE,
        closes_at=now + FAR_FUTURE + timedelta(days=30),
    )


def open_list_at(speakers_list, lead: float) -> float:
    """Set the list to open ``lead`` seconds from now; return that moment as a ``time.time()``."""
    from django.utils import timezone

    from speakers.models import SpeakersList

    opens_at = timezone.now() + timedelta(seconds=lead)
    SpeakersList.objects.filter(pk=speakers_list.pk).update(opens_at=opens_at)
    return opens_at.timestamp()


def remove_earlier_runs() -> None:
    from meetings.models import Meeting

    deleted, _by_model = Meeting.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    if deleted:
        print(f"Removed {deleted} rows of an earlier run", flush=True)


# --- Checks ------------------------------------------------------------------------------------


def check_round(speakers_list, clients: list[Client], rush: Burst, since) -> dict[str, object]:
    """Check the list after a rush: every delegation once, logged, acknowledged, in order."""
    from django.db.models import Count

    from meetings.models import OutgoingMessage
    from speakers.enums import ChangeKind
    from speakers.models import Inscription, ListChange

    inscriptions = list(Inscription.objects.filter(speakers_list=speakers_list))
    by_delegation: dict[int, list] = {}
    for inscription in inscriptions:
        by_delegation.setdefault(inscription.delegation_id, []).append(inscription)
    expected = {c.delegation_id for c in clients}
    duplicates = sorted(
        Inscription.objects.filter(speakers_list=speakers_list)
        .values("delegation__code")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("delegation__code", flat=True)
    )
    logged = ListChange.objects.filter(
        speakers_list=speakers_list, kind=ChangeKind.INSCRIBED
    ).count()
    pks = {str(i.pk) for i in inscriptions}
    acknowledged = sent = 0
    for key, status in OutgoingMessage.objects.filter(
        created_at__gte=since, dedupe_key__startswith="inscription-"
    ).values_list("dedupe_key", "status"):
        parts = key.split("-")
        if len(parts) > 2 and parts[1] in pks and parts[2] == "inscribed":
            acknowledged += 1
            sent += status == "sent"
    statuses = len({i.status for i in inscriptions})
    # Double clicks: both requests of the same client must have been redirected.
    doubles = [c for c in clients if c.double_click]
    by_client: dict[int, list[Sample]] = {}
    for sample in rush.samples:
        by_client.setdefault(sample.client, []).append(sample)
    doubles_ok = sum(
        1
        for index, client in enumerate(clients)
        if client.double_click
        and len(by_client.get(index, [])) == 2
        and all(s.status == 302 for s in by_client[index])
    )
    # First come, first served: a client answered before another sent its form is earlier.
    at = {}
    for index, client in enumerate(clients):
        rows = by_delegation.get(client.delegation_id)
        firsts = [s for s in by_client.get(index, []) if not s.second and s.status == 302]
        if rows and firsts:
            at[index] = (rows[0].inscribed_at, firsts[0].started, firsts[0].ended)
    spans = sorted(at.values(), key=lambda v: v[2])
    out_of_order = 0
    for a_at, _a_start, a_end in spans:
        for b_at, b_start, _b_end in spans:
            if a_end < b_start and not a_at < b_at:
                out_of_order += 1
    return {
        "inscriptions": len(inscriptions),
        "delegations": len(by_delegation),
        "duplicates": duplicates,
        "missing": len(expected - set(by_delegation)),
        "unexpected": len(set(by_delegation) - expected),
        "statuses": statuses,
        "logged": logged,
        "acknowledged": acknowledged,
        "acknowledgements_sent": sent,
        "double_clicks": len(doubles),
        "double_clicks_ok": doubles_ok,
        "ordered_pairs": sum(1 for a in spans for b in spans if a[2] < b[1]),
        "out_of_order": out_of_order,
    }


def checks_pass(checks: dict[str, object], clients: int) -> bool:
    return (
        checks["inscriptions"] == clients
        and checks["delegations"] == clients
        and not checks["duplicates"]
        and not checks["missing"]
        and not checks["unexpected"]
        and checks["logged"] == clients
        and checks["acknowledged"] == clients
        and checks["acknowledgements_sent"] == clients
        and checks["double_clicks_ok"] == checks["double_clicks"]
        and not checks["out_of_order"]
    )


# --- One inscription in process: SQL queries on an empty and on a full list ------------------


@dataclass
class Probe:
    label: str
    placed: int  # statements on the list before the request
    queries: int
    ms: float  # median time in process, one request at a time
    status: int  # 0 if the repeats answered differently
    sql: list[str] = field(default_factory=list)  # the queries of the last repeat


def probe_inscription(full_list, repeats: int = 5) -> list[Probe]:
    """Inscribe a probe delegation in process on an empty list and on ``full_list``.

    Each case runs ``repeats`` times (withdrawing in between, untimed) and keeps the median.
    """
    from django.conf import settings
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from meetings.enums import DelegationKind
    from meetings.models import Delegation
    from speakers.enums import PLACED_STATUSES, InscriptionStatus, Level
    from speakers.models import Inscription
    from speakers.services import withdraw

    delegation, _created = Delegation.objects.get_or_create(
        code=PROBE_CODE,
        defaults={
            "name": "Benchmark Probe Organization",
            "kind": DelegationKind.OBSERVER_ORGANIZATION,
        },
    )
    user = focal_point_for(delegation)
    browser = TestClient(SERVER_NAME=HOST)  # CSRF checks are off in the test client
    browser.cookies[settings.SESSION_COOKIE_NAME] = signed_in_session(user)
    empty_list = create_list(f"{SLUG_PREFIX}-probe", "Rush benchmark (probe)")
    probes = []
    data = {
        "honorific": "Mr.",
        "speaker_name": "Probe Speaker",
        "function": "Head of delegation",
        "level": str(Level.HEAD_OF_DELEGATION),
        "on_behalf_of": "",
        "gender": "",
    }
    for label, speakers_list in [("empty list", empty_list), ("full list", full_list)]:
        speakers_list.__class__.objects.filter(pk=speakers_list.pk).update(
            opens_at=speakers_list.opens_at - FAR_FUTURE * 2
        )
        path = inscribe_path(speakers_list.pk)
        browser.get(path, secure=False)  # compiles the templates
        for case in ("Inscription", "Same form again"):
            placed = Inscription.objects.filter(
                speakers_list=speakers_list, status__in=PLACED_STATUSES
            ).count()
            times, counts, statuses, sql = [], [], set(), []
            for _ in range(repeats):
                with CaptureQueriesContext(connection) as captured:
                    t0 = time.perf_counter()
                    response = browser.post(path, data, secure=False)
                    times.append(time.perf_counter() - t0)
                statuses.add(response.status_code)
                counts.append(len(captured.captured_queries))
                sql = [q["sql"] for q in captured.captured_queries]
                if case == "Inscription":  # withdraw (untimed) so that the next one inscribes
                    mine = Inscription.objects.get(
                        speakers_list=speakers_list,
                        delegation=delegation,
                        status=InscriptionStatus.ACTIVE,
                    )
                    withdraw(inscription=mine, actor=user)
            if case == "Inscription":  # the inscription the same form then meets again
                browser.post(path, data, secure=False)
            probes.append(
                Probe(
                    f"{case}, {label}",
                    placed,
                    max(counts),
                    statistics.median(times) * 1000,
                    statuses.pop() if len(statuses) == 1 else 0,
                    sql,
                )
            )
    connection.close()
    return probes


# --- Report ------------------------------------------------------------------------------------


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
                f"{c['acknowledged']} ({c['acknowledgements_sent']})",
                f"{c['double_clicks_ok']} of {c['double_clicks']}",
                f"{c['out_of_order']} (of {c['ordered_pairs']})",
                "ok" if r.ok else "**FAILED**",
            ]
        )
    header = ["Round", "Inscriptions", "Delegations", "Duplicates", "Missing", "Logged"]
    header += ["Acknowledged (sent)", "Double clicks both redirected", "Out of order (of pairs)"]
    return markdown_table([*header, "Result"], rows, align="l" + "r" * 8 + "l")


def probe_table(probes: list[Probe]) -> str:
    header = ["Request (in process, one at a time)", "Statements on the list", "Status"]
    header += ["SQL queries", "ms (median of 5)"]
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
        f"CONN_MAX_AGE={os.environ.get('HLM_CONN_MAX_AGE', '0')}, no Celery broker (the "
        "acknowledgement e-mails are queued and sent in the request, to Django's dummy "
        "e-mail backend: `HLM_EMAIL_URL=dummymail://`)",
        f"- Rush: {n} focal points ({args.states} States, {args.observers} observers), "
        f"each signed in, on a new connection per request, released together by one event at "
        f"the opening time of a fresh plenary list; {doubles} of them send the form twice at "
        f"once (a double click), so {n + doubles} requests. A success is a redirect (302) to "
        "the delegation's page, which is not followed",
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
        "Out of order: pairs of delegations where the first got its answer before the second "
        "sent its form, yet the second is inscribed earlier (first come, first served).",
        "",
        "CPU seconds used during each rush (clients: this script's threads; other: the rest "
        "of the machine, i.e. other programs and the kernel):",
        "",
        *[f"- Round {r.number}: {fmt_cpu(r.rush.cpu)}" for r in rounds],
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
    return "\n".join(lines)


# --- Main --------------------------------------------------------------------------------------


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
        checks = check_round(speakers_list, clients, rush, since)
        errors = rush.errors(302)
        wrong_redirect = [
            s for s in rush.samples if s.status == 302 and not s.location.endswith("/delegation/")
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

    work_dir = Path(tempfile.mkdtemp(prefix="hlm-bench-rush-"))
    os.environ.pop("HLM_CELERY_BROKER_URL", None)  # acknowledgements are sent in process
    # django.core.mail.backends.dummy: no disk I/O
    os.environ.update(production_environment(work_dir, HLM_EMAIL_URL="dummymail://"))
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
        try:
            with running_gunicorn(
                port=port,
                workers=args.workers,
                log_path=log_path,
                options=["--threads", "1"],
                ready_path="/healthz",
            ) as process:
                CPU_GROUPS["gunicorn"] = [process.pid]
                if postmaster:
                    CPU_GROUPS["PostgreSQL"] = [postmaster]
                csrf_list = create_list(f"{SLUG_PREFIX}-csrf", "Rush benchmark (CSRF tokens)")
                connection.close()
                print("Fetching a CSRF token per client …", flush=True)
                with ThreadPoolExecutor(max_workers=args.workers) as pool:
                    list(pool.map(lambda c: fetch_csrf(port, c, csrf_list.pk), clients))
                warm_up(port, clients, args.workers)
                rounds = run_rounds(args, clients, port, log_path)
        finally:
            log_lines = log_summary(log_path)
            for count, line in log_lines[:20]:
                print(f"  gunicorn log: {count} × {line[:300]}", flush=True)
        print("Counting the SQL queries of one inscription in process …", flush=True)
        from speakers.models import SpeakersList

        probes = probe_inscription(SpeakersList.objects.get(pk=rounds[-1].list_pk))
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
