"""Celery entry points of the meetings app: thin wrappers around services."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="meetings.conclude_past_meetings")
def conclude_past_meetings() -> int:
    """Mark published meetings whose last day is over as concluded (run daily by beat)."""
    from meetings.services import conclude_past_meetings as conclude

    count = conclude()
    logger.info("Concluded %s meeting(s)", count)
    return count
