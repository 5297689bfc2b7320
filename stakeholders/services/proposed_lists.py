"""The proposed list before Member States on a non-objection basis: built from the
shortlist, submitted, objected to (and withdrawn), closed at the deadline, decided."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.enums import DelegationKind
from meetings.models import Delegation, FocalPoint
from meetings.services.outbox import queue_mail
from stakeholders.enums import (
    ApplicationPath,
    ApplicationStatus,
    EntryOutcome,
    ProposedListStatus,
)
from stakeholders.models import (
    Application,
    CivilSocietyProcess,
    Objection,
    ProposedEntry,
    ProposedList,
)
from stakeholders.services.applications import (
    _mail_applicant,
)

OBJECTING_KINDS = (DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE)


@transaction.atomic
def build_proposed_list(*, process: CivilSocietyProcess) -> ProposedList:
    """Create the next version of the proposed list from the shortlisted applications.

    Only applications for the PGA's list: organizations in consultative status with ECOSOC
    register and are never put to Member States. Names of an earlier list still under the
    procedure carry over; earlier drafts and lists before Member States are superseded.
    """
    process = CivilSocietyProcess.objects.select_for_update().get(pk=process.pk)
    applications = process.applications.filter(
        path=ApplicationPath.PGA_LIST,
        status__in=[ApplicationStatus.SHORTLISTED, ApplicationStatus.PROPOSED],
    )
    if not applications.exists():
        raise ValidationError(_("Shortlist applications first."))
    number = (
        process.proposed_lists.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    process.proposed_lists.filter(
        status__in=[ProposedListStatus.DRAFT, ProposedListStatus.SUBMITTED]
    ).update(status=ProposedListStatus.SUPERSEDED)
    proposed = ProposedList.objects.create(process=process, number=number)
    ProposedEntry.objects.bulk_create(
        ProposedEntry(proposed_list=proposed, application=a) for a in applications
    )
    applications.update(status=ApplicationStatus.PROPOSED)
    return proposed


@transaction.atomic
def submit_to_member_states(*, proposed_list: ProposedList, deadline) -> int:
    """Put the list before Member States until ``deadline``; notify every State. Return mails."""
    if deadline <= timezone.now():
        raise ValidationError(_("The deadline for objections must be in the future."))
    proposed_list = ProposedList.objects.select_for_update().get(pk=proposed_list.pk)
    if proposed_list.status != ProposedListStatus.DRAFT:
        raise ValidationError(_("Only a draft list can be submitted."))
    proposed_list.status = ProposedListStatus.SUBMITTED
    proposed_list.objection_deadline = deadline
    proposed_list.submitted_at = timezone.now()
    proposed_list.save()
    # Each address in its correspondent's language: a mission's in the office's (English, as
    # its letters go out), a focal point's in the one it signs in with.
    languages = dict.fromkeys(
        Delegation.objects.filter(kind__in=OBJECTING_KINDS)
        .exclude(mission_email="")
        .values_list("mission_email", flat=True),
        settings.LANGUAGE_CODE,
    ) | dict(
        FocalPoint.objects.filter(delegation__kind__in=OBJECTING_KINDS)
        .exclude(user__email="")
        .values_list("user__email", "language")
    )
    # The note encloses the list: read it once for all the States.
    entries = list(proposed_list.entries.select_related("application__country"))
    for address, language in sorted(languages.items()):
        queue_mail(
            to=address,
            language=language,
            template="emails/proposed_list_submitted",
            context={
                "proposed_list": proposed_list,
                "entries": entries,
                "meeting": proposed_list.process.meeting,
            },
            dedupe_key=f"proposed-list-{proposed_list.pk}-{address.lower()}",
        )
    return len(languages)


def _objecting_state(delegation: Delegation) -> None:
    if delegation.kind not in OBJECTING_KINDS:
        raise PermissionDenied(_("Only Member States may object."))


@transaction.atomic
def lodge_objection(
    *, entry: ProposedEntry, delegation: Delegation, basis: str, actor
) -> Objection:
    """Record a State's objection to a name, before the deadline."""
    _objecting_state(delegation)
    proposed_list = ProposedList.objects.get(pk=entry.proposed_list_id)
    if proposed_list.status != ProposedListStatus.SUBMITTED:
        raise ValidationError(_("This list is not open for objections."))
    if timezone.now() >= proposed_list.objection_deadline:
        raise ValidationError(_("The deadline for objections has passed."))
    if not basis.strip():
        raise ValidationError(_("State the general basis of the objection."))
    objection = Objection(entry=entry, delegation=delegation, basis=basis.strip(), lodged_by=actor)
    try:
        with transaction.atomic():
            objection.save()
    except IntegrityError:
        raise ValidationError(_("Your delegation already objects to this name.")) from None
    return objection


@transaction.atomic
def withdraw_objection(*, objection: Objection, delegation: Delegation) -> None:
    if objection.delegation_id != delegation.pk:
        raise PermissionDenied
    proposed_list = ProposedList.objects.get(entries__objections=objection)
    if proposed_list.status != ProposedListStatus.SUBMITTED:
        raise ValidationError(_("The list is closed: the objection stands as it was."))
    Objection.objects.filter(pk=objection.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def _invite(application: Application) -> None:
    _mail_applicant(application, "application_approved")


@transaction.atomic
def close_proposed_list(*, proposed_list: ProposedList) -> dict[str, int]:
    """At the deadline: names with no standing objection become final; the others wait.

    Idempotent: a closed list is left as it is.
    """
    proposed_list = ProposedList.objects.select_for_update().get(pk=proposed_list.pk)
    if proposed_list.status != ProposedListStatus.SUBMITTED:
        return {"final": 0, "objected": 0}
    counts = {"final": 0, "objected": 0}
    now = timezone.now()
    for entry in proposed_list.entries.select_related("application__process__meeting"):
        objected = entry.objections.filter(withdrawn_at__isnull=True).exists()
        entry.outcome = EntryOutcome.OBJECTED if objected else EntryOutcome.FINAL
        entry.decided_at = now
        entry.save(update_fields=["outcome", "decided_at"])
        application = entry.application
        application.status = ApplicationStatus.OBJECTED if objected else ApplicationStatus.APPROVED
        application.save(update_fields=["status", "updated_at"])
        if not objected:
            _invite(application)
        counts["objected" if objected else "final"] += 1
    proposed_list.status = ProposedListStatus.CLOSED
    proposed_list.closed_at = now
    proposed_list.save(update_fields=["status", "closed_at", "updated_at"])
    return counts


def close_due_lists(*, now=None) -> int:
    """Close every list whose objection deadline has passed (run by beat)."""
    now = now or timezone.now()
    due = ProposedList.objects.filter(
        status=ProposedListStatus.SUBMITTED, objection_deadline__lte=now
    )
    closed = 0
    for proposed_list in due:
        close_proposed_list(proposed_list=proposed_list)
        closed += 1
    return closed


@transaction.atomic
def record_assembly_decision(*, entry: ProposedEntry, approved: bool) -> None:
    """Record the Assembly's decision on a name that drew an objection."""
    entry = ProposedEntry.objects.select_for_update().select_related("application").get(pk=entry.pk)
    if entry.outcome not in (EntryOutcome.OBJECTED,):
        raise ValidationError(_("Only names with a standing objection go to the Assembly."))
    entry.outcome = EntryOutcome.APPROVED_BY_ASSEMBLY if approved else EntryOutcome.NOT_APPROVED
    entry.decided_at = timezone.now()
    entry.save(update_fields=["outcome", "decided_at"])
    application = entry.application
    application.status = ApplicationStatus.APPROVED if approved else ApplicationStatus.NOT_APPROVED
    application.save(update_fields=["status", "updated_at"])
    if approved:
        _invite(application)


def request_objection_basis(*, application: Application) -> None:
    """The organization asks for the general basis of objections (never the State)."""
    Application.objects.filter(pk=application.pk, basis_requested_at__isnull=True).update(
        basis_requested_at=timezone.now()
    )
