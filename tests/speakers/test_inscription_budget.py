"""The inscription path stays lean: a fixed, small number of SQL queries per inscription."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from meetings.enums import MessageStatus
from meetings.models import OutgoingMessage
from speakers.enums import Level
from speakers.models import Inscription, ListChange
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db

#: The request of a signed-in focal point: session, user, focal point, list, inscription, log.
BUDGET = 8
#: After the commit (a worker's task): the place, the focal points, the mail queued and sent.
ACKNOWLEDGEMENT_BUDGET = 10


def _counted(queries) -> list[str]:
    """The SQL a server runs: without the savepoints of the test's own transaction."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


FORM = {
    "honorific": "H.E. Mr.",
    "speaker_name": "Didier Example",
    "function": "Minister for Foreign Affairs",
    "level": Level.MINISTER,
    "on_behalf_of": "",
    "gender": "male",
}


@pytest.mark.parametrize("already", [0, 30])
def test_an_inscription_takes_at_most_8_queries_and_orders_no_list_in_the_request(
    already, django_capture_on_commit_callbacks, mailoutbox
):
    speakers_list = SpeakersListFactory()
    for n in range(already):
        inscribe(speakers_list, DelegationFactory(name=f"State {n:02}"))
    focal_point = FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))
    delegate = Client()
    delegate.force_login(focal_point.user)
    url = reverse("speakers:inscribe", args=[speakers_list.pk])

    with django_capture_on_commit_callbacks() as after_commit:
        with CaptureQueriesContext(connection) as queries:
            response = delegate.post(url, FORM)
    with CaptureQueriesContext(connection) as acknowledgement:
        with django_capture_on_commit_callbacks(execute=True):  # the mail, queued then sent
            for callback in after_commit:
                callback()

    request_sql, acknowledgement_sql = _counted(queries), _counted(acknowledgement)
    assert response.status_code == 302
    assert len(request_sql) <= BUDGET, "\n".join(request_sql)
    assert not any("ORDER BY" in sql and "speakers_inscription" in sql for sql in request_sql)
    assert len(acknowledgement_sql) <= ACKNOWLEDGEMENT_BUDGET, "\n".join(acknowledgement_sql)
    inscription = Inscription.objects.get(delegation=focal_point.delegation)
    assert [m.to for m in mailoutbox] == [[focal_point.user.email]]
    # A minister speaks before the heads of delegation already inscribed: first place.
    assert ListChange.objects.get(inscription=inscription).to_position == 1
    assert OutgoingMessage.objects.get().status == MessageStatus.SENT
