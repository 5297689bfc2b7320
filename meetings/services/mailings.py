"""TODO docstring."""

from django.db import transaction
from django.utils import timezone, translation

from meetings import cache
from meetings.enums import (
    InvitationResponse,
    MailingStatus,
    MessageStatus,
)
from meetings.letters import letter_context, recipients_for, render_letter, segment_summaries
from meetings.models import (
    Mailing,
    OutgoingMessage,
    Participant,
)
from meetings.services.outbox import queue_batches


@transaction.atomic
def generate_mailing(*, mailing: Mailing) -> int:
    """Create a draft message for every recipient not yet in the mailing; return how many.

    Idempotent: generating again adds only recipients that were not there before.
    """
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    existing = {to.lower() for to in mailing.messages.values_list("to", flat=True)}
    segments = segment_summaries(mailing.meeting)
    created = []
    with translation.override("en"):
        for recipient in recipients_for(mailing):
            if recipient.email.lower() in existing:
                continue
            subject, text, letter_html = render_letter(
                mailing.template,
                letter_context(mailing, recipient, segments),
                letter_date=mailing.letter_date,
            )
            created.append(
                OutgoingMessage(
                    mailing=mailing,
                    to=recipient.email,
                    recipient_name=recipient.name,
                    participant=recipient.participant,
                    subject=subject,
                    body=text,
                    letter_html=letter_html if mailing.attach_letter else "",
                    language="en",
                    status=MessageStatus.DRAFT,
                    dedupe_key=f"mailing-{mailing.pk}-{recipient.email.lower()}",
                )
            )
    OutgoingMessage.objects.bulk_create(created, ignore_conflicts=True)
    mailing.status = MailingStatus.GENERATED
    mailing.save(update_fields=["status", "updated_at"])
    return len(created)


@transaction.atomic
def send_messages(*, messages) -> int:
    """Queue the given draft (or failed) messages for delivery after commit; return how many.

    Messages already queued, being sent or sent are left alone, so sending a mailing
    again never sends a message twice.
    """
    ids = list(
        messages.filter(status__in=[MessageStatus.DRAFT, MessageStatus.FAILED]).values_list(
            "pk", flat=True
        )
    )
    OutgoingMessage.objects.filter(
        pk__in=ids, status__in=[MessageStatus.DRAFT, MessageStatus.FAILED]
    ).update(status=MessageStatus.QUEUED, queued_at=timezone.now())
    participant_ids = list(
        OutgoingMessage.objects.filter(pk__in=ids, participant__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    Participant.objects.filter(
        pk__in=participant_ids, invitation_response=InvitationResponse.NOT_INVITED
    ).update(invitation_response=InvitationResponse.PENDING)
    for meeting_id in set(
        Participant.objects.filter(pk__in=participant_ids).values_list(
            "segment__meeting", flat=True
        )
    ):
        cache.bump(meeting_id)

    transaction.on_commit(lambda: queue_batches(ids))
    return len(ids)


def send_mailing(*, mailing: Mailing) -> int:
    """Send every draft of ``mailing``."""
    Mailing.objects.filter(pk=mailing.pk).update(status=MailingStatus.SENDING)
    return send_messages(messages=mailing.messages.all())


@transaction.atomic
def answer_invitation(*, participant: Participant, accept: bool) -> Participant:
    """Record a chair's or panellist's answer: accepting confirms them (no more "(TBC)")."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    participant.invitation_response = (
        InvitationResponse.ACCEPTED if accept else InvitationResponse.DECLINED
    )
    participant.confirmed = accept
    participant.responded_at = timezone.now()
    participant.save(
        update_fields=["invitation_response", "confirmed", "responded_at", "updated_at"]
    )
    cache.bump(participant.segment.meeting_id)
    return participant
