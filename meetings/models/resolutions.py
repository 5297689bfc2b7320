"""Resolutions and their negotiation: drafts, co-facilitators, paragraphs, Member States'
input, silence, and the structured modalities that set up a meeting."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from meetings.enums import (
    DraftStage,
    MeetingFormat,
    ParagraphKind,
    ProposalKind,
    ResolutionKind,
    SegmentKind,
    SilenceOutcome,
)
from meetings.models.base import TimeStampedModel, translation_columns
from meetings.models.delegations import Delegation, GroupOfStates
from meetings.models.when import WhenDecided
from meetings.names import labelled, on_behalf_of, with_honorific
from meetings.symbols import official_url
from meetings.validators import validate_document_file


class Resolution(TimeStampedModel):
    """A General Assembly resolution: the mandate of a meeting, its modalities or its outcome."""

    symbol = models.CharField(
        _("symbol"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("For example A/RES/71/287. Empty while the text is under negotiation."),
    )
    title = models.CharField(
        _("title"), max_length=400, blank=True, help_text=_("Empty when the record gives none.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResolutionKind.choices, db_index=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
        help_text=_("The meeting whose modalities or outcome this resolution is."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_vote = models.CharField(
        _("vote"), max_length=200, blank=True, help_text=_("“without a vote” or the recorded vote.")
    )
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords(excluded_fields=translation_columns("title"))

    class Meta:
        ordering = ["-adopted_on", "title"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self):
        if self.symbol:
            return labelled(self.symbol, self.title) if self.title else self.symbol
        return str(_("Draft resolution: %(title)s") % {"title": self.title})

    def save(self, *args, **kwargs):
        self.symbol = self.symbol or None  # keep the unique constraint for blank symbols
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:resolution", kwargs={"pk": self.pk})

    @property
    def official_url(self) -> str:
        """The official text: the link entered, else the one its symbol gives."""
        return self.url or official_url(self.symbol)


class CoFacilitator(models.Model):
    """A Permanent Representative appointed by the PGA to facilitate the negotiations."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="co_facilitators"
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT
    )
    honorific = models.CharField(_("honorific"), max_length=30, blank=True, default="H.E. Mr.")
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(
        _("function"), max_length=200, blank=True, default="Ambassador and Permanent Representative"
    )
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "delegation__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "delegation"], name="cofacilitator_unique_delegation"
            )
        ]
        verbose_name = _("co-facilitator")
        verbose_name_plural = _("co-facilitators")

    def __str__(self):
        return f"{with_honorific(self.honorific, self.name)} ({self.delegation})"


class ResolutionDraft(TimeStampedModel):
    """One version of a resolution's text as circulated (zero draft, Rev.1, final, …)."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.CASCADE, related_name="drafts"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=DraftStage.choices, db_index=True)
    revision = models.PositiveSmallIntegerField(
        _("revision"), default=0, help_text=_("1 for Rev.1, 2 for Rev.2; 0 otherwise.")
    )
    symbol = models.CharField(
        _("document symbol"), max_length=40, blank=True, help_text=_("For example A/71/L.65.")
    )
    circulated_on = models.DateField(
        _("circulated on"), null=True, blank=True, help_text=_("Empty when the record gives none.")
    )
    silence_deadline = models.DateTimeField(_("silence procedure until"), null=True, blank=True)
    file = models.FileField(
        _("file"), upload_to="drafts/%Y/", blank=True, validators=[validate_document_file]
    )
    url = models.URLField(_("link"), blank=True)
    input_deadline = models.DateTimeField(_("Member States' input until"), null=True, blank=True)
    silence_outcome = models.CharField(
        _("silence procedure"), max_length=10, choices=SilenceOutcome.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "circulated_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "stage", "revision"], name="draft_unique_stage_revision"
            ),
            models.CheckConstraint(
                # A silence that is over may be recorded afterwards without its deadline, its
                # outcome too when the record gives none.
                condition=~Q(silence_outcome=SilenceOutcome.UNDER_SILENCE)
                | Q(silence_deadline__isnull=False),
                name="draft_silence_has_deadline",
                violation_error_message=_("A draft under silence procedure needs a deadline."),
            ),
        ]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self):
        if self.circulated_on:
            return f"{self.label} ({self.circulated_on:%d %b %Y})"
        return self.label

    @property
    def label(self) -> str:
        if self.stage == DraftStage.REVISED and self.revision:
            return str(_("Revised draft (Rev.%(n)s)") % {"n": self.revision})
        return str(self.get_stage_display())


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
        return labelled(self.label, self.text[:60])

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
    """A Member State's input on a draft: a comment, new wording or deletion of a paragraph,
    a new paragraph after it, or a general comment on the text as a whole (no paragraph)."""

    draft = models.ForeignKey(
        ResolutionDraft, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("draft")
    )
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="proposals", null=True, blank=True
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        GroupOfStates,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The group whose chair gives this input on its behalf."),
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

    history = HistoricalRecords()  # input withdrawn stays on record

    class Meta:
        ordering = ["draft", "paragraph__position", "delegation__sort_key", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ProposalKind.GENERAL, paragraph__isnull=True)
                | (~Q(kind=ProposalKind.GENERAL) & Q(paragraph__isnull=False)),
                name="proposal_general_has_no_paragraph",
                violation_error_message=_(
                    "A general comment is on the whole text; other input names its paragraph."
                ),
            ),
        ]
        verbose_name = _("Member State's proposal")
        verbose_name_plural = _("Member States' input")

    def __str__(self):
        where = self.paragraph.label if self.paragraph_id else self.get_kind_display()
        return labelled(self.author, where)

    @property
    def author(self) -> str:
        """Who gives the input, in the active language: "Ecuador", or "Ecuador on behalf of …"
        ("Équateur au nom du Groupe des 77 et de la Chine")."""
        if not self.on_behalf_of_id:
            return str(self.delegation)
        return f"{self.delegation} {on_behalf_of(self.on_behalf_of)}"


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
    political_declaration = models.BooleanField(
        _("political declaration"),
        default=False,
        help_text=_(
            "A political declaration is negotiated for adoption at the opening plenary (e.g. "
            "OP11 of the 2021 zero draft): setting up the meeting adds it to the texts negotiated."
        ),
    )
    declaration_title = models.CharField(
        _("title of the declaration"),
        max_length=400,
        blank=True,
        help_text=_("Empty: “Political declaration of the …” with the meeting's title."),
    )

    class Meta:
        verbose_name = _("modalities")
        verbose_name_plural = _("modalities")

    def __str__(self):
        return str(_("Modalities: %(resolution)s") % {"resolution": self.resolution})


class ModalitySegment(WhenDecided):
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
        "meetings.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
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

    def clean(self):
        super().clean()
        starts_on = self.modalities.starts_on if self.modalities_id else None
        if self.kind == SegmentKind.HEARING and self.day and starts_on and self.day >= starts_on:
            raise ValidationError(
                {
                    "day": _(
                        "The multi-stakeholder hearing is held before the meeting, as part of its "
                        "preparatory process."
                    )
                }
            )
