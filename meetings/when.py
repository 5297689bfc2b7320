"""When a segment is held, as every page, the programme, the calendar, the API, the Journal
and the letters print it: the one home of the rule.

A segment's day, or its time, may not be fixed yet (``WhenFixed``): a resolution fixes the
day of two panels and says only "in the afternoon", or asks for a hearing "no later than
August 2021". The segment's start then only orders the segments and is never printed; the
note the record gives is printed instead, in the page's language (marked where it is still
English), or "Time to be set" / "Date to be set" where staff gave none.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.enums import WhenFixed
from meetings.formatting import time_range
from meetings.translation import in_its_language, page_language, text_in


@dataclass(frozen=True)
class When:
    """What may be printed of when a segment is held."""

    day: date | None  # None: the day is not fixed yet
    starts_at: datetime | None  # None: the time is not fixed yet
    ends_at: datetime | None
    note: str  # what is printed instead of what is not fixed; "" when all is fixed
    note_language: str  # the language ``note`` is in


def when_of(segment, language: str | None = None) -> When:
    """What may be printed of when ``segment`` (a model instance or a row of ``values()`` with
    ``starts_at``, ``ends_at``, ``when_fixed`` and the ``when_note`` columns) is held, for a
    text in ``language`` (the active one by default; call it with that language active)."""
    language = language or page_language()
    if isinstance(segment, dict):
        fixed, starts_at, ends_at = (segment.get(k) for k in ("when_fixed", "starts_at", "ends_at"))
    else:  # read as attributes: a deferred field is loaded, not taken as fixed
        fixed, starts_at, ends_at = segment.when_fixed, segment.starts_at, segment.ends_at
    if (fixed or WhenFixed.TIME) == WhenFixed.TIME:
        return When(timezone.localdate(starts_at), starts_at, ends_at, "", language)
    note, note_language = text_in(segment, "when_note", language)
    if not note:
        note = _("Time to be set") if fixed == WhenFixed.DAY else _("Date to be set")
        note_language = language
    day = timezone.localdate(starts_at) if fixed == WhenFixed.DAY else None
    return When(day, None, None, note, note_language)


def undated_last(segments: Iterable, language: str | None = None) -> list[tuple[When, object]]:
    """Each of ``segments`` (in programme order) with ``when_of`` it, those whose day is not
    fixed yet last; the programme's order stays within each part."""
    dated = [(when_of(segment, language), segment) for segment in segments]
    dated.sort(key=lambda pair: pair[0].day is None)  # a stable sort
    return dated


def after_day(note: str) -> str:
    """The note as it reads after the day: "22 November 2021, in the afternoon"; "22 novembre
    2021, l'après-midi". A first word in capitals ("UN", "PGA") stays as it is."""
    first_word = note.split(" ", 1)[0]
    return note[:1].lower() + note[1:] if any(c.islower() for c in first_word[1:]) else note


def when_text(segment, *, day_format: str | None = "j F Y", language: str | None = None) -> str:
    """Plain text: "30 March 2021, 3 p.m. – 6 p.m.", "22 November 2021, in the afternoon",
    "No later than August 2021 (date to be set)". Without ``day_format`` the day is left out
    (a programme prints it in the day's heading): "3 p.m. – 6 p.m.", "In the afternoon"."""
    when = when_of(segment, language)
    if when.day is None or day_format is None:
        return time_range(when.starts_at, when.ends_at) if when.starts_at else when.note
    day = date_format(when.day, day_format)
    if when.starts_at:
        return f"{day}, {time_range(when.starts_at, when.ends_at)}"
    return f"{day}, {after_day(when.note)}"


def when_html(
    segment,
    *,
    day_format: str | None = "j F Y",
    language: str | None = None,
    when: When | None = None,
    opens_line: bool = False,
) -> SafeString:
    """``when_text`` for an HTML page: the day in a ``<time>`` element, the note marked with
    its language where it is not the page's. ``when`` is ``when_of(segment, language)`` where
    the caller has it already; ``opens_line``: the day's name takes a capital ("Mercredi")."""
    language = language or page_language()
    when = when or when_of(segment, language)
    shown_day = when.day is not None and day_format is not None
    if when.starts_at:
        time = conditional_escape(time_range(when.starts_at, when.ends_at))
    else:
        note = after_day(when.note) if shown_day else when.note
        time = in_its_language(note, when.note_language, page=language)
    if not shown_day:
        return SafeString(time)
    return format_html(
        '<time datetime="{}">{}</time>, {}',
        when.day.isoformat(),
        capfirst(date_format(when.day, day_format))
        if opens_line
        else date_format(when.day, day_format),
        time,
    )
