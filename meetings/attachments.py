"""Files attached to outgoing e-mail: the letter as PDF, a side event's notice, the documents.

The outbox knows none of these: each is a provider ``(message) -> [(name, content, mimetype)]``
that ``MeetingsConfig.ready`` registers in ``meetings.services.outbox.ATTACHMENT_PROVIDERS``
(other apps may register theirs the same way).
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils.text import slugify

from meetings.models import OutgoingMessage, SideEvent
from meetings.pdf import letter_pdf, render_pdf
from meetings.selectors import co_sponsors

Attachment = tuple[str, bytes, str | None]


def side_event_notice_pdf(side_event: SideEvent) -> bytes:
    """The one-page notice of a side event, as its public page offers it."""
    html = render_to_string(
        "meetings/side_events/notice.html",
        {
            "side_event": side_event,
            "co_sponsors": co_sponsors(side_event),
        },
    )
    return render_pdf(html)


def letter(message: OutgoingMessage) -> list[Attachment]:
    if not message.letter_html:
        return []
    return [("letter.pdf", letter_pdf(message.letter_html), "application/pdf")]


def side_event_notice(message: OutgoingMessage) -> list[Attachment]:
    if not (message.mailing_id and message.mailing.side_event_id):
        return []
    event = SideEvent.objects.select_related("room", "organizer").get(
        pk=message.mailing.side_event_id
    )
    return [("notice.pdf", side_event_notice_pdf(event), "application/pdf")]


def mailing_documents(message: OutgoingMessage) -> list[Attachment]:
    if not message.mailing_id:
        return []
    files = []
    for document in message.mailing.documents.exclude(file=""):
        with document.file.open("rb") as f:
            name = f"{slugify(document.title)[:60] or 'document'}{Path(document.file.name).suffix}"
            files.append((name, f.read(), None))
    return files


PROVIDERS = (letter, side_event_notice, mailing_documents)
