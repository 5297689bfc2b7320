from django import template

from meetings.formatting import time_range

register = template.Library()


@register.simple_tag
def segment_time(segment) -> str:
    """Print the time of a segment as the programme does."""
    return time_range(segment.starts_at, segment.ends_at)
