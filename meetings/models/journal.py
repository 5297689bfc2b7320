"""Announcements sent to the editors of the Journal of the United Nations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Meeting, Segment
from meetings.models.outbox import OutgoingMessage


class JournalNotice(models.Model):
    """A notice as sent to the Journal's editors, kept to show what changed since."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="journal_notices"
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="journal_notices",
        help_text=_("Empty for the notice of the whole meeting."),
    )
    english = models.TextField(_("English text"))
    french = models.TextField(_("French text"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.ForeignKey(
        OutgoingMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("notice sent to the Journal")
        verbose_name_plural = _("notices sent to the Journal")

    def __str__(self):
        return f"{self.segment or self.meeting} ({self.sent_at:%d %b %Y %H:%M})"
