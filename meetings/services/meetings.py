"""Writes of the meetings domain: the only code that changes a meeting's state."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import cache
from meetings.enums import MEETING_TRANSITIONS, MeetingStatus
from meetings.models import Meeting


@transaction.atomic
def set_meeting_status(*, meeting: Meeting, status: MeetingStatus) -> Meeting:
    """Move ``meeting`` to ``status`` if the transition is allowed.

    Calling with the current status does nothing. Raises ``ValidationError`` for a
    transition the workflow does not allow (a draft cannot be concluded).
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == status:
        return meeting
    if status not in MEETING_TRANSITIONS.get(meeting.status, ()):
        raise ValidationError(
            _("Cannot move %(meeting)s from “%(old)s” to “%(new)s”.")
            % {
                "meeting": meeting,
                "old": meeting.get_status_display(),
                "new": MeetingStatus(status).label,
            }
        )
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    cache.bump(meeting.pk)
    return meeting


def conclude_past_meetings(*, today: date | None = None) -> int:
    """Mark as concluded every published meeting whose last day is over; return how many.

    Idempotent: a concluded meeting is not touched again.
    """
    today = today or timezone.localdate()
    past = Meeting.objects.filter(status=MeetingStatus.PUBLISHED, ends_on__lt=today)
    concluded = 0
    for meeting in past:
        # Saving each meeting (not a bulk update) keeps the change in its history.
        meeting.status = MeetingStatus.CONCLUDED
        meeting.save(update_fields=["status", "updated_at"])
        concluded += 1
    return concluded
