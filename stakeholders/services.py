"""Writes of civil-society participation: apply, confirm, review, propose, object, finalize."""

import csv
import io
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.enums import DelegationKind
from meetings.models import Delegation
from meetings.outbox import queue_mail
from speakers.enums import Level
from speakers.models import FocalPoint, SpeakersList
from speakers.services import SpeakerDetails, inscribe
from stakeholders.enums import (
    EDITABLE_STATUSES,
    ApplicationPath,
    ApplicationStatus,
    EcosocStatus,
    EntryOutcome,
    ProposedListStatus,
)
from stakeholders.models import (
    AccreditedOrganization,
    Application,
    CivilSocietyProcess,
    Objection,
    ProposedEntry,
    ProposedList,
    Representative,
    normalized_name,
)
from stakeholders.selectors import possible_duplicates

CONFIRM_SALT = "stakeholders.confirm"
STATUS_SALT = "stakeholders.status"
CONFIRM_MAX_AGE = 7 * 24 * 3600
OBJECTING_KINDS = (DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE)


# --- Signed links -----------------------------------------------------------------------------


def _token(application: Application, salt: str) -> str:
    return signing.dumps({"a": application.pk, "k": str(application.submission_key)}, salt=salt)


def _from_token(token: str, salt: str, max_age=None) -> Application:
    data = signing.loads(token, salt=salt, max_age=max_age)
    return Application.objects.select_related("process__meeting").get(
        pk=data["a"], submission_key=data["k"]
    )


def confirmation_url(application: Application) -> str:
    return reverse("stakeholders:confirm", kwargs={"token": _token(application, CONFIRM_SALT)})


def status_url(application: Application) -> str:
    return reverse("stakeholders:status", kwargs={"token": _token(application, STATUS_SALT)})


def application_from_confirmation(token: str) -> Application:
    """Raise ``signing.BadSignature`` (or ``SignatureExpired``) for a forged or old link."""
    return _from_token(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def application_from_status_link(token: str) -> Application:
    return _from_token(token, STATUS_SALT)


def _mail_applicant(application: Application, template: str, **context) -> None:
    queue_mail(
        to=application.focal_point_email,
        template=f"emails/{template}",
        context={
            "application": application,
            "meeting": application.process.meeting,
            "status_url": settings.SITE_URL + status_url(application),
            **context,
        },
    )


# --- Applying ---------------------------------------------------------------------------------


@dataclass
class RepresentativeDetails:
    honorific: str
    name: str
    title: str
    gender: str
    nationality: Delegation
    biography: str
    lived_experience: bool = False
    consents_to_publication: bool = False


def _check_accreditation(application: Application) -> None:
    if application.path != ApplicationPath.ECOSOC:
        application.accredited = None
        return
    match = AccreditedOrganization.objects.filter(
        normalized=normalized_name(application.name)
    ).first()
    if match is None:
        raise ValidationError(
            {
                "name": _(
                    "This name is not on the list of organizations in consultative status with "
                    "ECOSOC. Check its spelling, or apply for the PGA's list instead."
                )
            }
        )
    application.accredited = match
    application.ecosoc_status = match.ecosoc_status


@transaction.atomic
def submit_application(
    *,
    application: Application,
    representatives: list[RepresentativeDetails],
    now=None,
) -> Application:
    """Save a new application (unconfirmed) and e-mail the link that confirms it.

    A form sent twice (same ``submission_key``) returns the first application.
    """
    now = now or timezone.now()
    existing = Application.objects.filter(submission_key=application.submission_key).first()
    if existing:
        return existing
    if not application.process.is_open_at(now):
        raise ValidationError(_("Applications are not open for this meeting."))
    if not representatives:
        raise ValidationError(_("Name at least one representative."))
    if len(representatives) > application.process.max_representatives:
        raise ValidationError(
            _("Name at most %(n)s representatives.")
            % {"n": application.process.max_representatives}
        )
    _check_accreditation(application)
    application.status = ApplicationStatus.UNCONFIRMED
    application.full_clean(exclude=["supporting_document"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same form, sent twice at once
        return Application.objects.get(submission_key=application.submission_key)
    Representative.objects.bulk_create(
        Representative(application=application, **r.__dict__) for r in representatives
    )
    _mail_applicant(
        application,
        "application_confirm",
        confirm_url=settings.SITE_URL + confirmation_url(application),
    )
    return application


@transaction.atomic
def confirm_application(*, application: Application) -> Application:
    """Confirm the e-mail address: the application is submitted and gets its reference."""
    process = CivilSocietyProcess.objects.select_for_update().get(pk=application.process_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.UNCONFIRMED:
        return application  # the link clicked twice
    number = process.applications.exclude(reference=None).count() + 1
    prefix = process.meeting.slug[:12].upper()
    while Application.objects.filter(reference=f"{prefix}-{number:04d}").exists():
        number += 1  # a deleted application left a gap in the count
    application.reference = f"{prefix}-{number:04d}"
    application.status = ApplicationStatus.SUBMITTED
    application.email_confirmed_at = application.submitted_at = timezone.now()
    application.duplicate_of = possible_duplicates(application=application).order_by("pk").first()
    application.save()
    _mail_applicant(application, "application_received")
    return application


def _ensure_editable(application: Application, now=None) -> None:
    now = now or timezone.now()
    if application.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This application can no longer be changed."))
    if now >= application.process.closes_at:
        raise ValidationError(
            _("The deadline has passed: the application can no longer be changed.")
        )


@transaction.atomic
def update_application(*, application: Application, representatives: list[RepresentativeDetails]):
    """Correct an application before the deadline (the reference stays)."""
    _ensure_editable(application)
    _check_accreditation(application)
    if application.status == ApplicationStatus.MORE_INFORMATION:
        application.status = ApplicationStatus.SUBMITTED
    application.full_clean(exclude=["supporting_document"])
    application.save()
    application.representatives.all().delete()
    Representative.objects.bulk_create(
        Representative(application=application, **r.__dict__) for r in representatives
    )
    return application


@transaction.atomic
def withdraw_application(*, application: Application) -> None:
    _ensure_editable(application)
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.WITHDRAWN, updated_at=timezone.now()
    )


# --- Review -----------------------------------------------------------------------------------


def _set_status(applications, status, *, allowed, reason="", mail=None) -> int:
    changed = 0
    for application in applications.select_related("process__meeting"):
        if application.status not in allowed:
            continue
        application.status = status
        if reason:
            application.decision_reason = reason
        application.save(update_fields=["status", "decision_reason", "updated_at"])
        if mail:
            _mail_applicant(application, mail, reason=reason)
        changed += 1
    return changed


REVIEWABLE = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.MORE_INFORMATION,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.REJECTED,
)


@transaction.atomic
def shortlist(*, applications) -> int:
    return _set_status(applications, ApplicationStatus.SHORTLISTED, allowed=REVIEWABLE)


@transaction.atomic
def reject(*, applications, reason: str) -> int:
    """Not retain the applications; the organization is told the reason."""
    if not reason.strip():
        raise ValidationError(_("Give the reason the organization will read."))
    return _set_status(
        applications, ApplicationStatus.REJECTED, allowed=REVIEWABLE, reason=reason,
        mail="application_rejected",
    )  # fmt: skip


@transaction.atomic
def request_information(*, applications, message: str) -> int:
    if not message.strip():
        raise ValidationError(_("Say what information is needed."))
    return _set_status(
        applications, ApplicationStatus.MORE_INFORMATION, allowed=REVIEWABLE, reason=message,
        mail="application_more_information",
    )  # fmt: skip


# --- The proposed list and the non-objection procedure ----------------------------------------


@transaction.atomic
def build_proposed_list(*, process: CivilSocietyProcess) -> ProposedList:
    """Create the next version of the proposed list from the shortlisted applications.

    Names of an earlier list still under the procedure carry over; earlier drafts and
    lists before Member States are superseded.
    """
    process = CivilSocietyProcess.objects.select_for_update().get(pk=process.pk)
    applications = process.applications.filter(
        status__in=[ApplicationStatus.SHORTLISTED, ApplicationStatus.PROPOSED]
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
    addresses = set(
        Delegation.objects.filter(kind__in=OBJECTING_KINDS)
        .exclude(mission_email="")
        .values_list("mission_email", flat=True)
    ) | set(
        FocalPoint.objects.filter(delegation__kind__in=OBJECTING_KINDS)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    for address in sorted(addresses):
        queue_mail(
            to=address,
            template="emails/proposed_list_submitted",
            context={"proposed_list": proposed_list, "meeting": proposed_list.process.meeting},
            dedupe_key=f"proposed-list-{proposed_list.pk}-{address.lower()}",
        )
    return len(addresses)


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


@transaction.atomic
def inscribe_on_panel(*, application: Application, actor) -> None:
    """Put an approved organization on the list of speakers of the panel it asked for."""
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("Only approved organizations can be put on a list of speakers."))
    speakers_list = SpeakersList.objects.filter(segment=application.panel).first()
    if speakers_list is None:
        raise ValidationError(_("The panel it asked for has no list of speakers."))
    representative = application.representatives.first()
    inscribe(
        speakers_list=speakers_list,
        delegation=None,
        organization=application.name,
        details=SpeakerDetails(
            honorific=representative.honorific,
            speaker_name=representative.name,
            function=representative.title,
            level=Level.HEAD_OF_DELEGATION,
        ),
        actor=actor,
        by_staff=True,
    )


# --- The ECOSOC list --------------------------------------------------------------------------

STATUS_WORDS = {
    "general": EcosocStatus.GENERAL,
    "special": EcosocStatus.SPECIAL,
    "roster": EcosocStatus.ROSTER,
}


def _rows_of(upload) -> list[list[str]]:
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(upload, read_only=True, data_only=True).active
        return [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    if name.endswith(".csv"):
        text = upload.read().decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))
    raise ValidationError(_("Upload a CSV or XLSX file."))


@transaction.atomic
def import_ecosoc_list(*, upload) -> dict[str, int]:
    """Create or update organizations from a CSV/XLSX with the columns name, status, country."""
    rows = _rows_of(upload)
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [h.strip().lower() for h in rows[0]]
    try:
        name_col, status_col = header.index("name"), header.index("status")
    except ValueError:
        raise ValidationError(
            _("The first row must name the columns: name, status, country.")
        ) from None
    country_col = header.index("country") if "country" in header else None
    counts = {"created": 0, "updated": 0, "skipped": 0}
    for row in rows[1:]:
        name = (row[name_col] if len(row) > name_col else "").strip()
        status = STATUS_WORDS.get(
            (row[status_col] if len(row) > status_col else "").strip().lower()
        )
        if not name or status is None:
            counts["skipped"] += 1
            continue
        country = (
            row[country_col].strip() if country_col is not None and len(row) > country_col else ""
        )
        _obj, created = AccreditedOrganization.objects.update_or_create(
            normalized=normalized_name(name),
            defaults={"name": name, "ecosoc_status": status, "country": country},
        )
        counts["created" if created else "updated"] += 1
    return counts


def send_deadline_reminders(*, within: timedelta = timedelta(days=2)) -> int:
    """Before the deadline, remind organizations whose application is not complete: the
    e-mail still unconfirmed, or more information asked for. Once per application."""
    now = timezone.now()
    pending = Application.objects.filter(
        process__closes_at__gt=now,
        process__closes_at__lte=now + within,
        status__in=[ApplicationStatus.UNCONFIRMED, ApplicationStatus.MORE_INFORMATION],
    ).select_related("process__meeting")
    count = 0
    for application in pending:
        key = f"deadline-reminder-{application.pk}-{application.status}"
        context = {"deadline": application.process.closes_at}
        if application.status == ApplicationStatus.UNCONFIRMED:
            context["confirm_url"] = settings.SITE_URL + confirmation_url(application)
        queue_mail(
            to=application.focal_point_email,
            template="emails/application_deadline_reminder",
            context={
                "application": application,
                "meeting": application.process.meeting,
                "status_url": settings.SITE_URL + status_url(application),
                **context,
            },
            dedupe_key=key,
        )
        count += 1
    return count
