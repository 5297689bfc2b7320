"""Dates and times in templates, printed by ``meetings.formatting`` (UN style; French)."""

from django import template

from meetings import formatting

register = template.Library()


@register.simple_tag
def segment_time(segment) -> str:
    """Print the time of a segment as the programme does."""
    return formatting.time_range(segment.starts_at, segment.ends_at)


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
def clock(value) -> str:
    """Print a time alone: "3.20 p.m."."""
    return formatting.clock_time(value) if value else ""
