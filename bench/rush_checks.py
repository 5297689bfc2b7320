"""The checks of the rush benchmark: the list after a rush, and one inscription in process.

Part of ``bench/bench_rush.py`` (see bench/README.md); imported as ``rush_checks``.
"""

import math
import statistics
import time
from dataclasses import dataclass, field

from common import HOST
from rush_burst import Burst, Sample
from rush_clients import (
    FAR_FUTURE,
    PROBE_CODE,
    SLUG_PREFIX,
    Client,
    create_list,
    focal_point_for,
    inscribe_path,
    signed_in_session,
)

ACK_KEY_PREFIX = "inscription-change-"  # speakers.acknowledgements.KEY_PREFIX


def acknowledgements(speakers_list, since) -> dict[str, int]:
    """The "inscribed" entries of the list's log: how many have their place noted, and how many
    messages acknowledge them (queued, and of those sent)."""
    from meetings.models import OutgoingMessage
    from speakers.enums import ChangeKind
    from speakers.models import ListChange

    places = dict(
        ListChange.objects.filter(
            speakers_list=speakers_list, kind=ChangeKind.INSCRIBED
        ).values_list("pk", "to_position")
    )
    acknowledged = sent = 0
    for key, status in OutgoingMessage.objects.filter(
        created_at__gte=since, dedupe_key__startswith=ACK_KEY_PREFIX
    ).values_list("dedupe_key", "status"):
        change_id = key[len(ACK_KEY_PREFIX) :].split("-")[0]
        if change_id.isdigit() and int(change_id) in places:
            acknowledged += 1
            sent += status == "sent"
    return {
        "logged": len(places),
        "placed": sum(place is not None for place in places.values()),
        "acknowledged": acknowledged,
        "acknowledgements_sent": sent,
    }


def wait_for_acknowledgements(speakers_list, since, expected: int, timeout: float) -> dict:
    """Poll until the worker has sent ``expected`` acknowledgements (or ``timeout`` s passed);
    return the counts and the seconds waited (``acknowledged_after``)."""
    from django.db import connection

    started = time.monotonic()
    while True:
        counts = acknowledgements(speakers_list, since)
        waited = time.monotonic() - started
        done = counts["acknowledgements_sent"] >= expected and counts["placed"] >= expected
        if done or waited > timeout:
            connection.close()
            return {**counts, "acknowledged_after": waited if done else math.nan}
        time.sleep(0.1)


def check_round(
    speakers_list, clients: list[Client], rush: Burst, since, ack_timeout: float = 120.0
) -> dict[str, object]:
    """Check the list after a rush: every delegation once, logged with its place, acknowledged
    (by the worker, waited for), in order."""
    from django.db.models import Count

    from speakers.models import Inscription

    acknowledged = wait_for_acknowledgements(speakers_list, since, len(clients), ack_timeout)
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
        **acknowledged,
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
        and checks["placed"] == clients
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
