"""Dates and times in templates, printed by ``meetings.formatting`` (UN style; French)."""

from django import template

from meetings import formatting
from meetings.when import when_html

register = template.Library()


@register.simple_tag
def segment_when(segment, day_format="j F Y", opens_line=False) -> str:
    """Print when a segment is held: "30 March 2021, 3 p.m. – 6 p.m." (``day_format`` ""
    leaves the day out); what is not fixed yet is not printed, the note is (``meetings.when``).
    ``opens_line``: the day's name opens a line, with a capital ("Mercredi 27 septembre")."""
    return when_html(segment, day_format=day_format or None, opens_line=opens_line)


@register.simple_tag
def clock_range(starts_at, ends_at=None) -> str:
    """Print a time range in the language of the page: "3 p.m. – 4.30 p.m.", "15 h – 16 h 30"."""
    return formatting.time_range(starts_at, ends_at)


@register.simple_tag
def date_span(first, last) -> str:
    """Print the days of a meeting: "27–28 September 2017"."""
    return formatting.date_range(first, last)


@register.filter
def moment(value, style="date") -> str:
    """Print a date and time: "27 September 2017, 3 p.m." (``long``, ``brief``: see formatting)."""
    return formatting.moment(value, style)


@register.filter
def to_the_second(value, style="date") -> str:
    """Print the moment something arrived, to the second: "30 November 2026, 7.58.09 a.m.";
    "30 novembre 2026, 7 h 58 min 09 s" (``moment`` with seconds)."""
    return formatting.moment(value, style, seconds=True)


@register.filter
def clock(value) -> str:
    """Print a time alone: "3.20 p.m."."""
    return formatting.clock_time(value) if value else ""


@register.filter
def session_number(number) -> str:
    """The ordinal of a session of the Assembly: “72nd”, “72e” (see formatting)."""
    return formatting.session_number(number) if number else ""
