"""Side events and roundtables: small meetings organized by delegations with co-sponsors."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import RegistrationStatus
from meetings.models.base import TimeStampedModel, collation_key
from meetings.models.delegations import Delegation
from meetings.models.meetings import Meeting, Room
from meetings.names import labelled


class SideEvent(TimeStampedModel):
    """A roundtable or side event, with attendance registered within the room's seats."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    kind_label = models.CharField(
        _("kind"),
        max_length=100,
        default="Working roundtable",
        help_text=_("As printed on the notice."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("in preparation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="side_events",
    )
    organizer = models.ForeignKey(
        Delegation,
        verbose_name=_("organizing delegation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(
        _("language of its texts"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language of its title, kind, background, objectives and questions: that of the "
            "page its organizer saved them on. A page in another language marks them so."
        ),
    )
    background = models.TextField(_("background"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    questions = models.TextField(_("questions"), blank=True, help_text=_("One per paragraph."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(
        _("seats with a nameplate"),
        null=True,
        blank=True,
        help_text=_(
            "Delegations beyond this number wait for a seat. Empty when the notice gives no "
            "number: every delegation gets a seat."
        ),
    )
    registration_closes_at = models.DateTimeField(_("registration closes"))
    attendance = models.TextField(
        _("attendance, as the notice gives it"),
        blank=True,
        help_text=_(
            "The notice's own paragraph on attendance, for an event whose delegations do not "
            "register on the portal (one held before it). Empty: the pages and the notice say "
            "that delegations register on the portal."
        ),
    )
    observers_may_register = models.BooleanField(_("observers may register"), default=True)
    ngos_may_register = models.BooleanField(
        _("NGOs may attend"),
        default=False,
        help_text=_("The organizers register the organizations they invite."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_function = models.CharField(_("contact's function"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"))
    is_published = models.BooleanField(_("published"), default=False)
    submission_key = models.UUIDField(
        null=True,
        unique=True,
        editable=False,
        help_text="One per form shown: sent twice, one event.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="sideevent_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(seats__isnull=True) | Q(seats__gte=1), name="sideevent_has_seats"
            ),
        ]
        verbose_name = _("side event")
        verbose_name_plural = _("side events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:side_event", kwargs={"slug": self.slug})

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.split("\n\n") if q.strip()]


class CoSponsor(models.Model):
    """A co-sponsor: a delegation, or a UN entity or NGO named in full."""

    side_event = models.ForeignKey(SideEvent, on_delete=models.CASCADE, related_name="co_sponsors")
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, null=True, blank=True
    )
    name = models.CharField(_("other co-sponsor"), max_length=200, blank=True)
    sort_key = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["side_event", "sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(delegation__isnull=False) | ~Q(name=""), name="cosponsor_named"
            ),
            models.UniqueConstraint(
                fields=["side_event", "delegation"], name="cosponsor_once_per_event"
            ),
        ]
        verbose_name = _("co-sponsor")
        verbose_name_plural = _("co-sponsors")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.sort_key = collation_key(self.display_name)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.delegation.name if self.delegation_id else self.name


class Registration(TimeStampedModel):
    """A delegation's registration of attendance at a side event: a seat, or a place in line."""

    side_event = models.ForeignKey(
        SideEvent,
        verbose_name=_("side event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    organization = models.CharField(
        _("organization"), max_length=200, blank=True, help_text=_("An NGO the organizers invite.")
    )
    attendee_name = models.CharField(_("who attends"), max_length=150)
    attendee_function = models.CharField(_("function"), max_length=200)
    wishes_to_speak = models.BooleanField(_("wishes to take the floor"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    seat = models.PositiveSmallIntegerField(_("seat"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["side_event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["side_event", "delegation"],
                condition=~Q(status=RegistrationStatus.WITHDRAWN),
                name="registration_once_per_delegation",
            ),
            models.UniqueConstraint(
                fields=["side_event", "organization"],
                condition=~Q(status=RegistrationStatus.WITHDRAWN) & ~Q(organization=""),
                name="registration_once_per_organization",
            ),
            models.CheckConstraint(
                condition=Q(delegation__isnull=False) | ~Q(organization=""),
                name="registration_names_who",
            ),
            # Two delegations can never hold the same seat, whatever the code above does.
            models.UniqueConstraint(
                fields=["side_event", "seat"],
                condition=Q(status=RegistrationStatus.SEATED),
                name="registration_one_delegation_per_seat",
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.SEATED, seat__gte=1)
                | ~Q(status=RegistrationStatus.SEATED),
                name="registration_seated_has_seat",
            ),
        ]
        verbose_name = _("registration of attendance")
        verbose_name_plural = _("registrations of attendance")

    def __str__(self):
        return labelled(self.entity, self.get_status_display())

    @property
    def entity(self) -> str:
        return self.delegation.name if self.delegation_id else self.organization
