"""The read-only API of civil-society participation: the published list of organizations.

As on the public page: only a list submitted to Member States or closed (never a draft),
and only the representatives who agreed that their names be published.
"""

from datetime import datetime

from django.shortcuts import get_object_or_404

from ninja import Router, Schema

from meetings.selectors import public_meetings
from stakeholders.models import CivilSocietyProcess
from stakeholders.selectors import published_list

router = Router(tags=["civil society"])


class EntryOut(Schema):
    organization: str
    acronym: str
    country: str
    representatives: list[str]
    outcome: str
    outcome_label: str


class ProposedListOut(Schema):
    title: str
    number: int
    status: str
    status_label: str
    objection_deadline: datetime | None
    entries: list[EntryOut]


class CivilSocietyOut(Schema):
    applications_open: datetime
    application_deadline: datetime
    published_list: ProposedListOut | None


@router.get(
    "/meetings/{slug:slug}/civil-society/",
    response=CivilSocietyOut,
    summary="The published civil-society list (names published with consent only)",
)
def civil_society(request, slug: str):
    process = get_object_or_404(
        CivilSocietyProcess.objects.filter(meeting__in=public_meetings()).select_related("meeting"),
        meeting__slug=slug,
    )
    proposed = published_list(process=process)
    listed = None
    if proposed is not None:
        listed = {
            "title": str(proposed),
            "number": proposed.number,
            "status": proposed.status,
            "status_label": proposed.get_status_display(),
            "objection_deadline": proposed.objection_deadline,
            "entries": [
                {
                    "organization": entry.application.name,
                    "acronym": entry.application.acronym,
                    "country": entry.application.country.name,
                    "representatives": [str(r) for r in entry.application.representatives.all()],
                    "outcome": entry.outcome,
                    "outcome_label": entry.get_outcome_display(),
                }
                for entry in proposed.entries.all()
            ],
        }
    return {
        "applications_open": process.opens_at,
        "application_deadline": process.closes_at,
        "published_list": listed,
    }
