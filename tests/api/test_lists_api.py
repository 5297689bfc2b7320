from datetime import timedelta

from django.utils import timezone

import pytest

from meetings.enums import MeetingStatus
from meetings.models import GroupChair, GroupOfStates
from speakers.enums import InscriptionStatus, Level
from stakeholders.enums import ApplicationStatus
from stakeholders.services import proposed_lists
from tests.api.conftest import API, DEMO_2017
from tests.meetings.factories import DelegationFactory
from tests.speakers.factories import SpeakersListFactory, inscribe
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


def test_lists_of_speakers_match_the_public_page(client, demo_lists):
    lists = client.get(f"{API}/meetings/{DEMO_2017}/speakers/").json()
    page = client.get(f"/meetings/{DEMO_2017}/speakers/").content.decode()

    assert [x["title"] for x in lists] == [
        "Plenary meetings",
        "Interactive panel discussion 1",
        "Interactive panel discussion 2",
    ]
    plenary = lists[0]
    assert plenary["rows"][0] == {
        **plenary["rows"][0],
        "place": 1,
        "delegation": "Ecuador",
        "on_behalf_of": "Group of 77 and China",
        "level": Level.MINISTER,
        "level_label": "Minister",
    }
    assert [r["place"] for r in plenary["rows"]] == list(range(1, len(plenary["rows"]) + 1))
    for row in plenary["rows"]:
        assert row["delegation"] in page or row["delegation"].replace("'", "&#x27;") in page
    assert lists[1]["panel_id"] is not None
    assert [r["delegation"] for r in lists[1]["rows"]][:2] == ["Sweden", "Philippines"]


def test_heard_statements_have_no_projected_time(client):
    speakers_list = SpeakersListFactory()
    first, second = DelegationFactory(name="Alpha"), DelegationFactory(name="Beta")
    heard = inscribe(speakers_list, first)
    inscribe(speakers_list, second, level=Level.MINISTER)
    heard.status = InscriptionStatus.HEARD
    heard.save(update_fields=["status"])

    rows = client.get(f"{API}/meetings/{speakers_list.meeting.slug}/speakers/").json()[0]["rows"]

    assert [(r["delegation"], r["heard"]) for r in rows] == [("Beta", False), ("Alpha", True)]
    assert rows[0]["projected_start"].startswith(f"{speakers_list.meeting.starts_on}T11:00:00")
    assert rows[1]["projected_start"] is None


@pytest.mark.parametrize("count", [1, 3])
def test_lists_of_speakers_take_constant_queries(client, django_assert_num_queries, count):
    speakers_list = SpeakersListFactory()
    for _ in range(count):
        inscribe(speakers_list, DelegationFactory())

    with django_assert_num_queries(4):
        lists = client.get(f"{API}/meetings/{speakers_list.meeting.slug}/speakers/").json()

    assert len(lists[0]["rows"]) == count


def test_speaking_now_names_the_delegation_with_the_floor(client, django_assert_num_queries):
    speakers_list = SpeakersListFactory()
    group = GroupOfStates.objects.create(name="African Group", short_name="AG")
    nigeria = DelegationFactory(name="Nigeria")
    day = speakers_list.meeting.starts_on
    GroupChair.objects.create(group=group, delegation=nigeria, starts_on=day, ends_on=day)
    inscription = inscribe(speakers_list, nigeria, group=group)
    url = f"{API}/meetings/{speakers_list.meeting.slug}/speaking-now/"
    before = client.get(url).json()
    speakers_list.current_inscription = inscription
    speakers_list.save(update_fields=["current_inscription"])

    with django_assert_num_queries(2):
        response = client.get(url)
    now = response.json()

    line = client.get(f"/meetings/{speakers_list.meeting.slug}/now-speaking.json").json()
    assert before == []
    assert "max-age=10" in response["Cache-Control"]  # live data: cached for seconds only
    assert line["speaking"][0]["label"] == "Now speaking:"
    assert line["speaking"][0]["on_behalf_of"] == "on behalf of the African Group"
    assert now == [
        {
            "list_id": speakers_list.pk,
            "title": "Plenary meetings",
            "delegation": "Nigeria",
            "on_behalf_of": "African Group",
        }
    ]


def _submitted_list(process):
    application = ApplicationFactory(
        process=process, name="Alpha", status=ApplicationStatus.SHORTLISTED
    )
    application.representatives.create(
        name="Secret Person", title="T", gender="male", nationality=application.country,
        biography="B", consents_to_publication=False,
    )  # fmt: skip
    proposed = proposed_lists.build_proposed_list(process=process)
    proposed_lists.submit_to_member_states(
        proposed_list=proposed, deadline=timezone.now() + timedelta(days=1)
    )
    return application


def test_civil_society_list_publishes_consenting_names_only(client):
    process = CivilSocietyProcessFactory()
    application = _submitted_list(process)

    data = client.get(f"{API}/meetings/{process.meeting.slug}/civil-society/").json()

    entries = data["published_list"]["entries"]
    assert entries == [
        {
            "organization": "Alpha",
            "acronym": "",
            "country": application.country.name,
            "representatives": ["Rep of Alpha"],
            "outcome": "pending",
            "outcome_label": "Under non-objection procedure",
        }
    ]
    assert "Secret Person" not in str(data)
    assert data["published_list"]["status"] == "submitted"


def test_a_draft_civil_society_list_is_not_published(client):
    process = CivilSocietyProcessFactory()
    ApplicationFactory(process=process, name="Alpha", status=ApplicationStatus.SHORTLISTED)
    proposed_lists.build_proposed_list(process=process)  # a draft, not yet submitted

    data = client.get(f"{API}/meetings/{process.meeting.slug}/civil-society/").json()

    assert data["published_list"] is None
    assert "Alpha" not in str(data)


def test_civil_society_of_a_draft_meeting_is_404(client):
    process = CivilSocietyProcessFactory(meeting__status=MeetingStatus.DRAFT)
    _submitted_list(process)

    response = client.get(f"{API}/meetings/{process.meeting.slug}/civil-society/")

    assert response.status_code == 404
    assert "Alpha" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_civil_society_list_takes_constant_queries(client, django_assert_num_queries, count):
    process = CivilSocietyProcessFactory()
    for n in range(count):
        ApplicationFactory(process=process, name=f"Org {n}", status=ApplicationStatus.SHORTLISTED)
    proposed = proposed_lists.build_proposed_list(process=process)
    proposed_lists.submit_to_member_states(
        proposed_list=proposed, deadline=timezone.now() + timedelta(days=1)
    )

    with django_assert_num_queries(4):
        data = client.get(f"{API}/meetings/{process.meeting.slug}/civil-society/").json()

    assert len(data["published_list"]["entries"]) == count
