"""The 2021 meeting as seed 001 (the zero draft of its modalities) gives it, once staff set it
up from the modalities: the panels at the hours OP4 gives, and the multi-stakeholder hearing
"no later than August 2021" (OP10) with no day and no hours, on the English and French pages,
the segment pages, the programme PDF, the calendar, the API and the Journal's notices.

Every expected value is read from the seed (tests/record.py), never copied."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

import pytest
from icalendar import Calendar

from meetings.enums import MeetingStatus, ResolutionKind, SegmentKind
from meetings.journal import notices_for
from meetings.models import Meeting, Modalities
from meetings.services.modalities import apply_modalities
from meetings.services.programme import generate_programme
from tests import record
from tests.pdf import programme_text

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
SLUG = "trafficking-in-persons-2021"
CLOCK_EN = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.m\.|\b\d{1,2}:\d{2}\b|noon", re.I)
CLOCK_FR = re.compile(r"\b\d{1,2} h\b|\b\d{1,2} heures\b|\b\d{1,2}:\d{2}\b")


def _zero_draft() -> str:
    text = record.seed("001")
    return record.squash(text[text.index("DRAFT RESOLUTION") :])


def _panels() -> list[tuple[str, tuple[date, object, object]]]:
    """OP4: each panel's title and (day, start, end), in the order the paragraph gives them."""
    draft = _zero_draft()
    day = re.search(
        rf"interactive panel discussions to be held on (\d{{1,2}} (?:{record.MONTHS}) \d{{4}})",
        draft,
    )[1]
    found = re.findall(r"(Interactive panel discussion \d), to be held from ([^,]+),", draft)
    assert len(found) == 2
    return [
        (title, (record.calendar_date(day), *record._range(record.RANGE.search(hours.replace(" to ", " – ")))))
        for title, hours in found
    ]  # fmt: skip


def _hearing_limit() -> str:
    """OP10: the month by which the hearing is held ("August 2021")."""
    paragraph = re.search(r"10\. \*Also requests\*(.*?) 11\. ", _zero_draft())[1]
    assert "hearing" in paragraph
    return re.search(rf"no later than ((?:{record.MONTHS}) \d{{4}})", paragraph)[1]


def _in_french(month_year: str) -> str:
    """ "August 2021" as a French text writes it ("août 2021")."""
    with translation.override("fr"):
        return date_format(record.calendar_date(f"1 {month_year}"), "F Y")


@pytest.fixture
def meeting(demo_meetings) -> Meeting:
    """The 2021 meeting set up from the zero draft's modalities, as staff would."""
    return apply_modalities(modalities=Modalities.objects.get(resolution__meeting__slug=SLUG))


def _html(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def _item(html: str, segment) -> str:
    """The visible text of a segment's entry on a meeting's page."""
    start = html.index(f'id="segment-{segment.pk}"')
    return record.text_of(html[start : html.index("</li>", start)])


def _assert_no_day_and_no_hours(text: str, clock: re.Pattern) -> None:
    assert record.dates_in(text) <= record.seed_dates(), record.dates_in(text)
    assert not clock.search(text), clock.search(text)


def test_the_panels_are_printed_at_the_hours_op4_gives(client, meeting):
    html = _html(client, meeting.get_absolute_url())

    printed = record.slots_in(
        record.text_of(html[html.index('id="programme-heading"') :]), year=2021
    )

    panels = [(slot, text) for slot, text in printed if "panel discussion" in text.lower()]
    assert [slot for slot, _text in panels] == [slot for _title, slot in _panels()]
    for (_slot, text), (title, _slot2) in zip(panels, _panels(), strict=True):
        assert text.strip().startswith(title), text[:60]


def test_the_hearing_says_no_later_than_and_prints_no_day_nor_hours(client, meeting):
    limit = _hearing_limit()
    hearing = meeting.segments.get(kind=SegmentKind.HEARING)

    page = _html(client, meeting.get_absolute_url())
    entry = _item(page, hearing)
    own_page = record.text_of(_html(client, hearing.get_absolute_url()))

    assert f"no later than {limit}".lower() in entry.lower()
    assert f"no later than {limit}".lower() in own_page.lower()
    for text in (entry, own_page):
        _assert_no_day_and_no_hours(text, CLOCK_EN)
    assert record.dates_in(record.text_of(page)) <= record.seed_dates()
    shown = {
        record.calendar_date(d[:10], "%Y-%m-%d") for d in re.findall(r'datetime="([^"]+)"', page)
    }
    assert shown <= record.seed_dates()


def test_the_french_pages_give_the_hearing_its_french_note_and_no_day(client, meeting):
    limit = _in_french(_hearing_limit())
    hearing = meeting.segments.get(kind=SegmentKind.HEARING)

    page = _html(client, meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    entry = _item(page, hearing)
    own_page = record.text_of(_html(client, hearing.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"))

    for text in (entry, own_page):
        assert f"au plus tard en {limit}" in text.lower(), text[:200]
        assert not re.search(r"\b\d{1,2} (?:août|juillet|septembre) 2021", text)
        assert not CLOCK_FR.search(text), CLOCK_FR.search(text)


def test_the_calendar_has_the_panels_at_op4_hours_and_leaves_the_hearing_out(client, meeting):
    body = client.get(reverse("meetings:ical", kwargs={"slug": SLUG})).content
    events = Calendar.from_ical(body).walk("VEVENT")
    hearing = meeting.segments.get(kind=SegmentKind.HEARING)

    assert not [e for e in events if hearing.title in str(e["summary"])]
    for title, (day, start, end) in _panels():
        (event,) = [e for e in events if str(e["summary"]).endswith(title)]
        assert event.decoded("dtstart") == datetime.combine(day, start, tzinfo=NEW_YORK)
        assert event.decoded("dtend") == datetime.combine(day, end, tzinfo=NEW_YORK)


def test_the_programme_pdf_has_the_panels_at_op4_hours_and_no_other_day(
    meeting, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    version, _created = generate_programme(meeting=meeting)
    text = programme_text(version)

    printed = record.slots_in(text, year=2021)

    panels = [slot for slot, text in printed if "panel discussion" in text.lower()]
    assert panels == [slot for _title, slot in _panels()]
    assert record.dates_in(text) <= record.seed_dates()


def test_the_journal_notice_of_the_hearing_prints_no_day_nor_hours(meeting):
    limit = _hearing_limit()
    (notice,) = [
        n for n in notices_for(meeting) if n.segment and n.segment.kind == SegmentKind.HEARING
    ]

    assert f"no later than {limit}".lower() in notice.english.lower()
    assert f"au plus tard en {_in_french(limit)}" in notice.french.lower()
    for text in (notice.english, notice.french):
        assert record.dates_in(text) <= record.seed_dates()
        assert not re.search(r"\b\d{1,2} août 2021", text)
    _assert_no_day_and_no_hours(notice.english, CLOCK_EN)
    assert not CLOCK_FR.search(notice.french), CLOCK_FR.search(notice.french)


@pytest.mark.parametrize("url", ["/", "/meetings/trafficking-in-persons-2021/"])
def test_the_meeting_gives_its_dates_as_the_zero_draft_proposes_them_not_as_scheduled(
    client, demo_meetings, url
):
    """Seed 001 is the record: its dates stand in OP1 of a zero draft, which no resolution
    adopted yet; the meeting is not "scheduled" on them."""
    op1 = re.search(
        r"1\. \*Decides\* that the high-level meeting .*? will be held on (.*?\d{4})", _zero_draft()
    )
    proposed = record.dates_in(op1[1])
    meeting = Meeting.objects.get(slug=SLUG)
    modalities = meeting.resolutions.get(kind=ResolutionKind.MODALITIES)

    html = _html(client, url)

    if url == "/":  # the meeting's card
        start = html.rindex("<article", 0, html.index(f'href="{meeting.get_absolute_url()}"'))
        shown = html[start : html.index("</article>", start)]
    else:  # the heading of its page
        shown = html[html.index("<h1") : html.index('id="programme-heading"')]
    text = record.text_of(shown)
    assert modalities.adopted_on is None and not modalities.symbol
    assert proposed and proposed <= record.dates_in(text) and "proposed" in text
    assert str(MeetingStatus.SCHEDULED.label) not in text
    assert "Modalities under negotiation" in text
    if url != "/":
        assert f'href="{reverse("meetings:resolution", args=[modalities.pk])}"' in shown


def test_the_programme_section_says_the_draft_proposes_one_not_that_none_is_published(
    client, demo_meetings
):
    """Seed 001's zero draft proposes the meeting's segments (OP1, OP4): until staff set the
    meeting up from adopted modalities, its page points to them, not to an absent programme."""
    assert "interactive panel discussions" in _zero_draft()
    html = _html(client, "/meetings/trafficking-in-persons-2021/")

    programme = record.text_of(html[html.index('id="programme-heading"') :])

    assert "has not been published" not in programme
    assert "draft modalities resolution proposes" in programme
