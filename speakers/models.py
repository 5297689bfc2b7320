"""Speakers lists: delegations' focal points, lists, inscriptions, swaps and the log of changes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from meetings.enums import DelegationKind, Gender
from meetings.models import (
    Delegation,
    GroupOfStates,
    Meeting,
    Segment,
    TimeStampedModel,
)
from meetings.names import labelled, on_behalf_of, with_honorific
from speakers.enums import (
    GENDERED_LEVELS,
    ChangeKind,
    InscriptionStatus,
    Level,
    ListKind,
    ListState,
    SpeakerCategory,
    SwapStatus,
)
from speakers.windows import validate_window


class SpeakersList(TimeStampedModel):
    """One list of speakers: across all plenary meetings of a meeting, or for one panel."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="speakers_lists"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ListKind.choices)
    segment = models.OneToOneField(
        Segment,
        verbose_name=_("panel"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="speakers_list",
        help_text=_("The interactive panel this list is for; empty for the plenary list."),
    )
    opens_at = models.DateTimeField(_("inscription opens"))
    closes_at = models.DateTimeField(_("inscription closes"))
    finalized_at = models.DateTimeField(_("finalized"), null=True, blank=True)
    current_segment = models.ForeignKey(
        Segment,
        verbose_name=_("meeting under way"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Projections start from this meeting; earlier ones are over."),
    )
    current_inscription = models.ForeignKey(
        "speakers.Inscription",
        verbose_name=_("speaking now"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    speaking_since = models.DateTimeField(
        _("speaking since"), null=True, blank=True, editable=False
    )
    individual_time_limit = models.PositiveSmallIntegerField(
        _("time limit, individual (minutes)"), default=3
    )
    group_time_limit = models.PositiveSmallIntegerField(
        _("time limit, on behalf of a group (minutes)"), default=5
    )
    chair_opening_minutes = models.PositiveSmallIntegerField(
        _("chair's opening (minutes)"), default=5, help_text=_("Panels only.")
    )
    panellist_minutes = models.PositiveSmallIntegerField(
        _("each panellist's presentation (minutes)"), default=5, help_text=_("Panels only.")
    )
    groups_first = models.BooleanField(_("groups of States speak first"), default=True)
    top_levels_equal = models.BooleanField(
        _("Heads of State, Vice-Presidents and Heads of Government have equal standing"),
        default=False,
    )
    civil_society_allowed = models.BooleanField(
        _("civil society may take the floor"), default=False
    )

    class Meta:
        ordering = ["meeting", "-kind", "segment__starts_at"]  # the plenary list, then panels
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="speakerslist_closes_after_opening",
                violation_error_message=_("Inscription must close after it opens."),
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(kind=ListKind.PLENARY),
                name="speakerslist_one_plenary_list_per_meeting",
                violation_error_message=_("This meeting already has a plenary list."),
            ),
            models.CheckConstraint(
                condition=Q(kind=ListKind.PLENARY, segment__isnull=True)
                | Q(kind=ListKind.PANEL, segment__isnull=False),
                name="speakerslist_panel_has_segment",
                violation_error_message=_("A panel list names its panel; the plenary list none."),
            ),
        ]
        verbose_name = _("speakers list")
        verbose_name_plural = _("speakers lists")

    def __str__(self):
        return labelled(self.meeting, self.label)

    @property
    def label(self) -> str:
        return self.segment.title if self.segment_id else self.get_kind_display()

    @property
    def name_in_sentence(self) -> str:
        """The list named after a colon of a sentence: "HLM 2026 — Plenary meetings" (a
        second colon would read as a second clause)."""
        return pgettext("a list of speakers named in a sentence", "%(meeting)s — %(list)s") % {
            "meeting": self.meeting,
            "list": self.label,
        }

    def get_absolute_url(self):
        return (
            reverse("speakers:public_list", kwargs={"slug": self.meeting.slug}) + f"#list-{self.pk}"
        )

    def clean(self):
        super().clean()
        if self.meeting_id and self.closes_at:
            validate_window(meeting=self.meeting, closes_at=self.closes_at)

    def state_at(self, moment) -> ListState:
        if self.finalized_at:
            return ListState.FINAL
        if moment < self.opens_at:
            return ListState.NOT_YET_OPEN
        if moment < self.closes_at:
            return ListState.OPEN
        return ListState.CLOSED

    @property
    def state(self) -> ListState:
        return self.state_at(timezone.now())


class Inscription(TimeStampedModel):
    """A delegation's (or an organization's) statement in a list."""

    speakers_list = models.ForeignKey(
        SpeakersList,
        verbose_name=_("list"),
        on_delete=models.CASCADE,
        related_name="inscriptions",
        db_index=False,  # the index on (list, status) leads with it
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inscriptions",
    )
    organization = models.CharField(
        _("organization"),
        max_length=200,
        blank=True,
        help_text=_("For civil society: the organization approved to speak."),
    )
    on_behalf_of = models.ForeignKey(
        GroupOfStates,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.PositiveSmallIntegerField(
        _("category"), choices=SpeakerCategory.choices, editable=False
    )
    honorific = models.CharField(_("honorific"), max_length=30, blank=True)
    speaker_name = models.CharField(_("speaker's name"), max_length=150)
    function = models.CharField(_("function or title"), max_length=300)
    function_language = models.CharField(
        _("language of the function"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language of the page the function was typed on; a programme in another "
            "language prints it as typed, marked with this language."
        ),
    )
    level = models.PositiveSmallIntegerField(_("level of representation"), choices=Level.choices)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    inscribed_at = models.DateTimeField(_("inscribed at"), default=timezone.now, db_index=True)
    inscribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inscribed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InscriptionStatus.choices,
        default=InscriptionStatus.ACTIVE,
    )  # read by list: the index on (list, status)
    pinned_position = models.PositiveSmallIntegerField(
        _("placed by hand at"),
        null=True,
        blank=True,
        help_text=_("A place set by staff; it stays put when others inscribe."),
    )
    heard_at = models.DateTimeField(_("heard at"), null=True, blank=True)
    spoke_seconds = models.PositiveIntegerField(_("time used (seconds)"), null=True, blank=True)
    carried_over = models.BooleanField(_("carried over to a later meeting"), default=False)

    class Meta:
        ordering = ["speakers_list", "inscribed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["speakers_list", "delegation"],
                condition=Q(on_behalf_of__isnull=True) & ~Q(status=InscriptionStatus.WITHDRAWN),
                name="inscription_one_national_per_delegation",
                violation_error_message=_("This delegation is already inscribed on this list."),
            ),
            models.UniqueConstraint(
                fields=["speakers_list", "on_behalf_of"],
                condition=Q(on_behalf_of__isnull=False) & ~Q(status=InscriptionStatus.WITHDRAWN),
                name="inscription_one_per_group",
                violation_error_message=_(
                    "A statement on behalf of this group is already inscribed on this list."
                ),
            ),
            models.CheckConstraint(
                condition=Q(delegation__isnull=False) | ~Q(organization=""),
                name="inscription_has_speaker_entity",
                violation_error_message=_("Name the delegation or the organization."),
            ),
        ]
        indexes = [models.Index(fields=["speakers_list", "status"])]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")

    def __str__(self):
        return labelled(self.entity_name, self.speaker_display)

    @property
    def entity_name(self) -> str:
        return self.delegation.name if self.delegation_id else self.organization

    @property
    def speaker_display(self) -> str:
        return with_honorific(self.honorific, self.speaker_name)

    @property
    def level_label(self) -> str:
        """The level in the active language, agreeing with the speaker where the form gave
        a gender ("Vice-Première Ministre"), else in its inclusive form."""
        return str(GENDERED_LEVELS.get((self.level, self.gender), self.get_level_display()))

    @property
    def on_behalf_of_text(self) -> str:
        """ "on behalf of the Group of 77 and China" in the active language, or nothing."""
        return on_behalf_of(self.on_behalf_of) if self.on_behalf_of_id else ""

    @property
    def is_group_statement(self) -> bool:
        """On behalf of a group of States, or the European Union's (ranked among the groups)."""
        return self.category == SpeakerCategory.GROUP

    @property
    def capacity(self) -> str:
        """In what capacity the speaker takes the floor, when not the delegation's own alone,
        in the active language ("au nom du Groupe des 77 et de la Chine")."""
        if self.on_behalf_of_id:
            return self.on_behalf_of_text
        if self.delegation_id and self.delegation.kind == DelegationKind.EUROPEAN_UNION:
            return gettext("on behalf of the European Union and its member States")
        return ""


class ListChange(models.Model):
    """One change to a list: who did what, when, and the place before and after."""

    speakers_list = models.ForeignKey(
        SpeakersList, on_delete=models.CASCADE, related_name="changes"
    )
    inscription = models.ForeignKey(Inscription, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=12, choices=ChangeKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_position = models.PositiveSmallIntegerField(_("from place"), null=True)
    to_position = models.PositiveSmallIntegerField(_("to place"), null=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    told_at = models.DateTimeField(
        _("focal points told"),
        null=True,
        blank=True,
        help_text=_("When the worker noted the place and queued the messages of the change."),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change to a list")
        verbose_name_plural = _("changes to lists")

    def __str__(self):
        return labelled(self.get_kind_display(), self.inscription)


class SwapRequest(TimeStampedModel):
    """Two delegations agree to exchange places; staff approve."""

    speakers_list = models.ForeignKey(
        SpeakersList, on_delete=models.CASCADE, related_name="swap_requests"
    )
    requester = models.ForeignKey(
        Inscription,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="swaps_requested",
    )
    counterpart = models.ForeignKey(
        Inscription,
        verbose_name=_("with"),
        on_delete=models.CASCADE,
        related_name="swaps_offered",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SwapStatus.choices,
        default=SwapStatus.REQUESTED,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("counterpart")), name="swap_between_two_inscriptions"
            ),
        ]
        verbose_name = _("swap request")
        verbose_name_plural = _("swap requests")

    def __str__(self):
        return f"{self.requester.entity_name} ⇄ {self.counterpart.entity_name}"
