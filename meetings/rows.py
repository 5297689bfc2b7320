"""What a meeting's public pages list (its programme, its documents) as plain rows, in the
page's language.

A meeting's page lists up to hundreds of participants and documents, and is rendered again
after every write (the page cache is versioned): rows are read as values, not model
instances, with each language's column named (``rewrite(False)``: no fallback is worked out
per row by django-modeltranslation), and every text is made once here, so the template only
prints them. Text that is still English on a French page is marked with its language
(``meetings.translation``).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from itertools import groupby
from typing import TypedDict

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.enums import PREPARATORY_KINDS, DocumentKind, ParticipantRole, SegmentKind
from meetings.models import ConceptNote, Meeting, Segment, document_link
from meetings.names import with_honorific
from meetings.selectors import programme_participants, segments_in_order
from meetings.translation import in_its_language, marked, page_language, text_in
from meetings.when import When, undated_last, when_html

ROLES = list(ParticipantRole)  # in the order a programme lists them
#: The heading of a role's participants on a programme page (opening speakers have none).
ROLE_HEADINGS = {
    ParticipantRole.CHAIR: lambda count: ngettext("Chair:", "Chairs:", count),
    ParticipantRole.PANELLIST: lambda count: _("Panellists:"),
    ParticipantRole.MODERATOR: lambda count: _("Moderator:"),
    ParticipantRole.RAPPORTEUR: lambda count: _("Rapporteur:"),
    ParticipantRole.PRESIDING_OFFICER: lambda count: _("Presiding:"),
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
_SEGMENT_FIELDS = (
    "pk",
    "kind",
    "starts_at",
    "ends_at",
    "when_fixed",
    "until_list_exhausted",
    "has_concept_note",
    *(
        f"{name}_{code}"
        for name in ("title", "theme", "description", "when_note", "room__name")
        for code in LANGUAGES
    ),
)
_PERSON_FIELDS = (
    "segment_id",
    "role",
    "honorific",
    "name",
    "organization",
    "confirmed",
    *(f"function_{code}" for code in LANGUAGES),
)
_DOCUMENT_FIELDS = (
    "pk", "kind", "published_on", "file", "url", "symbol", *(f"title_{code}" for code in LANGUAGES)
)  # fmt: skip


class ProgrammeItem(TypedDict):
    """A segment as a programme page prints it: its texts in the page's language (marked where
    they are still English), its participants grouped by role in the order of the roles.

    Rows are dictionaries: the template engine looks a name up in a dictionary first, and a
    programme prints some two thousand of them.
    """

    pk: int
    url: str
    when: str  # HTML: "3 p.m. – 6 p.m.", or "In the afternoon" when the time is not fixed yet
    room: str
    title: str
    theme: str
    theme_in_brief: str  # its first 18 words, for the list of concept notes
    description: str
    kind: str
    badge: str  # the segment's kind, unless its title already says it
    until_exhausted: bool
    has_concept_note: bool
    participants: str  # HTML: by role, a heading ("Panellists:") and a list (``participants``)


@dataclass
class ProgrammeDay:
    day: date | None  # None: the segments whose day is not fixed yet, last
    items: list[ProgrammeItem]


@dataclass
class MeetingProgramme:
    """A meeting's segments as its page prints them."""

    preparatory: list[ProgrammeItem]  # consultations, hearings: ``when`` gives their day
    days: list[ProgrammeDay]  # the programme by day: ``when`` leaves the day out


@dataclass(frozen=True)
class _PageTexts:
    """What every item of a page prints alike, worked out once per page rather than per row:
    a programme of 60 segments names some 500 people."""

    language: str
    kinds: dict[str, str]
    tbc: str
    segment_url: Callable[[int], str]

    @classmethod
    def of(cls, slug: str) -> "_PageTexts":
        # One reverse() for all the segments' links: the pattern is the same but for the id.
        head, tail = reverse("meetings:segment", kwargs={"slug": slug, "pk": 0}).rsplit("/0/", 1)
        return cls(
            language=page_language(),
            kinds=_labels(SegmentKind),
            tbc=_("TBC"),
            segment_url=lambda pk: f"{head}/{pk}/{tail}",
        )


class DocumentRow(TypedDict):
    """A document as a meeting's page lists it."""

    url: str  # where it can be read; "" when it cannot be opened online
    title: str  # HTML: marked as English on a French page (titles are the record's)
    symbol: str
    kind: str
    published_iso: str
    published: str  # "13 February 2017"; "" when no seed gives a date


def names_its_kind(title: str, kind: str) -> bool:
    """Whether a segment's title already says its kind ("Plenary meeting", "Interactive panel
    discussion 1", "Opening segment" for an opening plenary): then no badge repeats it."""
    words = title.casefold().split()
    return bool(words) and words[0] == kind.casefold().split()[0]


def participants_by_segment(segment_ids: Iterable[int]) -> dict[int, list[dict]]:
    """The participants the programme names in each segment, as rows, in their order."""
    rows = programme_participants().filter(segment_id__in=list(segment_ids))
    by_segment = defaultdict(list)
    for row in rows.rewrite(False).values(*_PERSON_FIELDS):
        by_segment[row["segment_id"]].append(row)
    return by_segment


def _person(row: dict, language: str, tbc: str) -> str:
    # html.escape is what Django's escape() runs, without its check for lazy strings: rows hold
    # plain text, and a long programme escapes a few thousand of them.
    function, its_language = text_in(row, "function", language)
    organization = row["organization"]
    parts = [escape(with_honorific(row["honorific"], row["name"], language))]
    if function:
        parts.append(in_its_language(function, its_language, page=language))
    if organization and organization not in function:
        parts.append(escape(organization))
    if not row["confirmed"]:
        parts[-1] += f' <span class="tbc">({escape(tbc)})</span>'
    return ", ".join(parts)


@lru_cache(maxsize=128)
def _heading(role: str, count: int, language: str) -> str:
    """The heading of ``count`` participants in ``role`` in ``language``, as HTML: translated
    once per process, not once per segment."""
    heading = ROLE_HEADINGS.get(role)
    if heading is None:
        return ""
    with translation.override(language):
        return f'<span class="fw-semibold">{escape(heading(count))}</span>'


def participants(people: list[dict], language: str, tbc: str | None = None) -> SafeString:
    """The participants of a segment as its programme prints them: for each role in the order
    of the roles, its heading ("Chair:", "Panellists:"; none for the opening speakers) and the
    list of its people, "H.E. Mr. Name, function, organization (TBC)".

    Written here rather than in a template: a programme of 60 segments has some 360 of these
    blocks, and the template engine would spend a third of the page's time on them. Every
    text is escaped where it is put in.
    """
    tbc = tbc or _("TBC")
    by_role = defaultdict(list)
    for person in people:
        by_role[person["role"]].append(_person(person, language, tbc))
    blocks = []
    for role in ROLES:
        if lines := by_role.get(role):
            heading = _heading(role, len(lines), language)
            indent = " ms-3" if role == ParticipantRole.PANELLIST else ""
            items = "".join(f"<li>{line}</li>" for line in lines)
            blocks.append(
                f'<div class="mt-2">{heading}'
                f'<ul class="list-unstyled mb-0{indent}">{items}</ul></div>'
            )
    return SafeString("\n".join(blocks))


def segment_rows(segments: QuerySet[Segment]) -> list[dict]:
    """``segments`` as the rows a programme page reads (``programme_item``), in their order."""
    notes = ConceptNote.objects.filter(segment=OuterRef("pk"))
    rows = segments.rewrite(False).annotate(has_concept_note=Exists(notes))
    return list(rows.values(*_SEGMENT_FIELDS))


def programme_item(
    row: dict,
    people: list[dict],
    *,
    slug: str,
    day_format: str | None = None,
    texts: _PageTexts | None = None,
    when: When | None = None,
) -> ProgrammeItem:
    """Return a segment (a row of ``segment_rows``) of the meeting ``slug`` as a programme page
    in the active language prints it, with the rows of its ``people``
    (``participants_by_segment``). ``when`` gives its day only with a ``day_format``: a
    programme prints the day in the day's heading."""
    texts = texts or _PageTexts.of(slug)
    language = texts.language
    title, title_language = text_in(row, "title", language)
    theme, theme_language = text_in(row, "theme", language)
    kind = texts.kinds[row["kind"]]
    return ProgrammeItem(
        pk=row["pk"],
        url=texts.segment_url(row["pk"]),
        when=when_html(row, day_format=day_format, language=language, when=when),
        room=text_in(row, "room__name", language)[0],
        title=in_its_language(title, title_language, page=language),
        theme=in_its_language(theme, theme_language, page=language),
        theme_in_brief=in_its_language(
            Truncator(theme).words(18) if row["has_concept_note"] else "", theme_language, language
        ),
        description=marked(row, "description", language),
        kind=kind,
        badge="" if names_its_kind(title, kind) else kind,
        until_exhausted=row["until_list_exhausted"],
        has_concept_note=row["has_concept_note"],
        participants=participants(people, language, texts.tbc) if people else SafeString(""),
    )


def meeting_programme(*, meeting: Meeting) -> MeetingProgramme:
    """Return ``meeting``'s preparatory process and its programme by day (local time), in 2
    queries however long it is; the segments whose day is not fixed yet come last, under no
    day."""
    rows = segment_rows(segments_in_order(meeting))
    texts = _PageTexts.of(meeting.slug)
    preparatory = [
        programme_item(row, [], slug=meeting.slug, day_format="j F Y", texts=texts)
        for row in rows
        if row["kind"] in PREPARATORY_KINDS
    ]
    programme = [row for row in rows if row["kind"] not in PREPARATORY_KINDS]
    people = participants_by_segment(row["pk"] for row in programme)
    dated = undated_last(programme, texts.language)
    days = [
        ProgrammeDay(
            day,
            [
                programme_item(
                    row, people.get(row["pk"], []), slug=meeting.slug, texts=texts, when=when
                )
                for when, row in on_day
            ],
        )
        for day, on_day in groupby(dated, key=lambda pair: pair[0].day)
    ]
    return MeetingProgramme(preparatory, days)


def document_rows(documents: QuerySet) -> list[DocumentRow]:
    """Return ``documents`` as a meeting's page lists them, in the active language."""
    language = page_language()
    kinds = _labels(DocumentKind)
    rows = []
    months = {}  # "February 2017": each month a document came out in is formatted once
    for document in documents.values(*_DOCUMENT_FIELDS):
        day = document["published_on"]
        if day and (day.year, day.month) not in months:
            months[day.year, day.month] = date_format(day, "F Y")
        rows.append(
            DocumentRow(
                url=document_link(
                    document["pk"], document["file"], document["url"], document["symbol"]
                ),
                title=marked(document, "title", language),
                symbol=document["symbol"],
                kind=kinds[document["kind"]],
                published_iso=day.isoformat() if day else "",
                # "j F Y", as date_format() prints it: "13 February 2017", "13 février 2017"
                published=f"{day.day} {months[day.year, day.month]}" if day else "",
            )
        )
    return rows


def _labels(choices) -> dict[str, str]:
    """The labels of ``choices`` in the active language, translated once per page."""
    return {value: str(label) for value, label in choices.choices}
