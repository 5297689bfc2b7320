"""Registration of attendance at side events: seats with nameplates, then a waiting list.

Each registration locks the event's row, so registrations to one event are taken one
at a time and the count of seats is exact; the seat numbers are also unique in the
database, so two delegations can never hold the same seat.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.enums import DelegationKind
from meetings.models import Delegation, SideEvent, collation_key
from meetings.outbox import queue_mail
from speakers.enums import RegistrationStatus
from speakers.models import FocalPoint, Registration

STATES = (DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE)


def may_manage(*, user, side_event: SideEvent) -> bool:
    """Staff, and the focal points of the organizing delegation."""
    if user.is_staff:
        return True
    focal_point = getattr(user, "focal_point", None)
    return bool(focal_point and focal_point.delegation_id == side_event.organizer_id)


def _mail_focal_points(registration: Registration, template: str) -> None:
    if registration.delegation_id is None:
        return  # an NGO registered by the organizers, who tell it themselves
    for focal_point in FocalPoint.objects.filter(
        delegation_id=registration.delegation_id
    ).select_related("user"):
        if focal_point.user.email:
            queue_mail(
                to=focal_point.user.email,
                template=f"emails/{template}",
                context={"registration": registration, "side_event": registration.side_event},
                dedupe_key=f"{template}-{registration.pk}-{registration.status}-{focal_point.pk}",
            )


def _free_seat(side_event: SideEvent) -> int | None:
    taken = set(
        side_event.registrations.filter(status=RegistrationStatus.SEATED).values_list(
            "seat", flat=True
        )
    )
    return next((n for n in range(1, side_event.seats + 1) if n not in taken), None)


@transaction.atomic
def register(
    *,
    side_event: SideEvent,
    delegation: Delegation | None,
    attendee_name: str,
    attendee_function: str,
    wishes_to_speak: bool,
    actor,
    organization: str = "",
) -> Registration:
    """Register a delegation (or an NGO the organizers invite): a seat while there is one,
    the waiting list after that."""
    side_event = SideEvent.objects.select_for_update().get(pk=side_event.pk)
    if not side_event.is_published:
        raise ValidationError(_("Registration is not open for this event."))
    if timezone.now() >= side_event.registration_closes_at:
        raise ValidationError(_("Registration for this event has closed."))
    if delegation is None:
        if not side_event.ngos_may_register:
            raise PermissionDenied(_("This event is not open to NGOs."))
        if not organization.strip():
            raise ValidationError(_("Name the organization."))
    elif delegation.kind not in STATES and not side_event.observers_may_register:
        raise PermissionDenied(_("This event is open to Member States and observer States only."))
    who = {"delegation": delegation} if delegation else {"organization": organization.strip()}
    existing = side_event.registrations.exclude(status=RegistrationStatus.WITHDRAWN).filter(**who)
    if existing.exists():
        return existing.get()  # the same form sent twice
    seat = _free_seat(side_event)
    registration = Registration.objects.create(
        side_event=side_event,
        **who,
        attendee_name=attendee_name.strip(),
        attendee_function=attendee_function.strip(),
        wishes_to_speak=wishes_to_speak,
        status=RegistrationStatus.SEATED if seat else RegistrationStatus.WAITING,
        seat=seat,
        registered_by=actor if actor and actor.is_authenticated else None,
    )
    transaction.on_commit(lambda: _mail_focal_points(registration, "side_event_registered"))
    return registration


@transaction.atomic
def withdraw(*, registration: Registration) -> Registration | None:
    """Withdraw a registration; a freed seat goes to the first delegation waiting (told by
    e-mail). Return the registration that moved up, if any."""
    side_event = SideEvent.objects.select_for_update().get(pk=registration.side_event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.WITHDRAWN:
        return None
    freed = registration.seat if registration.status == RegistrationStatus.SEATED else None
    registration.status, registration.seat = RegistrationStatus.WITHDRAWN, None
    registration.save(update_fields=["status", "seat", "updated_at"])
    if freed is None:
        return None
    waiting = (
        side_event.registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("registered_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status, waiting.seat = RegistrationStatus.SEATED, freed
    waiting.save(update_fields=["status", "seat", "updated_at"])
    transaction.on_commit(lambda: _mail_focal_points(waiting, "side_event_seat_freed"))
    return waiting


def send_side_event_reminders(*, now=None) -> int:
    """The day before, remind the delegations with a seat (run by beat; once per delegation)."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(
        status=RegistrationStatus.SEATED,
        side_event__starts_at__gt=now,
        side_event__starts_at__lte=now + timedelta(days=1),
    ).select_related("side_event", "delegation")
    count = 0
    for registration in registrations:
        _mail_focal_points(registration, "side_event_reminder")
        count += 1
    return count


def un_order(registrations) -> list[Registration]:
    """Registrations in the UN's alphabetical order of delegations (for nameplates)."""
    return sorted(
        registrations,
        key=lambda r: r.delegation.sort_key if r.delegation_id else collation_key(r.organization),
    )
