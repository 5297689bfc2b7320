"""Delegations: States, observers, groups of States, and the focal points who act for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from meetings.enums import (
    DelegationKind,
    RegionalGroup,
)
from meetings.models.base import TimeStampedModel, collation_key, translation_columns


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

    class Meta:
        ordering = ["name"]
        verbose_name = _("group of States")
        verbose_name_plural = _("groups of States")

    def __str__(self):
        return self.name


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

    class Meta:
        ordering = ["delegation__sort_key", "user__last_name"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        name = self.user.get_full_name() or self.user.email or self.user.get_username()
        return f"{name} ({self.delegation})"
