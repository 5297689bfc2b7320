"""Staff open a list of speakers from the admin: "Open the list" opens inscription."""

from datetime import timedelta

from django.utils import timezone

import pytest

from speakers.enums import ListState
from tests.speakers.factories import SpeakersListFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/speakers/speakerslist/"


def run_open(client, speakers_list, **extra):
    data = {"action": "open_now", "_selected_action": [speakers_list.pk], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_open_the_list_opens_a_list_not_yet_open_at_once(staff_client):
    closes_at = timezone.now() + timedelta(days=5)
    speakers_list = SpeakersListFactory(
        opens_at=timezone.now() + timedelta(days=2), closes_at=closes_at
    )

    response = run_open(staff_client, speakers_list)

    speakers_list.refresh_from_db()
    assert speakers_list.state == ListState.OPEN
    assert speakers_list.closes_at == closes_at
    assert "Inscription is open" in response.content.decode()


def test_open_the_list_asks_when_a_closed_list_closes_again_then_reopens_it(staff_client):
    speakers_list = SpeakersListFactory(
        opens_at=timezone.now() - timedelta(days=5), closes_at=timezone.now() - timedelta(days=1)
    )
    new_closing = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        second=0, microsecond=0
    )

    asked = run_open(staff_client, speakers_list).content.decode()
    response = run_open(
        staff_client, speakers_list, closes_at=new_closing.strftime("%Y-%m-%dT%H:%M")
    )

    assert "Inscription closes (New York time)" in asked
    speakers_list.refresh_from_db()
    assert speakers_list.state == ListState.OPEN
    assert speakers_list.closes_at == new_closing
    assert "Inscription is open" in response.content.decode()


def test_a_closing_time_in_the_past_is_refused_and_the_list_stays_closed(staff_client):
    speakers_list = SpeakersListFactory(
        opens_at=timezone.now() - timedelta(days=5), closes_at=timezone.now() - timedelta(days=1)
    )
    past = timezone.localtime(timezone.now() - timedelta(hours=1))

    response = run_open(staff_client, speakers_list, closes_at=past.strftime("%Y-%m-%dT%H:%M"))

    assert "must be in the future" in response.content.decode()
    speakers_list.refresh_from_db()
    assert speakers_list.state == ListState.CLOSED


def test_a_final_list_is_not_reopened(staff_client):
    speakers_list = SpeakersListFactory(finalized_at=timezone.now())

    response = run_open(staff_client, speakers_list)

    assert "final and can no longer be changed" in response.content.decode()
    speakers_list.refresh_from_db()
    assert speakers_list.state == ListState.FINAL


def test_the_link_to_the_speakers_in_order_is_not_called_open_the_list(staff_client):
    speakers_list = SpeakersListFactory()

    page = staff_client.get(CHANGELIST).content.decode()

    assert f'href="/admin/speakers/speakerslist/{speakers_list.pk}/order/">Speakers in order<' in (
        page
    )
    assert ">Open the list</a>" not in page
    assert "Open the list for inscription now" in page  # the action
