"""The iCalendar exports: a meeting's segments, and all the public meetings of a session."""

from django.utils import timezone

from icalendar import Calendar, Event

from meetings.enums import MeetingStatus
from meetings.models import Meeting, Segment

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
        event = Event()
        event.add("uid", f"segment-{segment.pk}@hlm-portal")
        event.add("dtstamp", segment.updated_at or timezone.now())
        event.add("dtstart", timezone.localtime(segment.starts_at))
        if segment.ends_at:
            event.add("dtend", timezone.localtime(segment.ends_at))
        event.add("summary", f"{meeting.short_title}: {segment.title}")
        if meeting.status in EVENT_STATUS:
            event.add("status", EVENT_STATUS[meeting.status])
        if segment.room:
            event.add("location", segment.room.name)
        description = "\n\n".join(part for part in (segment.theme, segment.description) if part)
        if description:
            event.add("description", description)
        event.add("url", site_url + meeting.get_absolute_url())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
