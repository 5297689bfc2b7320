"""Meetings: rooms, the meeting and its segments, participants, concept notes and documents."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from simple_history.models import HistoricalRecords

from meetings.enums import (
    DocumentKind,
    Gender,
    InvitationResponse,
    MeetingFormat,
    MeetingStatus,
    ParticipantRole,
    SegmentKind,
)
from meetings.models.base import TimeStampedModel, translation_columns
from meetings.models.delegations import Delegation
from meetings.models.resolutions import Resolution
from meetings.models.when import WhenDecided
from meetings.names import with_honorific
from meetings.symbols import official_url
from meetings.validators import validate_document_file


def named_in(meeting, segment: str) -> str:
    """A segment named with its meeting: “HLM (2017): Opening segment”, in French “… : …”."""
    return pgettext("a segment named with its meeting", "%(meeting)s: %(segment)s") % {
        "meeting": meeting,
        "segment": segment,
    }


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    building = models.CharField(_("building"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(
        _("seating capacity"), null=True, blank=True, help_text=_("Seats for delegations.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


class Meeting(TimeStampedModel):
    """A high-level meeting of the General Assembly."""

    title = models.CharField(_("title"), max_length=400)
    short_title = models.CharField(_("short title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    ga_session = models.PositiveSmallIntegerField(
        _("GA session"), help_text=_("The session of the General Assembly, e.g. 72.")
    )
    mandate_resolutions = models.ManyToManyField(
        Resolution,
        verbose_name=_("mandate resolutions"),
        blank=True,
        related_name="mandated_meetings",
        help_text=_("The resolutions that convened the meeting or decided its modalities."),
    )
    background_resolutions = models.ManyToManyField(
        Resolution,
        verbose_name=_("background resolutions"),
        blank=True,
        related_name="background_of_meetings",
        help_text=_("Resolutions it builds on, e.g. the one that adopted the plan it appraises."),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    format = models.CharField(
        _("format"), max_length=12, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MeetingStatus.choices,
        default=MeetingStatus.DRAFT,
        db_index=True,
    )
    webcast_url = models.URLField(_("webcast link"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    arrangements = models.TextField(
        _("organization of the meeting"),
        blank=True,
        help_text=_(
            "As the meeting's page gives it: its plenary meetings and panels, the time limits, "
            "who is invited, the civil-society process. A blank line between paragraphs."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    history = HistoricalRecords(
        m2m_fields=[mandate_resolutions, background_resolutions],
        excluded_fields=translation_columns("title", "short_title", "summary", "arrangements"),
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="meeting_ends_on_or_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    @property
    def is_over(self) -> bool:
        """Concluded, or its last day is past (New York time): its lists are a record."""
        return self.status == MeetingStatus.CONCLUDED or self.ends_on < timezone.localdate()


class Segment(WhenDecided, TimeStampedModel):
    """A part of a meeting held in one room: the opening, a plenary meeting, a panel …"""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="segments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SegmentKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    theme = models.TextField(_("theme"), blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("As printed in the programme, e.g. “Statements by Member States …”."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Leave empty if open-ended.")
    )
    until_list_exhausted = models.BooleanField(
        _("until the list of speakers is exhausted"),
        default=False,
        help_text=_("The meeting continues until every inscribed speaker has been heard."),
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="segments",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    individual_time_limit = models.PositiveSmallIntegerField(
        _("time limit, individual (minutes)"), null=True, blank=True
    )
    group_time_limit = models.PositiveSmallIntegerField(
        _("time limit, on behalf of a group (minutes)"), null=True, blank=True
    )
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("resolution negotiated"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        help_text=_("For informal consultations: the text they negotiate."),
    )
    decided_by = models.ForeignKey(
        "meetings.ModalitySegment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="segments",
        editable=False,
    )

    history = HistoricalRecords(
        excluded_fields=translation_columns("title", "theme", "description", "when_note")
    )

    class Meta:
        ordering = ["meeting", "starts_at", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="segment_ends_after_start",
                violation_error_message=_("A segment must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="segment_unique_position",
                violation_error_message=_("Another segment of this meeting has this order."),
            ),
        ]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")

    def __str__(self):
        return named_in(self.meeting, self.title)

    def get_absolute_url(self):
        return reverse("meetings:segment", kwargs={"slug": self.meeting.slug, "pk": self.pk})

    def clean(self):
        super().clean()
        if self.meeting_id and self.starts_at:
            day = timezone.localdate(self.starts_at)
            if not self.meeting.starts_on <= day <= self.meeting.ends_on and self.kind not in (
                SegmentKind.INFORMAL_CONSULTATION,
                SegmentKind.HEARING,
                SegmentKind.OTHER,
            ):
                raise ValidationError(
                    {"starts_at": _("This segment falls outside the dates of the meeting.")}
                )

    @property
    def duration(self) -> timedelta | None:
        return self.ends_at - self.starts_at if self.ends_at else None

    @property
    def is_panel(self) -> bool:
        return self.kind == SegmentKind.PANEL


class ConceptNote(TimeStampedModel):
    """The concept note of a segment, in the five parts the PGA office uses."""

    segment = models.OneToOneField(
        Segment, on_delete=models.CASCADE, related_name="concept_note", verbose_name=_("segment")
    )
    background = models.TextField(_("I. Background"), blank=True)
    objective = models.TextField(_("II. Objective"), blank=True)
    questions = models.TextField(
        _("III. Questions"), blank=True, help_text=_("One question per paragraph.")
    )
    format = models.TextField(_("IV. Format"), blank=True)
    outcome = models.TextField(_("V. Outcome"), blank=True)

    history = HistoricalRecords(
        excluded_fields=translation_columns(
            "background", "objective", "questions", "format", "outcome"
        )
    )

    class Meta:
        ordering = ["segment"]
        verbose_name = _("concept note")
        verbose_name_plural = _("concept notes")

    def __str__(self):
        return str(_("Concept note: %(segment)s") % {"segment": self.segment.title})

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.split("\n\n") if q.strip()]


class Participant(TimeStampedModel):
    """A person with a role in a segment: presiding officer, speaker, chair, panellist …"""

    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.CASCADE, related_name="participants"
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    honorific = models.CharField(
        _("honorific"), max_length=30, blank=True, help_text=_("For example “H.E. Mr.” or “Ms.”")
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=300, blank=True)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Not shown publicly."))
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Unconfirmed names print with “(TBC)”.")
    )
    invitation_response = models.CharField(
        _("answer to the invitation"),
        max_length=10,
        choices=InvitationResponse.choices,
        blank=True,
        default=InvitationResponse.NOT_INVITED,
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(excluded_fields=translation_columns("function"))

    class Meta:
        ordering = ["segment", "position", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return with_honorific(self.honorific, self.name)


class Document(TimeStampedModel):
    """A document of a meeting's preparatory process, listed on its page newest first.

    ``position`` keeps the order of a list as published where the documents carry no date.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    published_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Undated documents are listed last.")
    )
    file = models.FileField(
        _("file"), upload_to="documents/%Y/", blank=True, validators=[validate_document_file]
    )
    url = models.URLField(_("link"), blank=True)
    symbol = models.CharField(
        _("document symbol"),
        max_length=40,
        blank=True,
        help_text=_("For example A/RES/71/287: the document links to its official text."),
    )
    position = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Place in the list (1 = first). Documents left at 0 come first, newest first."),
    )
    is_public = models.BooleanField(_("public"), default=True, db_index=True)

    history = HistoricalRecords(excluded_fields=translation_columns("title"))

    class Meta:
        ordering = ["position", F("published_on").desc(nulls_last=True), "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return document_link(self.pk, self.file.name, self.url, self.symbol)


def document_link(pk: int, file: str, url: str, symbol: str) -> str:
    """Return where a document can be read: its file, its link, its official text by symbol,
    or "" when it cannot be opened."""
    if file:
        return reverse("meetings:document", kwargs={"pk": pk})
    return url or official_url(symbol)
