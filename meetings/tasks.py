"""Celery entry points of the meetings app: thin wrappers around services."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="meetings.conclude_past_meetings")
def conclude_past_meetings() -> int:
    """Mark published meetings whose last day is over as concluded (run daily by beat)."""
    from meetings.services.meetings import conclude_past_meetings as conclude

    count = conclude()
    logger.info("Concluded %s meeting(s)", count)
    return count


@shared_task(
    name="meetings.deliver_message",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def deliver_message(*, message_id: int) -> bool:
    """Send one message of the outbox (idempotent; retried on SMTP and network errors)."""
    from meetings.services.outbox import deliver_message as deliver

    return deliver(message_id=message_id)


@shared_task(name="meetings.deliver_batch")
def deliver_batch(*, message_ids: list[int]) -> int:
    """Send a batch of a mailing over one SMTP connection (a failed message retries alone)."""
    from meetings.services.outbox import deliver_batch as deliver

    return deliver(message_ids=message_ids)


@shared_task(name="meetings.recover_stuck_messages")
def recover_stuck_messages() -> int:
    """Requeue messages left in "sending" by a worker that died (run by beat)."""
    from meetings.services.outbox import recover_stuck_messages as recover

    return recover()


@shared_task(name="meetings.generate_programme")
def generate_programme(*, run_id: int) -> int | None:
    """Generate the programme requested by a ProgrammeRun; return the version's id."""
    from meetings.services.programme import run_programme_generation

    run = run_programme_generation(run_id=run_id)
    return run.version_id


@shared_task(name="meetings.conclude_silence_procedures")
def conclude_silence_procedures() -> int:
    """Mark texts whose silence deadline passed unbroken as having passed silence (beat)."""
    from meetings.services.resolutions import conclude_silence_procedures as conclude

    return conclude()


@shared_task(name="meetings.send_side_event_reminders")
def send_side_event_reminders() -> int:
    """The day before a side event, remind the delegations with a seat (beat, daily)."""
    from meetings.services.side_events import send_side_event_reminders as send

    return send()


@shared_task(name="meetings.send_password_reset")
def send_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    """Mail a set-password link to the accounts with ``email`` (nothing if there is none)."""
    from meetings.accounts import mail_password_reset

    mail_password_reset(email=email, domain=domain, use_https=use_https)
