"""Staff review of applications: shortlist, reject, ask for more information; approved
organizations put on a panel's list of speakers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from speakers.enums import Level
from speakers.models import SpeakersList
from speakers.services import SpeakerDetails, inscribe
from stakeholders.enums import (
    PARTICIPATING_STATUSES,
    ApplicationPath,
    ApplicationStatus,
)
from stakeholders.models import (
    Application,
)
from stakeholders.services.applications import (
    _mail_applicant,
)

#: Staff's words to the organizations: one text, or one per language they applied in.
Reason = str | dict[str, str]


def _set_status(applications, status, *, allowed, reason: Reason = "", mail=None) -> int:
    changed = 0
    for application in applications.select_related("process__meeting"):
        if application.status not in allowed:
            continue
        application.status = status
        its_reason = _in_its_language(reason, application)
        if its_reason:
            application.decision_reason = its_reason
        application.save(update_fields=["status", "decision_reason", "updated_at"])
        if mail:
            _mail_applicant(application, mail, reason=its_reason)
        changed += 1
    return changed


def _in_its_language(reason: Reason, application) -> str:
    if isinstance(reason, str):
        return reason
    return reason.get(application.language) or next(iter(reason.values()), "")


def _given(reason: Reason) -> bool:
    texts = [reason] if isinstance(reason, str) else list(reason.values())
    return bool(texts) and all(text.strip() for text in texts)


REVIEWABLE = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.MORE_INFORMATION,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.REJECTED,
)


@transaction.atomic
def shortlist(*, applications) -> int:
    """Shortlist for the proposed list; ECOSOC registrations never go on it (staff confirm them)."""
    return _set_status(
        applications.filter(path=ApplicationPath.PGA_LIST),
        ApplicationStatus.SHORTLISTED,
        allowed=REVIEWABLE,
    )


@transaction.atomic
def reject(*, applications, reason: Reason) -> int:
    """Not retain the applications; each organization is told the reason in its language."""
    if not _given(reason):
        raise ValidationError(_("Give the reason the organization will read."))
    return _set_status(
        applications, ApplicationStatus.REJECTED, allowed=REVIEWABLE, reason=reason,
        mail="application_rejected",
    )  # fmt: skip


@transaction.atomic
def request_information(*, applications, message: Reason) -> int:
    """Ask the organizations for more information, each in its language."""
    if not _given(message):
        raise ValidationError(_("Say what information is needed."))
    return _set_status(
        applications, ApplicationStatus.MORE_INFORMATION, allowed=REVIEWABLE, reason=message,
        mail="application_more_information",
    )  # fmt: skip


@transaction.atomic
def inscribe_on_panel(*, application: Application, actor) -> None:
    """Put a registered or approved organization on the list of speakers of its panel."""
    if application.status not in PARTICIPATING_STATUSES:
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
