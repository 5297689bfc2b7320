"""The outbox: queue an e-mail in the database, deliver it from a Celery worker.

Queuing writes a row and schedules delivery after commit, so a rolled-back change
sends nothing. Delivery claims the row with a conditional UPDATE (queued -> sending),
so parallel workers or repeated tasks send it once; a failure puts it back in the
queue for Celery's retry. A worker killed between the SMTP hand-over and marking the
row sent leaves it in "sending"; ``recover_stuck_messages`` requeues those after a
grace period and the retry reuses the same Message-ID, which lets receiving servers
drop the duplicate.
"""

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Cast, Concat
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from meetings.enums import MessageStatus
from meetings.models import OutgoingMessage
from meetings.tasks import deliver_batch as deliver_batch_task
from meetings.tasks import deliver_message as deliver_message_task

logger = logging.getLogger(__name__)
STUCK_AFTER = timedelta(minutes=15)
MAX_ATTEMPTS = 5
#: Messages a worker sends over one SMTP connection (a mailing is cut into such batches).
BATCH_SIZE = 50
RETRY_AFTER_SECONDS = 60
MSGID_DOMAIN = "hlm-portal"

#: Functions ``(message) -> [(name, content, mimetype)]`` attaching files (see ``attachments``).
ATTACHMENT_PROVIDERS: list[Callable[[OutgoingMessage], list[tuple]]] = []


def queue_mail(
    *,
    to: str,
    template: str,
    context: dict,
    dedupe_key: str | None = None,
    language: str | None = None,
) -> OutgoingMessage:
    """Render ``template`` (``<template>_subject.txt`` and ``.txt``) in the correspondent's
    ``language`` (the active one if not given) and queue it for ``to``.

    With ``dedupe_key``, queuing the same mail again returns the existing message.
    """
    subject, body, language = _render(template, context, language)
    return queue_rendered(
        to=to, subject=subject, body=body, dedupe_key=dedupe_key, language=language
    )


def _render(template: str, context: dict, language: str | None) -> tuple[str, str, str]:
    """The subject and body of ``template`` (``<template>_subject.txt`` and ``.txt``) in
    ``language`` (the active one if not given), and that language."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or translation.get_language()):
        return (
            render_subject(f"{template}_subject.txt", context),
            render_to_string(f"{template}.txt", context),
            translation.get_language(),
        )


def sender(language: str) -> str:
    """The From of a message in ``language``: the office's name in that language (the name
    ``DEFAULT_FROM_EMAIL`` gives, as the catalogue translates it), at its address."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    with translation.override(language or settings.LANGUAGE_CODE):
        # Django encodes the header when it sends it
        return str(Address(display_name=translation.gettext(name), addr_spec=address))


def render_subject(template_name: str, context: dict) -> str:
    """Render a subject line as plain text: "Women's & children's rights" stays as typed.

    A subject is a header, not HTML, so nothing in it is escaped; the body templates
    say ``{% autoescape off %}`` themselves.
    """
    template = get_template(template_name).template  # the Django engine's own Template
    return template.render(Context(context, autoescape=False))


def queue_rendered(
    *,
    to: str,
    subject: str,
    body: str,
    dedupe_key: str | None = None,
    language: str | None = None,
) -> OutgoingMessage:
    """Queue a mail already rendered (in ``language``, by default the active one); delivery
    starts after the transaction commits."""
    values = _message_values(to=to, subject=subject, body=body, language=language)
    if dedupe_key:
        message, created = OutgoingMessage.objects.get_or_create(
            dedupe_key=dedupe_key, defaults=values
        )
    else:
        message, created = OutgoingMessage.objects.create(**values), True
    if created:  # nobody waits for the task's result: none is kept (nor subscribed to)
        transaction.on_commit(
            lambda: deliver_message_task.apply_async(
                kwargs={"message_id": message.pk}, ignore_result=True
            )
        )
    return message


def rendered_mail(
    *, to: str, template: str, context: dict, dedupe_key: str, language: str | None = None
) -> OutgoingMessage:
    """``template`` rendered for ``to`` as ``queue_mail`` renders it, not saved yet: a message
    for ``queue_all``."""
    subject, body, language = _render(template, context, language)
    return OutgoingMessage(
        **_message_values(to=to, subject=subject, body=body, language=language),
        dedupe_key=dedupe_key,
    )


#: What a subject line is joined across (a template's line breaks, runs of spaces); French
#: typography's non-breaking spaces ("procédure : …") stay.
LINE_SPACES = re.compile(r"[ \t\r\n]+")


def _message_values(*, to: str, subject: str, body: str, language: str | None) -> dict:
    """The fields of a message queued now; a subject is one line."""
    return {
        "to": to,
        "subject": LINE_SPACES.sub(" ", subject).strip(),
        "body": body,
        "language": language or translation.get_language() or settings.LANGUAGE_CODE,
        "queued_at": timezone.now(),
    }


def queue_all(messages: list[OutgoingMessage]) -> list[int]:
    """Queue ``messages`` (``rendered_mail``) in two statements however many they are; return
    the ids of all of them, those queued before under the same dedupe key included.

    The caller schedules their delivery after the commit (``queue_batches``); a message
    already sent is not sent again.
    """
    if not messages:
        return []
    OutgoingMessage.objects.bulk_create(messages, ignore_conflicts=True)
    keys = [message.dedupe_key for message in messages]
    return list(
        OutgoingMessage.objects.filter(dedupe_key__in=keys)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def queue_batches(message_ids: list[int]) -> None:
    """Schedule the delivery of ``message_ids`` in batches, each sent over one connection."""
    for start in range(0, len(message_ids), BATCH_SIZE):
        deliver_batch_task.delay(message_ids=message_ids[start : start + BATCH_SIZE])


def _claim_batch(message_ids: list[int]) -> list[OutgoingMessage]:
    """Claim those of ``message_ids`` still to send (queued -> sending), in one statement.

    Rows another worker holds are skipped, rows already sent are not queued any more: a
    message is claimed by one worker only. Each gets its Message-ID at its first claim.
    """
    msgid = make_msgid(domain=MSGID_DOMAIN)  # "<…@hlm-portal>": made unique per row by its id
    head, tail = msgid[: -len(MSGID_DOMAIN) - 2], f"@{MSGID_DOMAIN}>"
    with transaction.atomic():
        ids = list(
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(pk__in=message_ids, status__in=[MessageStatus.QUEUED, MessageStatus.FAILED])
            .values_list("pk", flat=True)
        )
        OutgoingMessage.objects.filter(pk__in=ids).update(
            status=MessageStatus.SENDING,
            claimed_at=timezone.now(),
            attempts=F("attempts") + 1,
            message_id=Case(
                When(
                    message_id="",
                    then=Concat(Value(f"{head}."), Cast("pk", CharField()), Value(tail)),
                ),
                default=F("message_id"),
            ),
        )
    return list(OutgoingMessage.objects.select_related("mailing").filter(pk__in=ids).order_by("pk"))


def _sent(message_id: int) -> None:
    OutgoingMessage.objects.filter(pk=message_id).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), last_error=""
    )


def _not_sent(message: OutgoingMessage, error: Exception) -> None:
    status = MessageStatus.FAILED if message.attempts >= MAX_ATTEMPTS else MessageStatus.QUEUED
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=status, last_error=str(error), queued_at=timezone.now()
    )


def deliver_batch(*, message_ids: list[int]) -> int:
    """Send ``message_ids`` over one SMTP connection; return how many this call sent.

    The batch is claimed at once (two queries), then each message is sent and marked sent
    in turn (one query each), so a batch run twice sends nothing twice. A worker killed in
    the middle leaves the rest of its batch "sending": ``recover_stuck_messages`` queues them
    again after its grace period, with the Message-IDs they were given.
    A message that fails goes back to the queue with a task of its own (retried later);
    the connection is opened again for the next one.
    """
    sent = 0
    with get_connection() as connection:
        for message in _claim_batch(message_ids):
            try:
                build_email(message, connection=connection).send()
            except Exception as error:
                logger.warning("Message %s not sent: retried on its own", message.pk, exc_info=True)
                _not_sent(message, error)
                connection.close()  # the next message opens a fresh connection
                if message.attempts < MAX_ATTEMPTS:
                    deliver_message_task.apply_async(
                        kwargs={"message_id": message.pk}, countdown=RETRY_AFTER_SECONDS
                    )
                continue
            _sent(message.pk)
            sent += 1
    return sent


def deliver_message(*, message_id: int, connection=None) -> bool:
    """Send one queued message (over ``connection`` if given); return True if this call sent it.

    Idempotent: a message already sent, or claimed by another worker, is left alone.
    Raises the SMTP error after putting the message back in the queue, for a retry.
    """
    now = timezone.now()
    claimed = OutgoingMessage.objects.filter(
        pk=message_id, status__in=[MessageStatus.QUEUED, MessageStatus.FAILED]
    ).update(
        status=MessageStatus.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        # Given once, at the first claim: a retry reuses it (receivers drop the duplicate).
        message_id=Case(
            When(message_id="", then=Value(make_msgid(domain=MSGID_DOMAIN))),
            default=F("message_id"),
        ),
    )
    if not claimed:
        return False
    message = OutgoingMessage.objects.select_related("mailing").get(pk=message_id)
    try:
        build_email(message, connection=connection).send()
    except Exception as error:
        _not_sent(message, error)
        raise
    _sent(message_id)
    return True


def build_email(message: OutgoingMessage, connection=None) -> EmailMessage:
    """Return the e-mail of ``message`` with the files the registered providers attach."""
    email = EmailMessage(
        connection=connection,
        subject=message.subject,
        body=message.body,
        from_email=sender(message.language),
        to=[message.to],
        headers={"Message-ID": message.message_id},
    )
    for provider in ATTACHMENT_PROVIDERS:
        for name, content, mimetype in provider(message):
            email.attach(name, content, mimetype)
    return email


def recover_stuck_messages(*, older_than: timedelta = STUCK_AFTER) -> int:
    """Queue again the messages a dead worker left behind; return how many.

    Those left in "sending" go back to the queue; those still queued after the grace
    period get a new task (their first may have died with a worker). A message with two
    tasks is still sent once: only one task can claim it.
    """
    cutoff = timezone.now() - older_than
    stuck = OutgoingMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lte=cutoff)
    stuck_ids = list(stuck.values_list("pk", flat=True))
    OutgoingMessage.objects.filter(pk__in=stuck_ids, status=MessageStatus.SENDING).update(
        status=MessageStatus.QUEUED, queued_at=timezone.now()
    )
    waiting_ids = list(
        OutgoingMessage.objects.filter(status=MessageStatus.QUEUED, queued_at__lte=cutoff)
        .exclude(pk__in=stuck_ids)
        .values_list("pk", flat=True)
    )
    for pk in stuck_ids + waiting_ids:
        deliver_message_task.delay(message_id=pk)
    if stuck_ids or waiting_ids:
        logger.warning(
            "Requeued %d stuck and %d waiting messages", len(stuck_ids), len(waiting_ids)
        )
    return len(stuck_ids) + len(waiting_ids)
