import re
from datetime import date

import feedparser
import pytest
from icalendar import Calendar

from meetings.enums import MeetingStatus
from meetings.models import Meeting, Segment
from tests.api.conftest import DEMO_2017, folded
from tests.meetings.factories import DocumentFactory, MeetingFactory, SegmentFactory

pytestmark = pytest.mark.django_db


def test_session_calendar_holds_every_public_meeting_of_the_session(client, demo_meetings):
    other = SegmentFactory(
        meeting__ga_session=72, meeting__short_title="Other HLM", meeting__slug="other"
    )
    draft = SegmentFactory(meeting__ga_session=72, meeting__status=MeetingStatus.DRAFT)
    cancelled = SegmentFactory(meeting__ga_session=72, meeting__status=MeetingStatus.CANCELLED)

    response = client.get("/sessions/72/calendar.ics")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    demo = Segment.objects.filter(meeting__slug="trafficking-in-persons-2017").count()
    assert len(events) == demo + 2  # the 2017 demo's segments, the other and the cancelled
    assert summaries[0] == "HLM on trafficking in persons (2017): Opening segment"
    assert f"Other HLM: {other.title}" in summaries
    assert not any(s.startswith(f"{draft.meeting.short_title}:") for s in summaries)
    by_uid = {str(e["UID"]): e for e in events}
    assert str(by_uid[f"segment-{cancelled.pk}@hlm-portal"]["STATUS"]) == "CANCELLED"
    assert str(events[0]["STATUS"]) == "CONFIRMED"
    assert str(events[0]["LOCATION"]) == "General Assembly Hall"
    assert events[0].decoded("DTSTART").isoformat() == "2017-09-27T10:00:00-04:00"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/New_York"


def test_session_without_public_meetings_has_no_calendar(client):
    SegmentFactory(meeting__ga_session=90, meeting__status=MeetingStatus.DRAFT)

    assert client.get("/sessions/90/calendar.ics").status_code == 404
    assert client.get("/sessions/91/calendar.ics").status_code == 404


def test_documents_feed_is_atom_with_the_documents_of_seed_004(client, demo_meetings, seed_004):
    hidden = DocumentFactory(
        meeting=Meeting.objects.get(slug=DEMO_2017), title="Internal note", is_public=False
    )

    response = client.get(f"/meetings/{DEMO_2017}/documents.atom")
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10" and not feed.bozo
    assert feed.feed.title == "Documents: HLM on trafficking in persons (2017)"
    assert feed.feed.link.endswith(f"/meetings/{DEMO_2017}/")
    titles = [entry.title for entry in feed.entries]
    assert hidden.title not in titles
    assert len([t for t in titles if folded(t) in seed_004]) == 20
    first = feed.entries[0]
    assert first.title.startswith("Letter of the President of the General Assembly")
    assert first.published.startswith("2017-09-13")
    resolution = next(e for e in feed.entries if e.title.startswith("GA resolution 71/287"))
    assert resolution.link == "https://undocs.org/A/RES/71/287"
    assert resolution.summary == "Resolution, 4 May 2017"
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_documents_feed_of_a_draft_meeting_is_404(client):
    document = DocumentFactory(meeting__status=MeetingStatus.DRAFT)

    assert client.get(f"/meetings/{document.meeting.slug}/documents.atom").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_feeds_take_constant_queries(client, django_assert_num_queries, count):
    meeting = MeetingFactory(ga_session=95)
    for n in range(count):
        DocumentFactory(meeting=meeting, published_on=date(2026, 6, n + 1))
        SegmentFactory(meeting=meeting)

    # One to find the meeting's id (then kept in the cache), two for the feed.
    with django_assert_num_queries(3):
        client.get(f"/meetings/{meeting.slug}/documents.atom")
    with django_assert_num_queries(1):
        client.get("/sessions/95/calendar.ics")


def test_meeting_page_links_to_its_feeds_and_its_data(client, demo_meetings):
    html = client.get(f"/meetings/{DEMO_2017}/").content.decode()

    alternates = re.findall(r'<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"', html)
    assert alternates == [
        ("text/calendar", f"/meetings/{DEMO_2017}/calendar.ics"),
        ("text/calendar", "/sessions/72/calendar.ics"),
        ("application/atom+xml", f"/meetings/{DEMO_2017}/documents.atom"),
        ("application/json", f"/api/v1/meetings/{DEMO_2017}/"),
    ]
    assert ">All meetings of the 72nd session (iCal)</a>" in html  # as the meeting list says it
    french = client.get(f"/meetings/{DEMO_2017}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert ">Toutes les réunions de la 72e session (iCal)</a>" in french
    assert ">New documents (Atom feed)</a>" in html


def test_feed_and_calendar_answer_a_repeated_request_with_304(client, demo_meetings):
    for url in (f"/meetings/{DEMO_2017}/documents.atom", "/sessions/72/calendar.ics"):
        first = client.get(url)
        again = client.get(url, headers={"if-none-match": first["ETag"]})

        assert again.status_code == 304, url
