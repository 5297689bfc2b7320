"""The real meetings as the seeds record them: the 2017 page, its programme PDF, its documents,
the resolutions, the roundtable notice; and a demo that invents nothing about them.

Every expected value is read from the seed files (tests/record.py), never copied."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.apps import apps
from django.urls import reverse

import pytest

from meetings.demo import load_everything
from meetings.enums import SilenceOutcome
from meetings.models import Meeting, Participant, Resolution, Room, Segment, SideEvent
from meetings.services.programme import generate_programme
from speakers.models import Inscription
from stakeholders.models import CivilSocietyProcess
from tests import record
from tests.pdf import programme_text
from tests.speakers.factories import SpeakersListFactory

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
SLUG_2017 = "trafficking-in-persons-2017"
OFFICIAL = "https://undocs.org/"


@pytest.fixture
def meeting(demo_meetings):
    return Meeting.objects.get(slug=SLUG_2017)


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def _expected():
    """Seed 002's programme, one entry per time slot (a row may hold two)."""
    return [(slot, row) for row in record.programme_002() for slot in row.slots]


def _segment(meeting, slot) -> Segment:
    day, start, end = slot
    return meeting.segments.get(
        starts_at=datetime.combine(day, start, tzinfo=NEW_YORK),
        ends_at=datetime.combine(day, end, tzinfo=NEW_YORK) if end else None,
    )


def _assert_programme(printed, meeting, *, history: bool = True) -> None:
    """Days, times, order, rooms, titles and people of ``printed`` against seeds 002 and 004."""
    expected = _expected()
    assert [slot for slot, _text in printed] == [slot for slot, _row in expected]
    rooms = {room.short_name: room.name for room in Room.objects.all()}
    later = record.programme_004()
    for (slot, text), (_slot, row) in zip(printed, expected, strict=True):
        if row.room:
            assert rooms[row.room] in text, (slot, text[:80])
        else:  # the seeds give no room: none is made up
            assert not any(name in text for name in rooms.values()), (slot, text[:80])
        assert row.title.lower() in text.lower(), (slot, row.title)
        named = [name for name, _tbc in later.get(slot, [])]
        assert [text.index(name) for name in named] == sorted(text.index(n) for n in named)
        for name, _tbc in row.people:  # 13 September's, "TBC" or not, that 004 does not name
            if name in named:
                continue
            assert name not in text, name  # the later record stands; the history keeps them
            if history:
                segment = _segment(meeting, slot)
                assert Participant.history.filter(
                    segment_id=segment.pk, name__endswith=name
                ).exists(), name


def test_meeting_page_has_the_programme_of_the_seeds(client, meeting):
    html = _html(client, meeting.get_absolute_url())

    printed = record.slots_in(record.text_of(_section(html, "programme-heading")), year=2017)

    _assert_programme(printed, meeting)


def test_programme_pdf_has_the_programme_of_the_seeds(meeting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    version, _created = generate_programme(meeting=meeting)
    text = programme_text(version)

    table = text[: text.index("Concept Note")]  # the annexes repeat the panels' times

    _assert_programme(record.slots_in(table, year=2017), meeting, history=False)


def test_plenary_list_of_speakers_runs_over_every_plenary_meeting_of_the_seed(client, meeting):
    SpeakersListFactory(meeting=meeting, plenary_meetings=False)
    plenaries = [
        slot for slot, row in _expected() if row.title.lower().startswith("plenary meeting")
    ]

    html = _html(client, f"{meeting.get_absolute_url()}speakers/")
    slots = re.findall(r'data-testid="slot">(.*?)</span>', html)

    assert [record.slots_in(record.text_of(s), year=2017)[0][0] for s in slots] == plenaries
    assert all(Room.objects.get(short_name="GA Hall").name in s for s in slots)


def test_documents_keep_the_seed_order_and_no_invented_date(client, meeting):
    html = _html(client, meeting.get_absolute_url())
    section = _section(html, "documents-heading")
    titles = [
        record.text_of(t) for t in re.findall(r'class="document-title[^"]*"[^>]*>(.*?)</', section)
    ]

    assert " ".join(record.documents_004()) in " ".join(titles)
    shown = {record.calendar_date(d, "%Y-%m-%d") for d in re.findall(r'datetime="([^"]+)"', html)}
    assert shown <= record.seed_dates()
    assert record.dates_in(record.text_of(html)) <= record.seed_dates()


def test_documents_link_their_official_symbol_or_say_they_cannot_be_opened(client, meeting):
    section = _section(_html(client, meeting.get_absolute_url()), "documents-heading")
    items = re.findall(r"<li.*?</li>", section, re.S)

    assert len(items) >= len(record.documents_004())
    for item in items:
        number = re.search(r"GA resolution (\d+/\d+)", item)
        if number:
            assert f'href="{OFFICIAL}A/RES/{number[1]}"' in item
        else:
            assert "<a " not in item and 'data-testid="not-online"' in item
            assert "not available online" in record.text_of(item)


def _adoptions() -> dict[str, str]:
    """{"71/287": "4 May 2017", …} as seeds 001 and 002 cite them."""
    text = record.seed("001") + record.seed("002")
    return dict(re.findall(r"resolution (\d+/\d+) of (\d{1,2} \w+ \d{4})", text))


def _stages(topic: str) -> list[str]:
    """The drafts seed 004 lists on ``topic``, oldest first, as their stage words."""
    words = ("zero", "revised", "silence", "final")
    lines = [line.lower() for line in record.documents_004() if topic in line.lower()]
    stages = [
        next(w for w in words if w in line) for line in lines if any(w in line for w in words)
    ]
    return [s for s in reversed(stages)]


@pytest.mark.parametrize(("number", "topic"), [("71/287", "modalities"), ("72/1", "political")])
def test_resolution_page_tells_its_history_and_links_the_official_document(
    client, meeting, number, topic
):
    resolution = Resolution.objects.get(symbol=f"A/RES/{number}")
    adopted = _adoptions()[number]

    html = _html(client, reverse("meetings:resolution", args=[resolution.pk]))
    history_text = record.text_of(_section(html, "history-heading"))
    history = history_text.lower()

    assert f'href="{OFFICIAL}A/RES/{number}"' in html
    stages = _stages(topic)
    assert len(stages) >= 3
    assert [history.index(stage) for stage in stages] == sorted(history.index(s) for s in stages)
    assert history.rindex(adopted.lower()) > max(history.index(s) for s in stages)
    assert record.dates_in(history_text) <= record.seed_dates()
    assert "has not been published" not in html


@pytest.mark.parametrize("symbol", ["A/RES/71/287", "A/RES/72/1"])
def test_resolution_history_names_no_document_nor_outcome_the_seeds_do_not_give(
    client, meeting, symbol
):
    """Seed 004 lists a silence procedure on the political declaration, not how it ended; no
    seed gives the L-document of either text."""
    seeds = " ".join(record.seed(n) for n in ("001", "002", "003", "004")).lower()
    resolution = Resolution.objects.get(symbol=symbol)

    history = record.text_of(
        _section(
            _html(client, reverse("meetings:resolution", args=[resolution.pk])), "history-heading"
        )
    )

    for l_document in re.findall(r"A/\d+/L\.\d+", history):
        assert l_document.lower() in seeds, l_document
    for outcome in SilenceOutcome:
        assert outcome.label.lower() not in history.lower() or outcome.label.lower() in seeds


def test_resolution_text_reads_as_the_assembly_adopts_it(client, demo_meetings):
    text = record.seed("001")
    body = text[text.index("The General Assembly,") :]
    preambular = [p for p in body[: body.index("\n1. ")].split("\n\n")[1:] if p.strip()]
    first_verb = re.search(r"^1\. \*([^*]+)\*", body, re.M)[1]
    resolution = Resolution.objects.get(meeting__slug="trafficking-in-persons-2021")

    html = _html(client, reverse("meetings:resolution", args=[resolution.pk]))
    rows = re.findall(r'data-kind="(\w+)">(.*?)</p>', html, re.S)

    assert html.index("The General Assembly,") < html.index('data-kind="preambular"')
    kinds = [kind for kind, _p in rows]
    assert kinds[: len(preambular)] == ["preambular"] * len(preambular)
    assert kinds[len(preambular)] == "operative"
    for (_kind, paragraph), seed_paragraph in zip(rows, preambular, strict=False):
        opening = re.match(r"<em>([^<]+)</em>", paragraph)
        assert opening, paragraph
        assert record.squash(seed_paragraph).startswith(opening[1])
    assert f"<em>{first_verb}</em>" in rows[len(preambular)][1]


def test_meeting_page_tells_mandate_from_background(client, meeting):
    convened = re.search(r"resolution (\d+/\d+)[^.]{0,120}decided to convene", record.seed("003"))
    adopted_plan = re.search(
        r"resolution \[?(\d+/\d+)\]?(?:\([^)]*\))? of [^,]+, by which it adopted the Global Plan",
        record.seed("001"),
    )

    html = _html(client, meeting.get_absolute_url())
    mandate, background = _section(html, "mandate-heading"), _section(html, "background-heading")

    assert f"A/RES/{convened[1]}" in mandate and f"A/RES/{adopted_plan[1]}" not in mandate
    assert f"A/RES/{adopted_plan[1]}" in background


def test_roundtable_page_carries_the_notice_whole(client, demo_meetings):
    notice = re.sub(r"\*\*|<sup>|</sup>", "", record.seed("003"))
    sections = dict(re.findall(r"### (\w+)\n(.*?)(?=\n### |\Z)", notice, re.S))
    paragraphs = [
        re.sub(r"^- ", "", p.strip())
        for name in ("BACKGROUND", "OBJECTIVES")
        for p in sections[name].splitlines()
        if p.strip()
    ]
    # The attendance paragraph as the notice gives it, but for the contact's own e-mail address
    # and telephone number, which the portal does not publish.
    (attendance,) = [p.strip() for p in sections["ATTENDANCE"].splitlines() if p.strip()]
    attendance = re.sub(r" \((?:e-mail|tel)[^)]*\)", "", attendance)
    event = SideEvent.objects.get(slug="roundtable-2017-review-2016-12-05")

    text = record.text_of(_html(client, event.get_absolute_url()))
    notice = record.text_of(_html(client, reverse("meetings:side_event_notice", args=[event.slug])))

    assert len(paragraphs) == 4 + 2 + 3
    for paragraph in paragraphs:
        assert record.squash(paragraph) in text
    # Attendance as the notice asks for it: no registration on a portal that did not exist in
    # 2016, no deadline and no organizer the notice does not give.
    for page in (text, notice):
        assert record.squash(attendance) in page
        assert "portal" not in page.lower() and "Organized by" not in page
    capacity = re.search(r"(\d+) (?:seats|delegations)", notice)  # the notice gives none
    assert re.findall(r"(\d+) delegations", text) == ([capacity[1]] if capacity else [])


def test_every_date_on_the_real_meetings_pages_is_one_a_seed_gives(client, demo_meetings):
    real = Meeting.objects.filter(slug__in=[SLUG_2017, "trafficking-in-persons-2021"])
    urls = [m.get_absolute_url() for m in real]
    urls += [
        reverse("meetings:resolution", args=[r.pk])
        for r in Resolution.objects.exclude(meeting__slug="demo-hlm")
    ]
    urls += [e.get_absolute_url() for e in SideEvent.objects.exclude(meeting__slug="demo-hlm")]

    for url in urls:
        html = _html(client, url)
        shown = {
            record.calendar_date(d[:10], "%Y-%m-%d")
            for d in re.findall(r'datetime="([^"]+)"', html)
        }
        shown |= record.dates_in(record.text_of(html))
        assert shown <= record.seed_dates(), (url, shown - record.seed_dates())


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_demo_invents_nothing_about_the_real_meetings_and_reloads_without_writing():
    load_everything(password="demo-pass-2017")
    first = _counts()

    load_everything(password="demo-pass-2017")

    assert _counts() == first
    seeds = " ".join(record.seed(n) for n in ("001", "002", "003", "004"))
    real = Meeting.objects.filter(slug__in=[SLUG_2017, "trafficking-in-persons-2021"])
    assert real.count() == 2
    assert not Inscription.objects.filter(speakers_list__meeting__in=real).exists()
    assert not CivilSocietyProcess.objects.filter(meeting__in=real).exists()
    for participant in Participant.objects.filter(segment__meeting__in=real):
        assert record.surname(participant.name) in seeds, participant.name
    for resolution in Resolution.objects.all():
        assert resolution.adopted_on is None or resolution.adopted_on in record.seed_dates()
        assert resolution.adoption_vote == ""


@pytest.mark.parametrize("number", [1, 2])
def test_each_panel_shows_its_own_concept_note_as_the_letter_gives_it(
    client, demo_meetings, number
):
    """Each concept note of the 13 September 2017 letter (seed 002), paragraph by paragraph, on
    its panel's page: the notes share their structure, not all their wording."""
    letter = record.seed("002").replace("*", "")
    notes = re.split(r"Concept Note for the Interactive [Pp]anel [Dd]iscussion (\d)", letter)
    note = dict(zip(notes[1::2], notes[2::2], strict=True))[str(number)]
    note = note.split("Provisional Programme")[0]  # the programme follows the last note
    sections = dict(re.findall(r"^(I|II|IV|V)\. \w+\n(.*?)(?=^[IV]+\. |\Z)", note, re.S | re.M))
    paragraphs = [
        p.strip() for name in ("I", "II", "IV", "V") for p in sections[name].split("\n\n")
    ]
    segment = Segment.objects.get(
        meeting__slug=SLUG_2017, title=f"Interactive panel discussion {number}"
    )

    text = record.text_of(_html(client, segment.get_absolute_url()))

    assert len([p for p in paragraphs if p]) == {1: 7, 2: 6}[number]
    for paragraph in filter(None, paragraphs):
        assert record.squash(paragraph) in text, paragraph


@pytest.mark.parametrize("slug", [SLUG_2017, "trafficking-in-persons-2021"])
def test_a_meeting_page_of_no_list_does_not_say_its_lists_show_who_was_heard(
    client, demo_meetings, slug
):
    """No seed gives a list of speakers of the real meetings: their speakers' pages say that the
    portal holds none (not that none was opened: the meetings had lists), and nothing about
    lists that would show who was heard."""
    text = record.text_of(_html(client, f"/meetings/{slug}/speakers/"))

    assert "The portal holds no list of speakers of this meeting." in text
    assert "No list of speakers has been opened" not in text
    assert "who was heard" not in text


def test_open_ended_segment_starts_as_the_seeds_word_it(client, meeting):
    """Seed 004: the closing "after 6 pm" (after the list of speakers is exhausted), not "from"."""
    words = [m[0].split()[0].lower() for m in record.OPEN_ENDED.finditer(record.seed("004"))]
    programme = record.text_of(
        _section(_html(client, meeting.get_absolute_url()), "programme-heading")
    )

    printed = [m[0].split()[0].lower() for m in record.OPEN_ENDED.finditer(programme)]

    assert printed == words == ["after"]


def test_meeting_page_tells_how_the_meeting_is_organized_as_seed_004_does(client, meeting):
    """Seed 004's paragraphs between the programme and the documents: the meeting's format,
    objective, time limits, participation and the civil-society process, in their order."""
    paragraphs = record.organization_004()
    section = record.text_of(
        _section(_html(client, meeting.get_absolute_url()), "organization-heading")
    )

    assert len(paragraphs) == 8
    assert [section.index(p) for p in paragraphs] == sorted(section.index(p) for p in paragraphs)


def test_a_segment_held_until_the_list_is_exhausted_says_so_on_its_own_page(client, meeting):
    """Seed 004: the plenary of 28 September afternoon runs "until … the list of speakers
    has been exhausted"; its page says it, as the meeting's page and the programme do."""
    lines = record.seed("004").splitlines()
    said = next(i for i, line in enumerate(lines) if "exhausted" in line and "until" in line)
    day = next(
        record.calendar_date(line)
        for line in reversed(lines[:said])
        if record.DAY_LINE.fullmatch(line)
    )
    start, end = record._range(record.RANGE.fullmatch(lines[said - 1].strip()))
    segment = _segment(meeting, (day, start, end))

    assert "Until the list of speakers is exhausted." in record.text_of(
        _html(client, segment.get_absolute_url())
    )
