"""The acknowledgement of an inscription leaves the request: a real Celery worker on the Redis
broker reads the place once the inscription is committed, logs it and mails it, once."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connections
from django.test import Client
from django.urls import reverse

import pytest

from meetings.enums import MessageStatus
from meetings.models import OutgoingMessage
from speakers.enums import ChangeKind, Level
from speakers.models import ListChange
from speakers.selectors import ordered_list
from tests.integration.polling import wait_until
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_worker_tells_the_focal_point_the_place_its_inscription_took(start_worker, smtp_sink):
    start_worker(name="acknowledgements", email_url=smtp_sink.url)
    speakers_list = SpeakersListFactory()
    inscribe(speakers_list, DelegationFactory(name="Peru"), Level.MINISTER)
    focal_point = FocalPointFactory(
        delegation=DelegationFactory(name="Nepal"), user=UserFactory(email="fp@nepal.example")
    )
    delegate = Client()
    delegate.force_login(focal_point.user)

    response = delegate.post(
        reverse("speakers:inscribe", args=[speakers_list.pk]),
        {
            "honorific": "H.E. Mr.",
            "speaker_name": "Ram Thapa",
            "function": "Permanent Representative",
            "level": Level.HEAD_OF_DELEGATION,
            "on_behalf_of": "",
            "gender": "male",
        },
    )

    assert response.status_code == 302
    assert wait_until(lambda: len(smtp_sink.received) >= 1), "no acknowledgement reached the sink"
    time.sleep(1)  # a second message, if any, would arrive meanwhile
    message = OutgoingMessage.objects.get()
    assert smtp_sink.received == [("fp@nepal.example", message.message_id)]
    assert message.status == MessageStatus.SENT
    assert "acknowledges the inscription of Nepal" in message.body
    assert "Place on the list: 2\n" in message.body  # after Peru's minister
    nepal = ListChange.objects.get(inscription__delegation__name="Nepal")
    assert (nepal.kind, nepal.to_position) == (ChangeKind.INSCRIBED, 2)


def test_a_rush_tells_every_focal_point_once_with_the_place_its_inscription_took(
    start_worker, smtp_sink
):
    # Forty delegations inscribe at once while the worker tells the changes as they commit:
    # each commit asks for a run only when none is waiting, and no change is told twice.
    start_worker(name="rush-acknowledgements", email_url=smtp_sink.url)
    speakers_list = SpeakersListFactory()
    delegations = [DelegationFactory(name=f"State {n:02d}") for n in range(40)]
    for delegation in delegations:
        FocalPointFactory(
            delegation=delegation, user=UserFactory(email=f"fp{delegation.pk}@example.org")
        )
    go = threading.Event()

    def send(delegation):
        go.wait()
        try:
            inscribe(speakers_list, delegation, Level.MINISTER)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(send, delegation) for delegation in delegations]
        go.set()
        for future in futures:
            future.result()

    assert wait_until(lambda: len(smtp_sink.received) >= 40), "acknowledgements missing"
    time.sleep(1)  # a message told twice would arrive meanwhile
    assert len(smtp_sink.received) == 40
    rows = ordered_list(speakers_list=speakers_list).rows
    places = {row.inscription.delegation_id: row.place for row in rows}
    for message in OutgoingMessage.objects.all():
        delegation_id = int(message.to.removeprefix("fp").split("@")[0])
        assert f"Place on the list: {places[delegation_id]}\n" in message.body
    assert sorted(places.values()) == list(range(1, 41))
