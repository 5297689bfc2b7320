"""Civil society: the ECOSOC list, applications, reviews, proposed lists and objections."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from simple_history.models import HistoricalRecords

from meetings.enums import Gender
from meetings.models import Delegation, Meeting, Segment, TimeStampedModel
from meetings.models.base import language_of_emails
from meetings.names import labelled, with_honorific
from meetings.validators import UploadedFileValidator
from stakeholders.enums import (
    ApplicationPath,
    ApplicationStatus,
    EcosocStatus,
    EntryOutcome,
    OrganizationType,
    ProposedListStatus,
)

validate_supporting_document = UploadedFileValidator(
    allowed=("pdf", "docx", "png", "jpg", "jpeg"), max_bytes=5 * 1024 * 1024
)


def normalized_name(name: str) -> str:
    """Fold case, punctuation and spaces: "Women's Link  Worldwide" -> "womens link worldwide"."""
    folded = re.sub(r"['’`]", "", name.casefold())
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


class AccreditedOrganization(models.Model):
    """An NGO in consultative status with ECOSOC, imported by staff from the ECOSOC list."""

    name = models.CharField(_("name"), max_length=300)
    normalized = models.CharField(max_length=300, unique=True, editable=False)
    ecosoc_status = models.CharField(
        pgettext_lazy("field", "ECOSOC status"), max_length=10, choices=EcosocStatus.choices
    )
    country = models.CharField(_("country"), max_length=120, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        ordering = ["normalized"]
        verbose_name = _("organization in consultative status")
        verbose_name_plural = _("ECOSOC list")

    def __str__(self):
        return f"{self.name} ({self.get_ecosoc_status_display()})"

    def save(self, *args, **kwargs):
        self.normalized = normalized_name(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        same = AccreditedOrganization.objects.filter(normalized=normalized_name(self.name))
        if same.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"name": _("An organization of this name is already on the ECOSOC list.")}
            )


class CivilSocietyProcess(TimeStampedModel):
    """The call for civil-society participation of one meeting."""

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="civil_society",
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("application deadline"))
    asks_lived_experience = models.BooleanField(
        _("asks whether representatives are survivors or have lived experience"), default=False
    )
    max_representatives = models.PositiveSmallIntegerField(
        _("representatives per organization"), default=2
    )
    introduction = models.TextField(_("introduction on the public form"), blank=True)

    class Meta:
        ordering = ["-meeting__starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="process_closes_after_opening",
                violation_error_message=_("The deadline must come after the opening."),
            )
        ]
        verbose_name = _("civil-society process")
        verbose_name_plural = _("civil-society processes")

    def __str__(self):
        return str(self.meeting)

    def is_open_at(self, moment) -> bool:
        return self.opens_at <= moment < self.closes_at

    @property
    def is_open(self) -> bool:
        """Applications are taken now (what every page of the call shows)."""
        return self.is_open_at(timezone.now())

    @property
    def is_upcoming(self) -> bool:
        """The call is announced and not open yet."""
        return timezone.now() < self.opens_at


class Application(TimeStampedModel):
    """An organization's registration or application to take part in a meeting."""

    process = models.ForeignKey(
        CivilSocietyProcess,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    reference = models.CharField(_("reference"), max_length=30, unique=True, null=True, blank=True)
    submission_key = models.UUIDField(
        unique=True, default=uuid.uuid4, editable=False, help_text="One per form shown."
    )
    path = models.CharField(_("path"), max_length=10, choices=ApplicationPath.choices)
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.UNCONFIRMED,
        db_index=True,
    )
    # The organization
    name = models.CharField(_("name of the organization"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        Delegation,
        verbose_name=_("country of headquarters"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ["member_state", "observer_state"]},
    )
    website = models.URLField(_("website"), blank=True)
    organization_type = models.CharField(
        _("type of organization"), max_length=10, choices=OrganizationType.choices
    )
    ecosoc_status = models.CharField(
        pgettext_lazy("field", "ECOSOC status"),
        max_length=10,
        choices=EcosocStatus.choices,
        default=EcosocStatus.NONE,
    )
    accredited = models.ForeignKey(
        AccreditedOrganization,
        verbose_name=_("matched in the ECOSOC list"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    areas_of_work = models.TextField(_("areas of work"))
    relevance = models.TextField(_("relevance to the theme of the meeting"))
    # The focal point
    focal_point_name = models.CharField(_("focal point's name"), max_length=150)
    focal_point_email = models.EmailField(_("focal point's e-mail"))
    language = language_of_emails(
        _(
            "The language of the page the organization applied on: the portal writes to it in "
            "this language, whoever acts on the application."
        )
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    # Participation
    wishes_to_speak = models.BooleanField(_("wishes to speak"), default=False)
    panel = models.ForeignKey(
        Segment,
        verbose_name=_("panel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    supporting_document = models.FileField(
        _("supporting document"),
        upload_to="applications/%Y/",
        blank=True,
        validators=[validate_supporting_document],
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possible duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason given to the organization"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    basis_requested_at = models.DateTimeField(
        _("general basis of objections requested"), null=True, blank=True
    )
    created_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["internal_notes"])

    class Meta:
        ordering = ["process", "submitted_at", "pk"]
        indexes = [models.Index(fields=["process", "status"])]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return f"{self.reference or _('(unconfirmed)')} {self.name}"


class Representative(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="representatives"
    )
    honorific = models.CharField(_("honorific"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title or function"), max_length=200)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    nationality = models.ForeignKey(
        Delegation,
        verbose_name=_("nationality"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ["member_state", "observer_state"]},
    )
    biography = models.TextField(_("short biography"), max_length=1500)
    lived_experience = models.BooleanField(
        _("survivor or person with lived experience"), default=False
    )
    consents_to_publication = models.BooleanField(
        _("agrees that the name is published on the list"), default=False
    )

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self):
        return with_honorific(self.honorific, self.name)


class Review(TimeStampedModel):
    """One reviewer's score and note on an application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE
    )
    score = models.PositiveSmallIntegerField(
        _("score (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["application", "reviewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_one_per_reviewer"
            )
        ]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return labelled(self.reviewer, self.score)


class ProposedList(TimeStampedModel):
    """A version of the list the PGA proposes to Member States (first list, revised list …)."""

    process = models.ForeignKey(
        CivilSocietyProcess, on_delete=models.CASCADE, related_name="proposed_lists"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposedListStatus.choices,
        default=ProposedListStatus.DRAFT,
        db_index=True,
    )
    objection_deadline = models.DateTimeField(_("deadline for objections"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted to Member States"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="proposedlist_unique_number")
        ]
        verbose_name = _("proposed list")
        verbose_name_plural = _("proposed lists")

    def __str__(self):
        label = (
            _("First list")
            if self.number == 1
            else _("Revised list %(n)s") % {"n": self.number - 1}
        )
        return labelled(self.process, label)


class ProposedEntry(models.Model):
    proposed_list = models.ForeignKey(
        ProposedList, on_delete=models.CASCADE, related_name="entries"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="proposed_entries"
    )
    outcome = models.CharField(
        _("outcome"), max_length=14, choices=EntryOutcome.choices, default=EntryOutcome.PENDING
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposed_list", "application__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposed_list", "application"], name="entry_once_per_list"
            )
        ]
        verbose_name = _("name on a proposed list")
        verbose_name_plural = _("names on proposed lists")

    def __str__(self):
        return labelled(self.application.name, self.get_outcome_display())


class Objection(models.Model):
    """A Member State's objection to a name; only staff see which State lodged it."""

    entry = models.ForeignKey(ProposedEntry, on_delete=models.CASCADE, related_name="objections")
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Member State"), on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField(_("general basis of the objection"), max_length=2000)
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lodged_at = models.DateTimeField(_("lodged"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["entry", "lodged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "delegation"],
                condition=Q(withdrawn_at__isnull=True),
                name="objection_one_standing_per_state",
                violation_error_message=_("Your delegation already objects to this name."),
            )
        ]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self):
        return f"{self.delegation} → {self.entry.application.name}"

    @property
    def is_standing(self) -> bool:
        return self.withdrawn_at is None
