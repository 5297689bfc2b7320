"""Generated programmes: each generation with changed content is a new version."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.enums import ProgrammeKind, RunStatus
from meetings.models.meetings import Meeting


class ProgrammeVersion(models.Model):
    """The programme of a meeting as generated at one time, keyed by the checksum of its content."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="programmes"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=ProgrammeKind.choices, default=ProgrammeKind.PROVISIONAL
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    checksum = models.CharField(_("checksum"), max_length=64)
    content = models.JSONField(_("content"), help_text=_("What was printed, for comparisons."))
    changes = models.TextField(_("changes since the previous version"), blank=True)
    html = models.FileField(_("HTML"), upload_to="programmes/")
    pdf = models.FileField(_("PDF"), upload_to="programmes/")
    generated_at = models.DateTimeField(_("generated at"), auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "checksum"], name="programme_unique_content"
            ),
            models.UniqueConstraint(
                fields=["meeting", "language", "number"], name="programme_unique_number"
            ),
        ]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")

    def __str__(self):
        return f"{self.meeting}: {self.get_kind_display()} ({self.language}), version {self.number}"

    def get_absolute_url(self):
        return reverse("meetings:programme_pdf", kwargs={"pk": self.pk})

    def get_html_url(self):
        return reverse("meetings:programme_html", kwargs={"pk": self.pk})


class ProgrammeRun(models.Model):
    """A request to generate a programme, followed by staff on the meeting's admin page."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="programme_runs")
    kind = models.CharField(
        _("kind"), max_length=12, choices=ProgrammeKind.choices, default=ProgrammeKind.PROVISIONAL
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    version = models.ForeignKey(
        ProgrammeVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    new_version = models.BooleanField(_("new version"), default=False)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("programme generation")
        verbose_name_plural = _("programme generations")

    def __str__(self):
        return f"{self.meeting}: {self.get_status_display()}"
