"""When a segment is held, as every place prints it (meetings/when.py): its day and hours when
they are fixed; its day and the record's words when only the day is ("in the afternoon"); the
words alone when the date is to be set ("No later than August 2021"). A time or a day that is
not fixed is printed nowhere: pages, programme, calendar, API."""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

import pytest
from icalendar import Calendar

from meetings.enums import SegmentKind, WhenFixed
from meetings.models import Modalities, Segment
from meetings.programme import programme_content
from meetings.services.modalities import apply_modalities, plan
from meetings.when import when_html, when_of, when_text
from tests.api.conftest import API
from tests.meetings.factories import MeetingFactory, SegmentFactory, new_york

AFTERNOON = ("In the afternoon", "L'après-midi")
LIMIT = ("No later than August 2021 (date to be set)", "Au plus tard en août 2021 (date à fixer)")
CLOCK = re.compile(r"\b\d{1,2}(?:\.\d{2})?\s[ap]\.m\.|\b\d{1,2}\sh\b")


def _segment(fixed: str, note: tuple[str, str] = ("", "")) -> Segment:
    return Segment(
        starts_at=new_york(2021, 11, 22, 15),
        ends_at=new_york(2021, 11, 22, 16, 30),
        when_fixed=fixed,
        when_note_en=note[0],
        when_note_fr=note[1],
    )


def test_a_fixed_segment_prints_its_day_and_hours():
    segment = _segment(WhenFixed.TIME)

    with translation.override("en"):
        assert when_text(segment) == "22 November 2021, 3\u00a0p.m. – 4.30\u00a0p.m."
        assert when_text(segment, day_format=None) == "3\u00a0p.m. – 4.30\u00a0p.m."
    with translation.override("fr"):
        assert when_text(segment) == "22 novembre 2021, 15\u00a0h – 16\u00a0h\u00a030"


def test_a_segment_with_only_its_day_fixed_prints_the_day_and_the_note_never_hours():
    segment = _segment(WhenFixed.DAY, AFTERNOON)

    with translation.override("en"):
        assert when_text(segment) == "22 November 2021, in the afternoon"
        assert when_text(segment, day_format=None) == "In the afternoon"
        assert when_html(segment, day_format="l j F Y") == (
            '<time datetime="2021-11-22">Monday 22 November 2021</time>, in the afternoon'
        )
        assert when_of(segment).starts_at is None
    with translation.override("fr"):
        assert when_text(segment) == "22 novembre 2021, l'après-midi"
        segment.when_note_fr = ""  # not given in French: the English, marked as English
        assert when_html(segment, day_format=None) == '<span lang="en">In the afternoon</span>'
        segment.when_note_en = ""  # no note at all
        assert when_text(segment) == "22 novembre 2021, heure à fixer"


def test_a_segment_whose_date_is_to_be_set_prints_the_note_alone():
    segment = _segment(WhenFixed.NONE, LIMIT)

    with translation.override("en"):
        assert when_text(segment) == LIMIT[0]
        assert when_text(segment, day_format="l j F Y") == LIMIT[0]
        assert (when_of(segment).day, when_of(segment).starts_at) == (None, None)
    with translation.override("fr"):
        assert when_text(segment) == LIMIT[1]
        segment.when_note_en = segment.when_note_fr = ""
        assert when_text(segment) == "Date à fixer"


def test_a_note_is_refused_when_the_day_and_time_are_fixed():
    segment = _segment(WhenFixed.TIME, AFTERNOON)

    with pytest.raises(ValidationError) as refused:
        segment.clean()

    assert set(refused.value.message_dict) == {"when_note_en", "when_note_fr"}


@pytest.fixture
def meeting(db):
    """A plenary at fixed hours, a panel on a fixed day "in the afternoon", and an event whose
    date is to be set."""
    meeting = MeetingFactory(starts_on=date(2021, 11, 22), ends_on=date(2021, 11, 23))
    SegmentFactory(meeting=meeting, title="Plenary meeting")
    SegmentFactory(
        meeting=meeting,
        kind=SegmentKind.PANEL,
        title="Interactive panel discussion 1",
        starts_at=new_york(2021, 11, 22, 15),
        ends_at=None,
        when_fixed=WhenFixed.DAY,
        when_note_en=AFTERNOON[0],
        when_note_fr=AFTERNOON[1],
    )
    SegmentFactory(
        meeting=meeting,
        kind=SegmentKind.OTHER,
        title="Side discussion",
        starts_at=new_york(2021, 11, 20, 10),  # before the others: only an order
        when_fixed=WhenFixed.NONE,
        when_note_en=LIMIT[0],
    )
    return meeting


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_meeting_page_prints_the_note_and_puts_the_undated_last(client, meeting):
    text = _text(client.get(meeting.get_absolute_url()))
    programme = text[text.index("Programme", text.index("Add to calendar")) :]

    assert re.search(r"Monday 22 November 2021 10 a\.m\. – 1 p\.m\..*In the afternoon", programme)
    assert "3 p.m." not in programme and "20 November" not in programme
    assert programme.index("Date to be set") > programme.index("Interactive panel discussion 1")
    assert programme.index(LIMIT[0]) > programme.index("Date to be set")


def test_the_segment_page_prints_the_day_and_the_note_in_french_too(client, meeting):
    panel = meeting.segments.get(kind=SegmentKind.PANEL)

    english = _text(client.get(panel.get_absolute_url()))
    french = _text(client.get(panel.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"))

    assert re.search(r"Monday 22 November 2021 ?, in the afternoon", english)
    assert re.search(r"Lundi 22 novembre 2021 ?, l'après-midi", french.replace("&#x27;", "'"))
    assert not CLOCK.search(english) and not CLOCK.search(french)


def test_the_calendar_has_an_all_day_event_for_the_day_only_and_leaves_out_the_undated(
    client, meeting
):
    body = client.get(f"/meetings/{meeting.slug}/calendar.ics").content
    events = {
        str(e["summary"]).split(": ", 1)[1]: e for e in Calendar.from_ical(body).walk("VEVENT")
    }

    assert set(events) == {"Plenary meeting", "Interactive panel discussion 1"}
    panel = events["Interactive panel discussion 1"]
    assert panel.decoded("dtstart") == date(2021, 11, 22)  # VALUE=DATE: the whole day
    assert panel.decoded("dtend") == date(2021, 11, 22) + timedelta(days=1)
    assert str(panel["description"]).startswith(AFTERNOON[0])


def test_the_api_gives_no_time_that_is_not_fixed(client, meeting):
    segments = client.get(f"{API}/meetings/{meeting.slug}/segments/").json()
    panel = next(s for s in segments if s["kind"] == "panel")
    other = next(s for s in segments if s["kind"] == "other")

    assert (panel["starts_at"], panel["ends_at"], panel["day"]) == (None, None, "2021-11-22")
    assert (panel["when_fixed"], panel["when_note"], panel["time"]) == ("day", *AFTERNOON[:1] * 2)
    assert (other["starts_at"], other["day"], other["time"]) == (None, None, LIMIT[0])


def test_the_programme_prints_the_note_and_no_day_for_the_undated(meeting):
    with translation.override("fr"):
        content = programme_content(meeting=meeting, language="fr")

    days = {day["day"]: [s["time"] for s in day["segments"]] for day in content["days"]}
    assert days == {
        "Lundi 22 novembre 2021": ["10\u00a0h – 13\u00a0h", AFTERNOON[1]],
        "Date à fixer": [LIMIT[0]],
    }
    assert list(days)[-1] == "Date à fixer"
    undated = content["days"][-1]["segments"][0]
    assert undated["english"]  # its note is still English: the programme marks it "EN"


def test_staff_set_what_is_fixed_and_the_note_in_both_languages(client, staff_user, demo_meetings):
    client.force_login(staff_user)
    modalities = Modalities.objects.get(resolution__meeting__slug="trafficking-in-persons-2021")
    segment = Segment.objects.get(meeting__slug="trafficking-in-persons-2021", position=1)

    forms = [
        client.get(reverse("admin:meetings_segment_change", args=[segment.pk])),
        client.get(reverse("admin:meetings_modalities_change", args=[modalities.pk])),
    ]

    for response in forms:
        html = response.content.decode()
        assert response.status_code == 200
        assert re.search(r'name="[\w-]*when_fixed"', html)
        assert re.search(r'name="[\w-]*when_note_en"', html)
        assert re.search(r'name="[\w-]*when_note_fr"', html)
    assert LIMIT[1] in forms[1].content.decode().replace("&#x27;", "'")


def test_the_modalities_give_their_segments_what_is_fixed_and_the_note(demo_meetings):
    modalities = Modalities.objects.get(resolution__meeting__slug="trafficking-in-persons-2021")
    meeting = apply_modalities(modalities=modalities)
    hearing = meeting.segments.get(kind=SegmentKind.HEARING)
    item = hearing.decided_by
    item.applied = {k: v for k, v in item.applied.items() if not k.startswith("when_")}
    item.save(update_fields=["applied"])  # as applied before segments said what is fixed

    actions = {change.item.title: change.action for change in plan(modalities=modalities)}

    assert (hearing.when_fixed, hearing.when_note_en, hearing.when_note_fr) == (
        WhenFixed.NONE,
        *LIMIT,
    )
    assert set(actions.values()) == {"unchanged"}
