from datetime import date

from django.core.exceptions import ValidationError

import pytest

from meetings.enums import MeetingStatus
from meetings.services.meetings import conclude_past_meetings, set_meeting_status
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_set_meeting_status_follows_allowed_transitions():
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    meeting = set_meeting_status(meeting=meeting, status=MeetingStatus.SCHEDULED)
    meeting = set_meeting_status(meeting=meeting, status=MeetingStatus.PUBLISHED)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert [h.status for h in meeting.history.order_by("history_date")] == [
        "draft",
        "scheduled",
        "published",
    ]


def test_set_meeting_status_refuses_to_conclude_a_draft():
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    with pytest.raises(ValidationError):
        set_meeting_status(meeting=meeting, status=MeetingStatus.CONCLUDED)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_conclude_past_meetings_concludes_only_published_meetings_that_are_over():
    over = MeetingFactory(ends_on=date(2026, 9, 29), status=MeetingStatus.PUBLISHED)
    running = MeetingFactory(ends_on=date(2026, 9, 30), status=MeetingStatus.PUBLISHED)
    draft = MeetingFactory(ends_on=date(2026, 9, 29), status=MeetingStatus.DRAFT)

    assert conclude_past_meetings(today=date(2026, 9, 30)) == 1
    assert conclude_past_meetings(today=date(2026, 9, 30)) == 0

    statuses = {m.pk: m.status for m in type(over).objects.all()}
    assert statuses == {
        over.pk: MeetingStatus.CONCLUDED,
        running.pk: MeetingStatus.PUBLISHED,
        draft.pk: MeetingStatus.DRAFT,
    }
