"""When inscription on a list of speakers opens and closes (New York time).

GA practice, as the Office sets it up by default: inscription opens some weeks ahead, at
10 a.m. on a working day, and closes at 6 p.m. on the working day before the meeting, so
neither end falls on a weekend (United Nations holidays are left to staff). A list must
close before the meeting begins: its first segment on the meeting's days, or the start of
its first day.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.formatting import moment
from meetings.models import Meeting

OPENS_WEEKS_BEFORE = 4
OPENS_AT = time(10)
CLOSES_AT = time(18)


def working_day_on_or_before(day: date) -> date:
    """Return ``day``, or the Friday before it if it falls on a weekend."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def default_window(*, first_day: date) -> tuple[datetime, datetime]:
    """Return (opens_at, closes_at) for a meeting whose first day is ``first_day``."""
    zone = timezone.get_default_timezone()
    opens_on = working_day_on_or_before(first_day - timedelta(weeks=OPENS_WEEKS_BEFORE))
    closes_on = working_day_on_or_before(first_day - timedelta(days=1))
    return (
        datetime.combine(opens_on, OPENS_AT, tzinfo=zone),
        datetime.combine(closes_on, CLOSES_AT, tzinfo=zone),
    )


def meeting_begins_at(meeting: Meeting) -> datetime:
    """When ``meeting`` begins: its first segment on its own days (the preparatory process,
    such as informal consultations and the hearing, comes before), else its first day."""
    first_day = datetime.combine(meeting.starts_on, time(0), tzinfo=timezone.get_default_timezone())
    first = (
        meeting.segments.filter(starts_at__gte=first_day)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return first or first_day


def validate_window(*, meeting: Meeting, closes_at: datetime) -> None:
    """Refuse a list of ``meeting`` that would still take inscriptions once it has begun."""
    begins_at = meeting_begins_at(meeting)
    if closes_at > begins_at:
        raise ValidationError(
            {
                "closes_at": _(
                    "Inscription must close before the meeting begins (%(begins)s, New York time)."
                )
                % {"begins": moment(begins_at, "long")}
            }
        )
