"""The meetings listed on the admin index, each linked to its home (what is due)."""

from django import template

from meetings.selectors import meetings_at_work

register = template.Library()


@register.simple_tag
def meeting_homes():
    return meetings_at_work()
