"""Journal announcements sent to its editors through the outbox, kept to show later changes."""

from django.conf import settings
from django.db import transaction

from meetings.journal import Notice, changes_since, last_sent
from meetings.models import JournalNotice
from meetings.services.outbox import queue_mail


@transaction.atomic
def send_journal_notice(*, notice: Notice, actor) -> JournalNotice:
    """Queue ``notice`` to the Journal's editors and keep its text as the last one sent.

    Each call sends: a notice whose facts did not change is sent again only if staff ask.
    The mail leaves after commit, through the outbox.
    """
    previous = last_sent(meeting=notice.meeting).get(notice.key)
    context = {
        "notice": notice,
        "previous": previous,
        "changes": changes_since(notice, previous),
    }
    message = queue_mail(
        to=settings.HLM_JOURNAL_EMAIL, template="emails/journal_notice", context=context
    )
    return JournalNotice.objects.create(
        meeting=notice.meeting,
        segment=notice.segment,
        english=notice.english,
        french=notice.french,
        sent_by=actor,
        message=message,
    )
