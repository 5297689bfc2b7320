"""Delegations: States, observers, groups of States, and the focal points who act for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from meetings.enums import (
    DelegationKind,
    RegionalGroup,
)
from meetings.models.base import (
    TimeStampedModel,
    collation_key,
    language_of_emails,
    translation_columns,
)
from meetings.names import fill, labelled


class Delegation(models.Model):
    """A delegation that can take the floor: a Member State, an observer State or an observer."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    article = models.CharField(
        _("article"), max_length=4, blank=True, help_text=_("Where the language needs one: “le”.")
    )
    code = models.CharField(
        _("code"), max_length=12, unique=True, help_text=_("ISO 3166 alpha-3 code for States.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DelegationKind.choices, db_index=True)
    regional_group = models.CharField(
        _("regional group"), max_length=6, choices=RegionalGroup.choices, blank=True, db_index=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    representative = models.CharField(
        _("head of mission"),
        max_length=200,
        blank=True,
        help_text=_("Honorific and name, e.g. “H.E. Mr. Kaha Imnadze”."),
    )
    representative_title = models.CharField(
        _("title of the head of mission"),
        max_length=200,
        blank=True,
        help_text=_("Permanent Representative, Permanent Observer, Head of delegation …"),
    )
    mission_email = models.EmailField(_("mission e-mail"), blank=True)
    sort_key = models.CharField(max_length=120, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=translation_columns("name", "sort_key", "article"))

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Keep one sort key per language: French pages list "Égypte" before "El Salvador"."""
        english = getattr(self, f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}") or self.name
        for code, _language in settings.LANGUAGES:
            name = getattr(self, f"name_{code}") or english
            setattr(self, f"sort_key_{code}", collation_key(name))
        names = {"name", *translation_columns("name")}
        if kwargs.get("update_fields") is not None and names & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], *translation_columns("sort_key")}
        super().save(*args, **kwargs)

    @property
    def is_state(self) -> bool:
        return self.kind in (DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE)


class GroupOfStates(models.Model):
    """A group on whose behalf one delegation speaks (G77 and China, African Group, AOSIS …)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, unique=True)
    kind = models.CharField(_("kind of group"), max_length=80, blank=True)
    on_behalf_phrase = models.CharField(
        _("“on behalf of” phrase"),
        max_length=200,
        blank=True,
        help_text=_("Where the language needs it, e.g. “au nom du Groupe des 77 et la Chine”."),
    )
    members = models.ManyToManyField(
        Delegation,
        verbose_name=_("members"),
        blank=True,
        related_name="groups_of_states",
        limit_choices_to={"kind__in": ["member_state", "observer_state"]},
        help_text=_("Once members are recorded, only a member may chair the group."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("group of States")
        verbose_name_plural = _("groups of States")

    def __str__(self):
        return self.name


class GroupChair(models.Model):
    """The delegation that chairs or coordinates a group for a period, as staff record it.

    The chair speaks for the group: the G77 chair is elected for a year, the African
    Group's chair rotates monthly.
    """

    group = models.ForeignKey(
        GroupOfStates, verbose_name=_("group"), on_delete=models.CASCADE, related_name="chairs"
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("chair or coordinator"),
        on_delete=models.PROTECT,
        related_name="group_chairs",
        limit_choices_to={"kind__in": ["member_state", "observer_state"]},
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), help_text=_("The last day of the period, included."))
    note = models.CharField(
        _("source or remark"),
        max_length=300,
        blank=True,
        help_text=_("Where the chair is known from, e.g. the group's letter to the Secretariat."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="groupchair_ends_after_start",
                violation_error_message=_("The period must end on or after its first day."),
            ),
        ]
        verbose_name = _("chair of a group")
        verbose_name_plural = _("chairs of the group, by period")

    def __str__(self):
        return labelled(self.group, f"{self.delegation} ({self.starts_on} – {self.ends_on})")

    def clean(self):
        if not (self.group_id and self.delegation_id and self.starts_on and self.ends_on):
            return
        members = self.group.members.all()
        if members.exists() and not members.filter(pk=self.delegation_id).exists():
            raise ValidationError(
                {"delegation": fill(_("%(delegation)s is not a member of %(group)s."),
                                    delegation=self.delegation, group=self.group)}
            )  # fmt: skip
        overlapping = GroupChair.objects.filter(
            group_id=self.group_id, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                fill(
                    _("Another chair of %(group)s is recorded for part of this period."),
                    group=self.group,
                )
            )


class FocalPoint(TimeStampedModel):
    """A user who acts for a delegation: inscribes its speakers, answers swap requests."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="focal_point",
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        related_name="focal_points",
    )
    function = models.CharField(_("function"), max_length=200, blank=True)
    invited_at = models.DateTimeField(_("set-up e-mail sent"), null=True, blank=True)
    language = language_of_emails(
        _(
            "The portal writes to the focal point in this language, whoever makes the change: "
            "the language of the page they last signed in on."
        )
    )

    class Meta:
        ordering = ["delegation__sort_key", "user__last_name"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        name = self.user.get_full_name() or self.user.email or self.user.get_username()
        return f"{name} ({self.delegation})"
