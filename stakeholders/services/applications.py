"""Applications of civil society: submitted through the public form, confirmed by e-mail,
corrected or withdrawn through a signed link until the deadline; reminders before it."""

from dataclasses import dataclass
from datetime import timedelta
from itertools import zip_longest

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.formatting import page_language
from meetings.models import Delegation
from meetings.services.outbox import queue_mail
from stakeholders.enums import (
    EDITABLE_STATUSES,
    ApplicationPath,
    ApplicationStatus,
)
from stakeholders.models import (
    AccreditedOrganization,
    Application,
    CivilSocietyProcess,
    Representative,
    normalized_name,
)
from stakeholders.selectors import possible_duplicates

CONFIRM_SALT = "stakeholders.confirm"
STATUS_SALT = "stakeholders.status"
CONFIRM_MAX_AGE = 7 * 24 * 3600


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
        language=application.language,
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
    application.language = page_language()  # the portal writes to the organization in it
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


def reference_prefix(meeting) -> str:
    """The first word of the meeting's address and its year: "TRAFFICKING-2017"."""
    word = meeting.slug.split("-", 1)[0][:12].upper()
    return f"{word}-{meeting.starts_on.year}"


@transaction.atomic
def confirm_application(*, application: Application) -> Application:
    """Confirm the e-mail address: the application is submitted and gets its reference."""
    process = CivilSocietyProcess.objects.select_for_update().get(pk=application.process_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.UNCONFIRMED:
        return application  # the link clicked twice
    number = process.applications.exclude(reference=None).count() + 1
    prefix = reference_prefix(process.meeting)
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
    _edit_in_place(application, representatives)
    return application


def _edit_in_place(application: Application, representatives: list[RepresentativeDetails]):
    """Update the representatives row by row (their ids stay), add new ones, drop the rest."""
    existing = list(application.representatives.order_by("pk"))
    for row, details in zip_longest(existing, representatives):
        if details is None:
            row.delete()
        elif row is None:
            Representative.objects.create(application=application, **details.__dict__)
        else:
            for field, value in details.__dict__.items():
                setattr(row, field, value)
            row.save()


@transaction.atomic
def withdraw_application(*, application: Application) -> None:
    _ensure_editable(application)
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.WITHDRAWN, updated_at=timezone.now()
    )


# --- Review -----------------------------------------------------------------------------------


# --- The proposed list and the non-objection procedure ----------------------------------------


# --- The ECOSOC list --------------------------------------------------------------------------


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
            language=application.language,
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
