"""The outbox: every e-mail the portal sends, one row per recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.enums import MessageStatus
from meetings.models.base import TimeStampedModel


class OutgoingMessage(TimeStampedModel):
    """One e-mail to one recipient, kept until sent: the outbox every automatic mail goes through.

    A worker claims a message by moving it from queued to sending in one UPDATE, so two
    workers never send the same row; ``dedupe_key`` makes queuing the same mail twice a no-op.
    """

    mailing = models.ForeignKey(
        "meetings.Mailing",
        verbose_name=_("mailing"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    participant = models.ForeignKey(
        "meetings.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the message is written in: its sender's name too."),
    )
    letter_html = models.TextField(
        _("letter"), blank=True, help_text=_("Rendered as a PDF attachment when sent.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.QUEUED,
        db_index=True,
    )
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outbox")

    def __str__(self):
        return f"{self.to}: {self.subject}"
