"""The civil-society call of the living demo meeting (``meetings/demo/living.py``).

Open on both paths, from a week ago until two weeks from today: organizations in
consultative status with ECOSOC register (the demo's accredited organization is named below),
all others apply for the PGA's list. Three made-up applications wait for staff's review.
Dates follow today's at each load; rows are kept.
"""

from datetime import timedelta

from django.db import transaction
from django.utils.text import slugify

from meetings.demo.common import _at
from meetings.demo.living import DEMO_SLUG, demo_dates
from meetings.enums import Gender, SegmentKind
from meetings.formatting import moment
from meetings.models import Delegation, Meeting
from meetings.sync import sync_object
from stakeholders.enums import (
    ApplicationPath,
    ApplicationStatus,
    EcosocStatus,
    OrganizationType,
)
from stakeholders.models import (
    AccreditedOrganization,
    Application,
    CivilSocietyProcess,
    Representative,
)

#: Organizations on the (demo) ECOSOC list; the second has not registered yet: the name to give
#: to try the registration path.
ACCREDITED_NAME = "Demo Network against Trafficking (synthetic)"
TRY_ECOSOC_NAME = "Demo Coalition in Consultative Status (synthetic)"
# name, country, type, path, panel (1, 2 or 0), representative (honorific, name, title, gender)
APPLICATIONS = [
    (ACCREDITED_NAME, "KEN", OrganizationType.NGO, ApplicationPath.ECOSOC, 1,
     ("Ms.", "Wanjiru Demo", "Programme Director", Gender.FEMALE)),
    ("Demo Survivors' Forum (synthetic)", "PHL", OrganizationType.NGO, ApplicationPath.PGA_LIST,
     2, ("Ms.", "Maria Demo", "Founder", Gender.FEMALE)),
    ("Demo Institute for Labour Research (synthetic)", "CRI", OrganizationType.ACADEMIC,
     ApplicationPath.PGA_LIST, 0, ("Dr.", "Carlos Demo", "Researcher", Gender.MALE)),
]  # fmt: skip


@transaction.atomic
def load_living_call() -> CivilSocietyProcess:
    meeting = Meeting.objects.get(slug=DEMO_SLUG)
    dates = demo_dates()
    process = sync_object(
        CivilSocietyProcess,
        {"meeting": meeting},
        opens_at=_at(dates.today - timedelta(days=7), 9),
        closes_at=_at(dates.today + timedelta(days=14), 18),
        asks_lived_experience=True,
        introduction=(
            "This is the demonstration meeting: the call is made up and open to try. "
            "Organizations in consultative status with ECOSOC register; all others apply for "
            "the list of the President of the General Assembly."
        ),
        introduction_fr=(
            "Ceci est la réunion de démonstration\N{NO-BREAK SPACE}: l'appel est fictif et "
            "ouvert aux essais. Les organisations dotées du statut consultatif auprès de l'ECOSOC "
            "s'inscrivent\N{NO-BREAK SPACE}; toutes les autres présentent leur candidature à la "
            "liste du Président de l'Assemblée générale."
        ),
    )
    accredited = sync_object(
        AccreditedOrganization,
        {"name": ACCREDITED_NAME},
        ecosoc_status=EcosocStatus.SPECIAL,
        country="Kenya",
    )
    sync_object(
        AccreditedOrganization,
        {"name": TRY_ECOSOC_NAME},
        ecosoc_status=EcosocStatus.GENERAL,
        country="Senegal",
    )
    if process.applications.exists():
        return process  # loaded before: keep the applications as they now are
    delegations = {d.code: d for d in Delegation.objects.all()}
    panels = list(meeting.segments.filter(kind=SegmentKind.PANEL).order_by("starts_at"))
    for number, (name, country, kind, path, panel, person) in enumerate(APPLICATIONS, 1):
        moment = process.opens_at + timedelta(days=number, hours=2)
        ecosoc = path == ApplicationPath.ECOSOC
        slug = slugify(name.split()[1])  # "survivors", not "survivors'": a valid host
        application = Application.objects.create(
            process=process,
            reference=f"DEMO-{dates.starts_on.year}-{number:04d}",
            path=path,
            status=ApplicationStatus.SUBMITTED,
            name=name,
            country=delegations[country],
            website=f"https://{slug}.demo.example.org",
            organization_type=kind,
            ecosoc_status=EcosocStatus.SPECIAL if ecosoc else EcosocStatus.NONE,
            accredited=accredited if ecosoc else None,
            areas_of_work="Prevention of trafficking in persons; protection of victims.",
            relevance="A made-up organization of the demonstration meeting.",
            focal_point_name=person[1],
            focal_point_email=f"contact@{slug}.demo.example.org",
            email_confirmed_at=moment,
            submitted_at=moment,
            wishes_to_speak=bool(panel),
            panel=panels[panel - 1] if panel else None,
        )
        honorific, person_name, title, gender = person
        Representative.objects.create(
            application=application, honorific=honorific, name=person_name, title=title,
            gender=gender, nationality=delegations[country], lived_experience=False,
            biography=f"{person_name} is a made-up representative.", consents_to_publication=True,
        )  # fmt: skip
    return process


def load(*, password: str | None = None) -> list[str]:
    """The demo meeting's call (registered in ``StakeholdersConfig.ready``)."""
    process = load_living_call()
    return [f"{process}: civil-society call open until {moment(process.closes_at)} (New York)"]
