"""Celery entry points of the civil-society app."""

from celery import shared_task


@shared_task(name="stakeholders.close_due_lists")
def close_due_lists() -> int:
    """Close the proposed lists whose objection deadline has passed (run by beat)."""
    from stakeholders.services.proposed_lists import close_due_lists as close

    return close()


@shared_task(name="stakeholders.send_deadline_reminders")
def send_deadline_reminders() -> int:
    """Remind organizations with an incomplete application before the deadline (beat, daily)."""
    from stakeholders.services.applications import send_deadline_reminders as send

    return send()
