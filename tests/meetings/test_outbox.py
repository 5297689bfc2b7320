from datetime import timedelta
from smtplib import SMTPServerDisconnected

from django.utils import timezone

import pytest

from meetings.enums import MessageStatus
from meetings.models import OutgoingMessage
from meetings.services.outbox import deliver_message, queue_rendered, recover_stuck_messages

pytestmark = pytest.mark.django_db


def test_delivering_twice_sends_once(mailoutbox):
    message = queue_rendered(to="a@example.org", subject="Hello", body="Text")

    assert deliver_message(message_id=message.pk) is True
    assert deliver_message(message_id=message.pk) is False

    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)
    assert message.sent_at is not None


def test_queueing_the_same_mail_twice_keeps_one_message():
    first = queue_rendered(to="a@example.org", subject="S", body="B", dedupe_key="once")
    second = queue_rendered(to="a@example.org", subject="S", body="B", dedupe_key="once")

    assert first.pk == second.pk
    assert OutgoingMessage.objects.count() == 1


def test_smtp_error_puts_the_message_back_in_the_queue_with_the_error(monkeypatch, mailoutbox):
    message = queue_rendered(to="a@example.org", subject="S", body="B")

    def fail(self, *args, **kwargs):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", fail)
    with pytest.raises(SMTPServerDisconnected):
        deliver_message(message_id=message.pk)
    monkeypatch.undo()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)
    assert message.last_error == "Connection unexpectedly closed"
    assert deliver_message(message_id=message.pk) is True
    assert len(mailoutbox) == 1


def test_stuck_and_waiting_messages_are_recovered_and_sent_once(mailoutbox):
    long_ago = timezone.now() - timedelta(hours=1)
    stuck = queue_rendered(to="stuck@example.org", subject="S", body="B")
    waiting = queue_rendered(to="waiting@example.org", subject="S", body="B")
    fresh = queue_rendered(to="fresh@example.org", subject="S", body="B")
    OutgoingMessage.objects.filter(pk=stuck.pk).update(
        status=MessageStatus.SENDING, claimed_at=long_ago, message_id="<x@hlm-portal>"
    )
    OutgoingMessage.objects.filter(pk=waiting.pk).update(queued_at=long_ago)

    assert recover_stuck_messages() == 2

    assert sorted(m.to[0] for m in mailoutbox) == ["stuck@example.org", "waiting@example.org"]
    assert (
        mailoutbox[0].extra_headers["Message-ID"] == "<x@hlm-portal>"
    )  # the same Message-ID again
    fresh.refresh_from_db()
    assert fresh.status == MessageStatus.QUEUED
