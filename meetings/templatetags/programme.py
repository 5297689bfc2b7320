from django import template

from meetings.formatting import time_range

register = template.Library()


@register.simple_tag
def segment_time(segment) -> str:
    """Print the time of a segment as the programme does."""
    return time_range(segment.starts_at, segment.ends_at)


@register.simple_tag
def clock_range(starts_at, ends_at=None) -> str:
    """Print a time range in the language of the page: "3 pm – 4.30 pm", "15 h – 16 h 30"."""
    return time_range(starts_at, ends_at)
