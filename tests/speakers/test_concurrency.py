"""The opening-minute rush on real PostgreSQL transactions: nothing lost, nothing twice."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

import pytest

from meetings.enums import DelegationKind
from meetings.models import Delegation
from speakers.enums import Level
from speakers.models import Inscription
from speakers.selectors import ordered_list
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
STATES, OBSERVERS = 195, 50


def test_opening_rush_keeps_every_inscription_once_in_order_of_arrival():
    if connection.vendor != "postgresql":
        pytest.fail("The rush test needs PostgreSQL: run it with `make test`.")
    speakers_list = SpeakersListFactory()
    states = [(f"State {n:03d}", DelegationKind.MEMBER_STATE) for n in range(STATES)]
    observers = [(f"Observer {n:02d}", DelegationKind.UN_ENTITY) for n in range(OBSERVERS)]
    delegations = Delegation.objects.bulk_create(
        Delegation(name=name, code=name[:1] + name[-3:], kind=kind, sort_key=name.lower())
        for name, kind in states + observers
    )
    # Every delegation sends its form twice (a double click), all at once.
    calls = [d for d in delegations for _ in range(2)]
    go = threading.Event()
    timings = {}

    def send(delegation):
        go.wait()
        try:
            started = time.monotonic()
            inscription = inscribe(speakers_list, delegation, Level.HEAD_OF_DELEGATION)
            timings.setdefault(inscription.pk, []).append((started, time.monotonic()))
            return inscription.pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=32) as pool:
        futures = [pool.submit(send, delegation) for delegation in calls]
        go.set()
        results = [future.result() for future in futures]

    inscriptions = list(Inscription.objects.filter(speakers_list=speakers_list))
    assert len(inscriptions) == STATES + OBSERVERS
    assert len({i.delegation_id for i in inscriptions}) == STATES + OBSERVERS
    assert len(set(results)) == STATES + OBSERVERS  # both clicks got the same inscription
    # Arrival order: a call that finished before another started is inscribed earlier.
    at = {i.pk: i.inscribed_at for i in inscriptions}
    first_calls = {pk: min(spans) for pk, spans in timings.items()}
    for a, (_, a_end) in first_calls.items():
        for b, (b_start, _) in first_calls.items():
            if a_end < b_start:
                assert at[a] < at[b]
    ordered = ordered_list(speakers_list=speakers_list)
    first = [r.inscription for r in ordered.rows][:STATES]
    assert all(i.delegation.kind == DelegationKind.MEMBER_STATE for i in first)
    assert [i.inscribed_at for i in first] == sorted(i.inscribed_at for i in first)
