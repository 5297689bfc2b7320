"""The iCalendar exports: a meeting's segments, and all the public meetings of a session.

A segment whose time is not fixed yet is an all-day event on its day, the note saying when
("In the afternoon") in its description; a segment whose day is not fixed yet is left out:
an event needs a start (RFC 5545, 3.6.1), and the portal prints no day it was not given.
"""

from datetime import timedelta

from django.utils import timezone

from icalendar import Calendar, Event

from meetings.enums import MeetingStatus
from meetings.models import Meeting, Segment
from meetings.models.meetings import named_in
from meetings.when import when_of

#: How a calendar marks a segment, from its meeting's status (RFC 5545, 3.8.1.11).
EVENT_STATUS = {
    MeetingStatus.SCHEDULED: "TENTATIVE",
    MeetingStatus.PUBLISHED: "CONFIRMED",
    MeetingStatus.CONCLUDED: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def meeting_calendar(*, meeting: Meeting, segments: list[Segment], site_url: str) -> bytes:
    """Return an iCalendar (RFC 5545) file with one event per segment of ``meeting``."""
    return segments_calendar(
        name=meeting.short_title,
        segments=[(meeting, segment) for segment in segments],
        site_url=site_url,
    )


def segments_calendar(
    *, name: str, segments: list[tuple[Meeting, Segment]], site_url: str
) -> bytes:
    """Return an iCalendar file named ``name`` with one event per (meeting, segment) pair."""
    calendar = Calendar()
    calendar.add("prodid", "-//Office of the President of the General Assembly//HLM Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting, segment in segments:
        when = when_of(segment)
        if when.day is None:
            continue  # the date is to be set: nothing to put in a calendar yet
        event = Event()
        event.add("uid", f"segment-{segment.pk}@hlm-portal")
        event.add("dtstamp", segment.updated_at or timezone.now())
        if when.starts_at:
            event.add("dtstart", timezone.localtime(when.starts_at))
            if when.ends_at:
                event.add("dtend", timezone.localtime(when.ends_at))
        else:  # the day only: an all-day event (DTEND is the next day, not included)
            event.add("dtstart", when.day)
            event.add("dtend", when.day + timedelta(days=1))
        event.add("summary", named_in(meeting.short_title, segment.title))
        if meeting.status in EVENT_STATUS:
            event.add("status", EVENT_STATUS[meeting.status])
        if segment.room:
            event.add("location", segment.room.name)
        parts = (when.note, segment.theme, segment.description)
        description = "\n\n".join(part for part in parts if part)
        if description:
            event.add("description", description)
        event.add("url", site_url + meeting.get_absolute_url())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
