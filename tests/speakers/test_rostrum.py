import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from speakers import rostrum
from speakers.enums import InscriptionStatus, Level
from speakers.models import Inscription, SpeakersList
from speakers.selectors import ordered_list
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.speakers.factories import SpeakersListFactory, inscribe


def names(speakers_list):
    return [r.inscription.delegation.name for r in ordered_list(speakers_list=speakers_list).rows]


@pytest.fixture
def listed(db):
    speakers_list = SpeakersListFactory()
    for name, level in [("Nepal", Level.MINISTER), ("Chile", Level.HEAD_OF_DELEGATION),
                        ("Fiji", Level.HEAD_OF_DELEGATION), ("Peru", Level.HEAD_OF_DELEGATION)]:  # fmt: skip
        inscribe(speakers_list, DelegationFactory(name=name), level)
    return speakers_list


def current(speakers_list):
    speakers_list.refresh_from_db()
    return (
        speakers_list.current_inscription.delegation.name
        if speakers_list.current_inscription
        else None
    )


def test_the_floor_passes_in_order_and_a_stale_click_changes_nothing(listed):
    listed = rostrum.start(speakers_list=listed)
    nepal = listed.current_inscription_id

    assert current(listed) == "Nepal"
    assert rostrum.advance(speakers_list=listed, shown=nepal, actor=None) is True
    assert rostrum.advance(speakers_list=listed, shown=nepal, actor=None) is False  # second screen
    assert current(listed) == "Chile"
    heard = Inscription.objects.get(pk=nepal)
    assert heard.status == InscriptionStatus.HEARD
    assert heard.spoke_seconds is not None


def test_an_absent_speaker_goes_to_the_end_of_the_list(listed):
    listed = rostrum.start(speakers_list=listed)
    nepal = listed.current_inscription_id
    rostrum.advance(speakers_list=listed, shown=nepal, actor=None)
    listed.refresh_from_db()
    chile = listed.current_inscription_id

    rostrum.advance(speakers_list=listed, shown=chile, actor=None, absent="end")

    assert current(listed) == "Fiji"
    assert names(listed) == ["Nepal", "Fiji", "Peru", "Chile"]
    assert Inscription.objects.get(pk=chile).status == InscriptionStatus.ACTIVE


def test_an_absent_speaker_can_move_to_the_next_meeting(db):
    speakers_list = SpeakersListFactory()
    entries = [inscribe(speakers_list, DelegationFactory(name=f"S{n:02d}")) for n in range(45)]
    rostrum.start(speakers_list=speakers_list)

    rostrum.advance(
        speakers_list=speakers_list, shown=entries[0].pk, actor=None, absent="next_meeting"
    )

    row = ordered_list(speakers_list=speakers_list).row_for(entries[0].pk)
    assert timezone.localtime(row.projection.starts_at).hour == 15  # first of the afternoon meeting


def test_the_screen_state_shows_the_speaker_the_limit_and_the_next_five(listed):
    listed = rostrum.start(speakers_list=listed)

    data = rostrum.rostrum_state(speakers_list=listed).as_json()

    assert data["current"]["delegation"] == "Nepal"
    assert data["limit_seconds"] == 180
    assert [u["delegation"] for u in data["upcoming"]] == ["Chile", "Fiji", "Peru"]
    assert data["upcoming"][0]["projected"] == "11.03\u00a0a.m."  # as every page prints a time
    with translation.override("fr"):
        french = rostrum.rostrum_state(speakers_list=listed).as_json()
    assert french["upcoming"][0]["projected"] == "11\u00a0h\u00a003"


@pytest.mark.django_db(transaction=True)
@pytest.mark.integration
def test_two_screens_clicking_at_once_advance_the_list_once():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: run it with `make test`.")
    speakers_list = SpeakersListFactory()
    for n in range(5):
        inscribe(speakers_list, DelegationFactory(name=f"State {n}"))
    rostrum.start(speakers_list=speakers_list)
    shown = SpeakersList.objects.get(pk=speakers_list.pk).current_inscription_id
    go = threading.Event()

    def click():
        go.wait()
        try:
            return rostrum.advance(speakers_list=speakers_list, shown=shown, actor=None)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(click) for _ in range(2)]
        go.set()
        results = sorted(f.result() for f in futures)

    assert results == [False, True]
    assert Inscription.objects.filter(status=InscriptionStatus.HEARD).count() == 1


@pytest.mark.django_db
def test_statistics_of_the_demo_meeting(demo_lists, staff_client):
    plenary = demo_lists[0]

    stats = rostrum.statistics(speakers_list=plenary)
    page = staff_client.get(
        reverse("speakers:rostrum_statistics", args=[plenary.pk])
    ).content.decode()

    assert stats.heard == 56
    assert dict(stats.by_level) == {"Minister": 10, "Vice-Minister": 9, "Head of delegation": 37}
    assert sum(n for _, n in stats.by_region) == 56
    assert stats.minutes_allotted == 6 * 5 + 50 * 3
    assert stats.not_heard == 0
    assert "56 statements heard" in page


@pytest.mark.django_db
def test_rostrum_is_for_staff_only(listed):
    delegate = FocalPointFactory()
    as_delegate = Client()
    as_delegate.force_login(delegate.user)

    for client in (Client(), as_delegate):
        assert client.get(reverse("speakers:rostrum", args=[listed.pk])).status_code == 302
        response = client.post(
            reverse("speakers:rostrum_act", args=[listed.pk]), {"action": "start"}
        )
        assert response.status_code == 302
    listed.refresh_from_db()
    assert listed.current_inscription is None


@pytest.mark.django_db
def test_meeting_page_says_who_is_speaking_without_times(client, listed):
    listed = rostrum.start(speakers_list=listed)
    listed.speaking_since = timezone.now() - timedelta(minutes=1)
    listed.save()

    page = client.get(listed.meeting.get_absolute_url()).content.decode()
    now = client.get(reverse("speakers:now_speaking", args=[listed.meeting.slug])).json()

    # The page (served from the cache) fetches the line from its own small answer.
    assert f'data-now-speaking="/meetings/{listed.meeting.slug}/now-speaking.json"' in page
    assert now == {
        "speaking": [
            {
                "list_id": listed.pk,
                "label": "Now speaking:",
                "delegation": "Nepal",
                "on_behalf_of": "",
            }
        ]
    }
    assert "speaking_since" not in str(now)
