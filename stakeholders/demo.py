"""Synthetic civil-society participation, for a clearly labelled demonstration meeting only.

Organization and representative names are made up (no real organization is implied to
have applied); the procedure's shape is the real one: organizations in consultative status
with ECOSOC register (checked against the ECOSOC list) and are never put to Member States;
the others apply, and a first proposed list goes before Member States, with one objection,
then the final list. The record of the 2017 and 2021 meetings gives no application, so none
is laid over them. Idempotent.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from meetings.enums import Gender, SegmentKind
from meetings.models import Delegation, Meeting
from meetings.sync import sync_object
from stakeholders.enums import (
    ApplicationPath,
    ApplicationStatus,
    EcosocStatus,
    EntryOutcome,
    OrganizationType,
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
)
from stakeholders.services.applications import reference_prefix

NY = ZoneInfo("America/New_York")
F, M = Gender.FEMALE, Gender.MALE
NGO, ACADEMIC, PRIVATE, NHRI = (
    OrganizationType.NGO,
    OrganizationType.ACADEMIC,
    OrganizationType.PRIVATE_SECTOR,
    OrganizationType.NHRI,
)
FINAL, REJECTED, WITHDRAWN, OBJECTED = "final", "rejected", "withdrawn", "objected"

# name, acronym, country, type, ECOSOC status, outcome, panel (1, 2 or 0), representatives
# (honorific, name, title, gender, nationality, lived experience)
APPLICATIONS = [
    ("Coalition for Safe Migration Pathways", "CSMP", "PHL", NGO, EcosocStatus.SPECIAL, FINAL, 1,
     [("Ms.", "Ana Reyes", "Executive Director", F, "PHL", False)]),
    ("Survivors' Voices Network", "SVN", "NGA", NGO, EcosocStatus.NONE, FINAL, 2,
     [("Ms.", "Amina Okafor", "Founder", F, "NGA", True),
      ("Mr.", "Tunde Balogun", "Advocacy Officer", M, "NGA", False)]),
    ("Andean Institute for Labour Rights", "", "PER", ACADEMIC, EcosocStatus.NONE, FINAL, 1,
     [("Dr.", "Lucía Quispe", "Research Director", F, "PER", False)]),
    ("Mekong Anti-Trafficking Alliance", "MATA", "THA", NGO, EcosocStatus.SPECIAL, FINAL, 2,
     [("Ms.", "Malai Chanthavong", "Programme Coordinator", F, "LAO", False)]),
    ("Nordic Centre for Victim Support", "", "SWE", NGO, EcosocStatus.NONE, FINAL, 0,
     [("Mr.", "Erik Lindqvist", "Director", M, "SWE", False)]),
    ("Responsible Supply Chains Forum", "RSCF", "GBR", PRIVATE, EcosocStatus.NONE, FINAL, 1,
     [("Ms.", "Claire Whitfield", "Head of Human Rights", F, "GBR", False)]),
    ("Human Rights Commission of Kenya (demo)", "", "KEN", NHRI, EcosocStatus.NONE, FINAL, 2,
     [("Mr.", "Daniel Mwangi", "Commissioner", M, "KEN", False)]),
    ("Balkan Network against Exploitation", "BNE", "SRB", NGO, EcosocStatus.ROSTER, FINAL, 0,
     [("Ms.", "Jelena Petrović", "Coordinator", F, "SRB", False)]),
    ("Caribbean Women's Shelter Association", "CWSA", "JAM", NGO, EcosocStatus.NONE, FINAL, 2,
     [("Ms.", "Marcia Campbell", "President", F, "JAM", True)]),
    ("Gulf Migrant Workers' Rights Centre", "", "JOR", NGO, EcosocStatus.NONE, OBJECTED, 1,
     [("Mr.", "Omar Haddad", "Legal Adviser", M, "JOR", False)]),
    ("Sahel Child Protection Collective", "SCPC", "MLI", NGO, EcosocStatus.NONE, FINAL, 2,
     [("Mr.", "Moussa Traoré", "Director", M, "MLI", False),
      ("Ms.", "Awa Diallo", "Social Worker", F, "MLI", True)]),
    ("Pacific Islands Labour Mobility Watch", "", "FJI", NGO, EcosocStatus.NONE, FINAL, 1,
     [("Ms.", "Litia Naivalu", "Researcher", F, "FJI", False)]),
    ("Tech Against Online Exploitation", "TAOE", "USA", PRIVATE, EcosocStatus.NONE, REJECTED, 2,
     [("Mr.", "Jason Miller", "Chief Executive", M, "USA", False)]),
    ("Centre for Legal Aid to Migrants", "", "MEX", NGO, EcosocStatus.NONE, WITHDRAWN, 0,
     [("Ms.", "Paola Hernández", "Lawyer", F, "MEX", False)]),
]  # fmt: skip
OBJECTION_BASIS = (
    "The organization's activities are not consistent with the purposes of the meeting."
)


def _at(*args) -> datetime:
    return datetime(*args, tzinfo=NY)


@transaction.atomic
def load_demo_civil_society(*, meeting: Meeting) -> CivilSocietyProcess:
    """Create a synthetic civil-society process for ``meeting`` (a demonstration meeting)."""
    process = sync_object(
        CivilSocietyProcess,
        {"meeting": meeting},
        opens_at=_at(2017, 6, 1, 9),
        closes_at=_at(2017, 7, 14, 18),
        asks_lived_experience=True,
        introduction=(
            "At the request of the Office of the President of the General Assembly, stakeholders "
            "may apply to speak in either of the two panel discussions or to attend as observers."
        ),
    )
    for name, _acronym, country, _kind, status, *_rest in APPLICATIONS:
        if status != EcosocStatus.NONE:
            sync_object(
                AccreditedOrganization, {"name": name}, ecosoc_status=status, country=country
            )
    if process.applications.exists():
        _correct_an_earlier_demo(process)
        return process
    delegations = {
        d.code: d for d in Delegation.objects.filter(kind__in=["member_state", "observer_state"])
    }
    panels = list(meeting.segments.filter(kind=SegmentKind.PANEL).order_by("starts_at"))
    proposed = ProposedList.objects.create(
        process=process,
        number=1,
        status=ProposedListStatus.CLOSED,
        submitted_at=_at(2017, 8, 1, 12),
        objection_deadline=_at(2017, 8, 15, 18),
        closed_at=_at(2017, 8, 15, 18),
    )
    moment = _at(2017, 6, 2, 10)
    for number, (name, acronym, country, kind, ecosoc, outcome, panel, people) in enumerate(
        APPLICATIONS, start=1
    ):
        moment += timedelta(days=2, hours=3)
        registered = ecosoc != EcosocStatus.NONE and outcome == FINAL
        status = (
            ApplicationStatus.REGISTERED
            if registered
            else {
                FINAL: ApplicationStatus.APPROVED,
                OBJECTED: ApplicationStatus.OBJECTED,
                REJECTED: ApplicationStatus.REJECTED,
                WITHDRAWN: ApplicationStatus.WITHDRAWN,
            }[outcome]
        )
        application = Application.objects.create(
            process=process,
            reference=f"{reference_prefix(meeting)}-{number:04d}",
            path=ApplicationPath.ECOSOC
            if ecosoc != EcosocStatus.NONE
            else ApplicationPath.PGA_LIST,
            status=status,
            name=name,
            acronym=acronym,
            country=delegations[country],
            website=f"https://{(acronym or name.split()[0]).lower()}.example.org",
            organization_type=kind,
            ecosoc_status=ecosoc,
            accredited=AccreditedOrganization.objects.filter(name=name).first(),
            areas_of_work="Prevention of trafficking in persons; protection of victims.",
            relevance="Works directly on the themes of the interactive panel discussions.",
            focal_point_name=people[0][1],
            focal_point_email=f"contact@{(acronym or name.split()[0]).lower()}.example.org",
            email_confirmed_at=moment,
            submitted_at=moment,
            wishes_to_speak=bool(panel),
            panel=panels[panel - 1] if panel else None,
            decision_reason="The application falls outside the theme of the meeting."
            if outcome == REJECTED
            else "",
        )
        Representative.objects.bulk_create(
            Representative(
                application=application, honorific=h, name=n, title=t, gender=g,
                nationality=delegations[nat], biography=f"{n} has worked on the issue for years.",
                lived_experience=lived, consents_to_publication=True,
            )
            for h, n, t, g, nat, lived in people
        )  # fmt: skip
        if outcome in (FINAL, OBJECTED) and not registered:
            entry = ProposedEntry.objects.create(
                proposed_list=proposed,
                application=application,
                outcome=EntryOutcome.FINAL if outcome == FINAL else EntryOutcome.OBJECTED,
                decided_at=proposed.closed_at,
            )
            if outcome == OBJECTED:
                Objection.objects.create(
                    entry=entry,
                    delegation=delegations["EGY"],
                    basis=OBJECTION_BASIS,
                    lodged_at=_at(2017, 8, 10, 11),
                )
    return process


def _correct_an_earlier_demo(process: CivilSocietyProcess) -> None:
    """Correct a demo loaded before: ECOSOC organizations are registered, not proposed; the
    references carry the year."""
    ecosoc = process.applications.filter(
        path=ApplicationPath.ECOSOC, status=ApplicationStatus.APPROVED
    )
    ProposedEntry.objects.filter(application__in=ecosoc).delete()
    ecosoc.update(status=ApplicationStatus.REGISTERED)
    prefix = reference_prefix(process.meeting)
    for application in process.applications.filter(reference__startswith="TRAFFICKING-I-"):
        application.reference = f"{prefix}-{application.reference.rsplit('-', 1)[1]}"
        application.save(update_fields=["reference"])
