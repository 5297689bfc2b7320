"""A real Celery worker on the Redis broker runs the meetings' periodic task."""

from datetime import date

import pytest

from meetings.enums import MeetingStatus
from meetings.tasks import conclude_past_meetings
from tests.meetings.factories import MeetingFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_concludes_meetings_that_are_over(start_worker):
    start_worker(name="beat-tasks")
    over = MeetingFactory(
        starts_on=date(2017, 9, 27), ends_on=date(2017, 9, 28), status=MeetingStatus.PUBLISHED
    )
    upcoming = MeetingFactory(
        starts_on=date(2099, 9, 27), ends_on=date(2099, 9, 28), status=MeetingStatus.PUBLISHED
    )

    result = conclude_past_meetings.delay()

    assert result.get(timeout=30) == 1
    over.refresh_from_db()
    upcoming.refresh_from_db()
    assert over.status == MeetingStatus.CONCLUDED
    assert upcoming.status == MeetingStatus.PUBLISHED
