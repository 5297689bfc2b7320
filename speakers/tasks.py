"""Celery entry points of the speakers app."""

from celery import shared_task


@shared_task(name="speakers.send_closing_reminders")
def send_closing_reminders() -> int:
    """Remind delegations not yet inscribed that a list closes within a day (run by beat)."""
    from speakers.services import send_closing_reminders as send

    return send()


# No result kept: nobody waits for it, and a kept result makes the request that sends the task
# subscribe to its result on the broker.
@shared_task(name="speakers.acknowledge_list", ignore_result=True)
def acknowledge_list(*, list_id: int) -> int:
    """After changes of a list commit: note the inscriptions' places, tell the focal points."""
    from speakers.acknowledgements import acknowledge_list as acknowledge

    return acknowledge(list_id=list_id)


@shared_task(name="speakers.recover_unacknowledged")
def recover_unacknowledged() -> int:
    """Tell the changes of lists whose acknowledgement task was lost (run by beat)."""
    from speakers.acknowledgements import recover_unacknowledged as recover

    return recover()
