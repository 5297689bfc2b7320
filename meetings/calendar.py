"""The iCalendar export of a meeting's segments."""

from django.utils import timezone

from icalendar import Calendar, Event

from meetings.models import Meeting, Segment


def meeting_calendar(*, meeting: Meeting, segments: list[Segment], site_url: str) -> bytes:
    """Return an iCalendar (RFC 5545) file with one event per segment of ``meeting``."""
    calendar = Calendar()
    calendar.add("prodid", "-//Office of the President of the General Assembly//HLM Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", meeting.short_title)
    for segment in segments:
        event = Event()
        event.add("uid", f"segment-{segment.pk}@hlm-portal")
        event.add("dtstamp", segment.updated_at or timezone.now())
        event.add("dtstart", timezone.localtime(segment.starts_at))
        if segment.ends_at:
            event.add("dtend", timezone.localtime(segment.ends_at))
        event.add("summary", f"{meeting.short_title}: {segment.title}")
        if segment.room:
            event.add("location", segment.room.name)
        description = "\n\n".join(part for part in (segment.theme, segment.description) if part)
        if description:
            event.add("description", description)
        event.add("url", site_url + meeting.get_absolute_url())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
