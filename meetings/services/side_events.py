"""Registration of attendance at side events: seats with nameplates, then a waiting list.

Each registration locks the event's row, so registrations to one event are taken one
at a time and the count of seats is exact; the seat numbers are also unique in the
database, so two delegations can never hold the same seat.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from meetings.enums import DelegationKind, RegistrationStatus
from meetings.formatting import page_language
from meetings.models import CoSponsor, Delegation, FocalPoint, Registration, SideEvent
from meetings.services.outbox import queue_mail

STATES = (DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE)


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
                language=focal_point.language,
            )


def _free_seat(side_event: SideEvent) -> int | None:
    taken = set(
        side_event.registrations.filter(status=RegistrationStatus.SEATED).values_list(
            "seat", flat=True
        )
    )
    if side_event.seats is None:  # no number given: every delegation is seated
        return max(taken, default=0) + 1
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


@transaction.atomic
def save_side_event(
    *,
    side_event: SideEvent,
    organizer,
    actor,
    co_sponsoring_delegations,
    other_co_sponsors,
    submission_key=None,
) -> SideEvent:
    """Create or update ``side_event`` and replace its co-sponsors, all or nothing.

    A new event is organized by ``organizer``'s delegation; its slug is made from its title
    and day. Its texts are in the language of the page they were saved on. The form of a new
    event sent twice (the same ``submission_key``) returns the event the first one made.
    """
    side_event.language = page_language()
    if side_event.pk is None:
        sent = _sent_before(submission_key, organizer)
        if sent is not None:
            return sent
        side_event.organizer = organizer
        side_event.created_by = actor
        side_event.submission_key = submission_key
        side_event.slug = unique_slug(side_event.title, side_event.starts_at.date())
        try:
            with transaction.atomic():
                side_event.save()
        except IntegrityError:  # the same form, or another event's slug, in the meantime
            sent = _sent_before(submission_key, organizer)
            if sent is not None:
                return sent
            side_event.slug = unique_slug(side_event.title, side_event.starts_at.date())
            side_event.save()
    else:
        side_event.save()
    side_event.co_sponsors.all().delete()
    names = [line.strip() for line in other_co_sponsors if line.strip()]
    CoSponsor.objects.bulk_create(
        [CoSponsor(side_event=side_event, delegation=d) for d in co_sponsoring_delegations]
        + [CoSponsor(side_event=side_event, name=name) for name in names]
    )
    return side_event


def _sent_before(submission_key, organizer) -> SideEvent | None:
    if submission_key is None:
        return None
    return SideEvent.objects.filter(submission_key=submission_key, organizer=organizer).first()


def unique_slug(title: str, day) -> str:
    """A slug for a side event's address: its title in any script, its day, and a number if
    another event already has it ("…-2026-12-01-2")."""
    words = slugify(title, allow_unicode=True)[:60].strip("-")
    base = f"{words}-{day:%Y-%m-%d}" if words else f"side-event-{day:%Y-%m-%d}"
    slug, number = base, 1
    while SideEvent.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
