"""The text of a resolution under negotiation: paragraphs, Member States' input, silence,
and the structured modalities that set up a meeting."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import MeetingFormat, ParagraphKind, ProposalKind, SegmentKind
from meetings.models.core import Delegation, Resolution, ResolutionDraft, Room, TimeStampedModel


class Paragraph(models.Model):
    """One paragraph of a draft: preambular, operative (with its action verb), sub-paragraph
    or footnote."""

    draft = models.ForeignKey(ResolutionDraft, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=12, choices=ParagraphKind.choices)
    number = models.CharField(
        _("number"),
        max_length=10,
        blank=True,
        help_text=_("“3”, “(a)”, “¹”; empty for preambular."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="subparagraphs"
    )
    action_verb = models.CharField(
        _("action verb"), max_length=60, blank=True, help_text=_("Printed in italics: “Decides”.")
    )
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["draft", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "position"], name="paragraph_unique_position")
        ]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self):
        return f"{self.label}: {self.text[:60]}"

    @property
    def label(self) -> str:
        """How the paragraph is cited: "PP2", "OP4 (a)", "footnote 3"."""
        if self.kind == ParagraphKind.PREAMBULAR:
            return f"PP{self.number}"
        if self.kind == ParagraphKind.SUBPARAGRAPH:
            return f"OP{self.parent.number if self.parent_id else '?'} {self.number}"
        if self.kind == ParagraphKind.FOOTNOTE:
            return str(_("footnote %(n)s") % {"n": self.number})
        return f"OP{self.number}"


class Proposal(TimeStampedModel):
    """A Member State's comment or proposed wording on a paragraph of a draft."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="proposals")
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    text = models.TextField(_("proposal"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    taken_into = models.ForeignKey(
        ResolutionDraft,
        verbose_name=_("taken into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["paragraph__position", "delegation__sort_key", "created_at"]
        verbose_name = _("Member State's proposal")
        verbose_name_plural = _("Member States' input")

    def __str__(self):
        return f"{self.delegation}: {self.paragraph.label}"


class SilenceBreak(models.Model):
    """A Member State breaks silence on given paragraphs, with a short explanation."""

    draft = models.ForeignKey(
        ResolutionDraft, on_delete=models.CASCADE, related_name="silence_breaks"
    )
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    paragraphs = models.ManyToManyField(Paragraph, verbose_name=_("paragraphs"), related_name="+")
    explanation = models.TextField(_("explanation"), max_length=2000)
    broken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    broken_at = models.DateTimeField(_("broken at"), default=timezone.now)

    class Meta:
        ordering = ["draft", "broken_at"]
        verbose_name = _("break of silence")
        verbose_name_plural = _("breaks of silence")

    def __str__(self):
        return f"{self.delegation} ({self.broken_at:%d %b %Y %H:%M})"


class Modalities(models.Model):
    """The decisions of a modalities resolution that shape its meeting, as data."""

    resolution = models.OneToOneField(
        Resolution,
        on_delete=models.CASCADE,
        related_name="modalities",
        verbose_name=_("resolution"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    format = models.CharField(
        _("format"),
        max_length=12,
        choices=MeetingFormat.choices,
        default=MeetingFormat.TO_BE_DECIDED,
    )
    webcast = models.BooleanField(_("webcast"), default=True)
    individual_time_limit = models.PositiveSmallIntegerField(
        _("time limit, individual (minutes)"), default=3
    )
    group_time_limit = models.PositiveSmallIntegerField(
        _("time limit, on behalf of a group (minutes)"), default=5
    )
    civil_society_procedure = models.TextField(_("civil-society procedure"), blank=True)

    class Meta:
        verbose_name = _("modalities")
        verbose_name_plural = _("modalities")

    def __str__(self):
        return str(_("Modalities: %(resolution)s") % {"resolution": self.resolution})


class ModalitySegment(models.Model):
    """A segment as the modalities decide it; applied to the meeting's segments."""

    modalities = models.ForeignKey(Modalities, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=SegmentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    theme = models.TextField(_("theme"), blank=True)
    description = models.TextField(_("description"), blank=True)
    day = models.DateField(_("day"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"), null=True, blank=True)
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paragraph = models.CharField(
        _("decided in"), max_length=20, blank=True, help_text=_("E.g. “OP4 (a)”.")
    )
    applied = models.JSONField(
        _("values last applied"), default=dict, blank=True, editable=False,
        help_text="What was written to the segment last time, to tell hand edits apart.",
    )  # fmt: skip

    class Meta:
        ordering = ["modalities", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["modalities", "position"], name="modalitysegment_unique_position"
            )
        ]
        verbose_name = _("segment decided")
        verbose_name_plural = _("segments decided")

    def __str__(self):
        return self.title
