"""Nothing lost, nothing twice: the outbox through real workers, Redis and an SMTP sink."""

import os
import signal
import time
from collections import Counter
from datetime import timedelta

import pytest

from meetings.enums import MessageStatus
from meetings.models import OutgoingMessage
from meetings.services.outbox import queue_rendered, recover_stuck_messages
from meetings.tasks import deliver_message
from tests.integration.polling import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
BATCH = 30


def test_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(start_worker, smtp_sink):
    smtp_sink.hold_at = 10  # the 10th message is in the middle of its SMTP exchange …
    first = start_worker(name="first", email_url=smtp_sink.url)
    recipients = [f"mission{n:02d}@missions.example.org" for n in range(BATCH)]
    for address in recipients:
        queue_rendered(to=address, subject="Invitation", body="Excellency, …")

    assert smtp_sink.holding.wait(timeout=60), "the batch did not reach the 10th message"
    os.kill(first.pid, signal.SIGKILL)  # … when its worker is killed
    first.wait(timeout=10)
    smtp_sink.release.set()
    assert len(smtp_sink.received) == 9
    assert OutgoingMessage.objects.filter(status=MessageStatus.SENDING).count() == 1

    # Restart two workers; they take the tasks still in the queue. The periodic recovery
    # (run now instead of after its 15-minute grace) requeues the message the dead worker
    # held, and gives any message still waiting a second task: two workers race for it.
    start_worker(name="second", email_url=smtp_sink.url)
    start_worker(name="third", email_url=smtp_sink.url)
    assert recover_stuck_messages(older_than=timedelta(0)) >= 1

    assert wait_until(
        lambda: OutgoingMessage.objects.filter(status=MessageStatus.SENT).count() == BATCH
    ), Counter(OutgoingMessage.objects.values_list("status", flat=True))
    time.sleep(1)  # let any duplicate task finish before counting
    per_recipient = Counter(to for to, _message_id in smtp_sink.received)
    assert per_recipient == Counter(recipients)  # each exactly once
    stored = dict(OutgoingMessage.objects.values_list("to", "message_id"))
    assert all(stored[to] == message_id for to, message_id in smtp_sink.received)


def test_two_tasks_for_the_same_message_send_it_once(start_worker, smtp_sink):
    start_worker(name="one", email_url=smtp_sink.url)
    start_worker(name="two", email_url=smtp_sink.url)

    message = OutgoingMessage.objects.create(  # queued without a task of its own
        to="once@example.org", subject="S", body="B", status=MessageStatus.QUEUED
    )
    results = [deliver_message.delay(message_id=message.pk) for _ in range(5)]

    outcomes = [r.get(timeout=30) for r in results]
    assert outcomes.count(True) == 1
    assert OutgoingMessage.objects.get(pk=message.pk).status == MessageStatus.SENT
    assert smtp_sink.received == [("once@example.org", OutgoingMessage.objects.get().message_id)]
