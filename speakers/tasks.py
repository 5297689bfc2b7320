"""Celery entry points of the speakers app."""

from celery import shared_task


@shared_task(name="speakers.send_closing_reminders")
def send_closing_reminders() -> int:
    """Remind delegations not yet inscribed that a list closes within a day (run by beat)."""
    from speakers.services import send_closing_reminders as send

    return send()


@shared_task(name="speakers.acknowledge_inscription")
def acknowledge_inscription(*, inscription_id: int, kind: str) -> None:
    """After an inscription's commit: note its place and acknowledge it to the focal points."""
    from speakers.services import acknowledge

    acknowledge(inscription_id=inscription_id, kind=kind)
