import re
from datetime import date

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

import pytest
from icalendar import Calendar

from meetings.enums import MeetingStatus, ParticipantRole
from meetings.models import ConceptNote
from tests.meetings.factories import (
    DocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    SegmentFactory,
    new_york,
)

pytestmark = pytest.mark.django_db

DEMO_2017 = "/meetings/trafficking-in-persons-2017/"


def _text(response) -> str:
    """The page as a reader sees it: tags removed, white space folded."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_page_lists_the_meetings_and_links_to_each(client, demo_meetings):
    response = client.get("/")

    assert response.status_code == 200
    assert DEMO_2017 in response.content.decode()
    assert "/meetings/trafficking-in-persons-2021/" in response.content.decode()
    assert "HLM on trafficking in persons (2017)" in _text(response)
    assert "27–28 September 2017 · 72nd session · Concluded" in _text(response)


def test_draft_meetings_stay_off_the_public_pages(client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT, short_title="Secret draft")

    assert "Secret draft" not in _text(client.get("/"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_meeting_page_shows_the_programme_of_the_seed(client, demo_meetings):
    text = _text(client.get(DEMO_2017))

    assert "Wednesday 27 September 2017" in text
    assert "Thursday 28 September 2017" in text
    assert "10 a.m. – 11 a.m. General Assembly Hall" in text
    assert "H.E. Mr. Miroslav Lajčák, President of the UN General Assembly" in text
    assert "3 p.m. – 4.30 p.m. Trusteeship Council Chamber Interactive panel discussion 1" in text
    assert (
        "Chair: H.E. Mr. Marc Pecsteen de Buytswerve, Ambassador, Permanent Representative of "
        "Belgium to the United Nations" in text
    )
    assert "Panellists: Dr. Purna Sen, Director of Policy, UN Women" in text
    assert "Ms. Rani Hong, CEO of The Tronie Foundation" in text
    assert "Phumzile" not in text  # the earlier state lives in the history only
    assert "After 6 p.m. Closing segment" in text  # seed 004's "after 6 pm", in no room
    assert "Until the list of speakers is exhausted." in text


def test_unconfirmed_participant_is_marked_tbc(client):
    participant = ParticipantFactory(name="Maria Grazia Giammarinaro", confirmed=False)

    text = _text(client.get(participant.segment.meeting.get_absolute_url()))

    assert "Ms. Maria Grazia Giammarinaro, Executive Director (TBC)" in text


def test_a_panellist_who_declined_leaves_the_public_programme(client):
    """The invitation's answer reaches every public programme, not only the PDF."""
    staying = ParticipantFactory(name="Stays Onthepanel")
    declined = ParticipantFactory(
        segment=staying.segment, name="Declined Theinvitation", invitation_response="declined"
    )

    meeting_page = _text(client.get(staying.segment.meeting.get_absolute_url()))
    segment_page = _text(client.get(staying.segment.get_absolute_url()))

    for text in (meeting_page, segment_page):
        assert "Ms. Stays Onthepanel, Executive Director" in text
        assert declined.name not in text


def test_segment_page_shows_the_concept_note(client, demo_meetings):
    response = client.get(DEMO_2017)
    panel_url = re.search(
        r'href="(/meetings/[^"]+/segments/\d+/)"[^>]*>Interactive panel discussion 2',
        response.content.decode(),
    ).group(1)

    text = _text(client.get(panel_url))

    assert "I. Background" in text
    assert "III. Questions" in text
    assert "How can we incorporate a human rights based approach" in text
    assert "Chair: H.E. Ms. Alya Ahmed Saif Al-Thani" in text


def test_meeting_page_queries_stay_constant_as_segments_grow(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    for hour in (10, 11):
        segment = SegmentFactory(
            meeting=meeting,
            starts_at=new_york(2026, 9, 28, hour),
            ends_at=new_york(2026, 9, 28, hour, 50),
        )
        ParticipantFactory.create_batch(3, segment=segment)
        ParticipantFactory(segment=segment, role=ParticipantRole.CHAIR)
        ConceptNote.objects.create(segment=segment, background="Background")
    DocumentFactory.create_batch(2, meeting=meeting)
    with django_assert_max_num_queries(13) as small:
        client.get(meeting.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        for day in (28, 29):
            for hour in range(12, 18):
                segment = SegmentFactory(
                    meeting=meeting,
                    starts_at=new_york(2026, 9, day, hour),
                    ends_at=new_york(2026, 9, day, hour, 50),
                )
                ParticipantFactory.create_batch(5, segment=segment)
                ConceptNote.objects.create(segment=segment, objective="Objective")
        DocumentFactory.create_batch(20, meeting=meeting)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(meeting.get_absolute_url())
    assert response.content.decode().count('class="row programme-row') == 14


def test_ical_export_parses_with_one_event_per_segment(client, demo_meetings):
    response = client.get(reverse("meetings:ical", args=["trafficking-in-persons-2017"]))

    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(events) == 8
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/New_York"
    panel = next(e for e in events if "panel discussion 1" in str(e["SUMMARY"]))
    assert panel.decoded("DTSTART").isoformat() == "2017-09-27T15:00:00-04:00"
    assert panel.decoded("DTEND").isoformat() == "2017-09-27T16:30:00-04:00"
    assert str(panel["LOCATION"]) == "Trusteeship Council Chamber"
    closing = next(e for e in events if "Closing segment" in str(e["SUMMARY"]))
    # "after 6 pm" (seed 004): on its day, the words in the description, no made-up end
    assert closing.decoded("DTSTART") == date(2017, 9, 28)
    assert str(closing["DESCRIPTION"]).startswith("After 6 p.m.")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_public_document_file_is_served_to_everyone(client, media_root):
    document = DocumentFactory(url="", title="Zero draft")
    document.file.save("zero-draft.pdf", ContentFile(b"%PDF-1.4 zero draft"))

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 zero draft"
    assert 'filename="zero-draft.pdf"' in response["Content-Disposition"]


def test_internal_document_file_is_served_to_staff_only(staff_user, media_root):
    document = DocumentFactory(url="", is_public=False, title="Internal note")
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4 internal"))
    url = reverse("meetings:document", args=[document.pk])
    anonymous, staff = Client(), Client()
    staff.force_login(staff_user)

    assert anonymous.get(url).status_code == 404
    assert "Internal note" not in _text(anonymous.get(document.meeting.get_absolute_url()))
    assert staff.get(url).status_code == 200
