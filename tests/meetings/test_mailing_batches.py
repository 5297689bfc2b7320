"""A mailing is sent in batches, one SMTP connection each, its letter rendered as PDF once."""

from datetime import date

from django.core.cache import cache
from django.core.mail.backends import locmem

import pytest

from meetings import pdf
from meetings.enums import Audience, LetterKind, MessageStatus
from meetings.models import LetterTemplate, Mailing, Meeting, OutgoingMessage
from meetings.services import mailings
from meetings.services.outbox import BATCH_SIZE, deliver_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailing(demo_meetings):
    recipients = "\n".join(f"mission{n:03}@missions.example.org" for n in range(BATCH_SIZE + 5))
    mailing = Mailing.objects.create(
        meeting=Meeting.objects.get(slug="trafficking-in-persons-2017"),
        template=LetterTemplate.objects.filter(kind=LetterKind.LETTER).first(),
        title="Letter to all missions",
        letter_date=date(2017, 9, 13),
        audience=Audience.MANUAL,
        manual_recipients=recipients,
        attach_letter=True,
    )
    mailings.generate_mailing(mailing=mailing)
    return mailing


OPENED = []


class CountingBackend(locmem.EmailBackend):
    """Django's test backend, remembering each connection and the messages it sent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent = []
        OPENED.append(self)

    def send_messages(self, messages):
        self.sent.extend(messages)
        return super().send_messages(messages)


@pytest.fixture
def connections(settings):
    OPENED.clear()
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    return OPENED


def test_a_mailing_goes_out_in_batches_each_over_one_connection(
    mailing, connections, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mailings.send_mailing(mailing=mailing)

    again = deliver_batch(message_ids=list(mailing.messages.values_list("pk", flat=True)))

    used = [c for c in connections if c.sent]
    assert [len(c.sent) for c in used] == [BATCH_SIZE, 5]
    assert len(mailoutbox) == BATCH_SIZE + 5
    assert again == 0  # a batch delivered again sends nothing twice
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    ids = [m.extra_headers["Message-ID"] for m in mailoutbox]
    assert len(set(ids)) == len(ids)
    assert set(ids) == set(OutgoingMessage.objects.values_list("message_id", flat=True))


def test_the_letter_is_rendered_as_pdf_once_for_the_whole_mailing(
    mailing, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    cache.clear()
    pdf._letter_pdf.cache_clear()  # noqa: SLF001  (a worker just started)
    rendered = []
    real_render = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda html: rendered.append(html) or real_render(html))

    with django_capture_on_commit_callbacks(execute=True):
        mailings.send_mailing(mailing=mailing)
    pdf._letter_pdf.cache_clear()  # noqa: SLF001  (another worker: it finds the shared PDF)
    again = pdf.letter_pdf(OutgoingMessage.objects.first().letter_html)

    assert len(rendered) == 1
    attachments = {m.attachments[0][1] for m in mailoutbox}
    assert attachments == {again}
    assert again.startswith(b"%PDF")
