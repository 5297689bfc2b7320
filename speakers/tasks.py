"""Celery entry points of the speakers app."""

from celery import shared_task


@shared_task(name="speakers.send_closing_reminders")
def send_closing_reminders() -> int:
    """Remind delegations not yet inscribed that a list closes within a day (run by beat)."""
    from speakers.services import send_closing_reminders as send

    return send()


# No result kept: nobody waits for it, and a kept result makes the request that sends the task
# subscribe to its result on the broker.
@shared_task(name="speakers.acknowledge_change", ignore_result=True)
def acknowledge_change(*, change_id: int, language: str | None = None) -> int:
    """After a change of a list commits: note an inscription's place, tell the focal points."""
    from speakers.acknowledgements import acknowledge_change as acknowledge

    return acknowledge(change_id=change_id, language=language)


@shared_task(name="speakers.recover_unacknowledged")
def recover_unacknowledged() -> int:
    """Tell the changes of lists whose acknowledgement task was lost (run by beat)."""
    from speakers.acknowledgements import recover_unacknowledged as recover

    return recover()
