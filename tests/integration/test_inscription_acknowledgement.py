"""The acknowledgement of an inscription leaves the request: a real Celery worker on the Redis
broker reads the place once the inscription is committed, logs it and mails it, once."""

import time

from django.test import Client
from django.urls import reverse

import pytest

from meetings.enums import MessageStatus
from meetings.models import OutgoingMessage
from speakers.enums import ChangeKind, Level
from speakers.models import ListChange
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
