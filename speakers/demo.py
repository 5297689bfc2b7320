"""Demo speakers lists for the 2017 HLM: plausible, not the historical list.

The delegations, groups, levels and order of arrival are made up for the demo; the
speakers' names are placeholders ("Speaker for …"), never real officials'. Also
creates a demo focal point for Belgium. Idempotent.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from meetings.enums import Gender, SegmentKind
from meetings.models import Delegation, FocalPoint, GroupOfStates, Meeting
from meetings.sync import sync_object
from speakers.enums import InscriptionStatus, Level, ListKind
from speakers.models import Inscription, SpeakersList
from speakers.ordering import speaker_category
from speakers.selectors import ordered_list, statement_minutes

NEW_YORK = ZoneInfo("America/New_York")
DEMO_FOCAL_POINT_EMAIL = "focal.point@belgium.example.org"

FUNCTIONS = {
    Level.HEAD_OF_STATE: "President",
    Level.VICE_PRESIDENT: "Vice-President",
    Level.HEAD_OF_GOVERNMENT: "Prime Minister",
    Level.DEPUTY_PRIME_MINISTER: "Deputy Prime Minister",
    Level.MINISTER: "Minister for Foreign Affairs",
    Level.VICE_MINISTER: "Deputy Minister for Foreign Affairs",
    Level.HEAD_OF_DELEGATION: "Permanent Representative to the United Nations",
}

# (group short name, speaking delegation code, level)
GROUP_STATEMENTS = [
    ("G77", "ECU", Level.MINISTER),
    ("EU", "EU", Level.HEAD_OF_DELEGATION),
    ("AG", "NGA", Level.HEAD_OF_DELEGATION),
    ("AOSIS", "MDV", Level.HEAD_OF_DELEGATION),
    ("CARICOM", "JAM", Level.HEAD_OF_DELEGATION),
    ("GOF-TIP", "BLR", Level.VICE_MINISTER),
]
# (delegation code, level) in the order they inscribed
HOD, MIN, VMIN = Level.HEAD_OF_DELEGATION, Level.MINISTER, Level.VICE_MINISTER
STATE_STATEMENTS = [
    ("PHL", HOD), ("QAT", MIN), ("BEL", HOD), ("USA", VMIN), ("MEX", VMIN), ("NPL", MIN),
    ("ITA", HOD), ("BGD", MIN), ("ARG", HOD), ("KAZ", VMIN), ("FRA", HOD), ("THA", MIN),
    ("GBR", MIN), ("ZAF", VMIN), ("IND", HOD), ("BHR", MIN), ("COL", VMIN), ("UKR", HOD),
    ("AUS", HOD), ("EGY", HOD), ("CHL", VMIN), ("PAK", HOD), ("ISR", HOD), ("GHA", MIN),
    ("ARE", MIN), ("SWE", HOD), ("BRA", HOD), ("JPN", HOD), ("RUS", HOD), ("CHN", HOD),
    ("PRT", MIN), ("KEN", HOD), ("IDN", HOD), ("CAN", HOD), ("GTM", VMIN), ("MAR", HOD),
    ("NLD", HOD), ("VNM", HOD), ("SGP", HOD), ("PSE", HOD), ("VAT", HOD), ("NOR", VMIN),
    ("TUR", HOD), ("IRN", HOD), ("KOR", HOD), ("PER", HOD), ("CHE", HOD), ("ETH", HOD),
]  # fmt: skip
OBSERVER_STATEMENTS = [("IOM", Level.HEAD_OF_DELEGATION), ("SMOM", Level.HEAD_OF_DELEGATION)]
PANEL_INTERVENTIONS = {
    1: ["SWE", "PHL", "NGA", "UNODC", "ARG", "CAN"],
    2: ["QAT", "BLR", "ITA", "OHCHR", "THA"],
}


def _at(*args) -> datetime:
    return datetime(*args, tzinfo=NEW_YORK)


def _inscribe(speakers_list, delegation, level, moment, *, group=None):
    """Create the demo inscription once; later loads leave it (and any staff change) alone."""
    if speakers_list.inscriptions.filter(delegation=delegation).exists():
        return
    Inscription.objects.create(
        speakers_list=speakers_list,
        delegation=delegation,
        on_behalf_of=group,
        category=speaker_category(
            delegation_kind=delegation.kind, on_behalf_of_group=group is not None
        ),
        honorific="H.E.",
        gender=Gender.FEMALE if sum(map(ord, delegation.code)) % 3 == 0 else Gender.MALE,
        speaker_name=f"Speaker for {delegation.name}",
        function=FUNCTIONS[level] if delegation.is_state else "Head of delegation",
        level=level,
        inscribed_at=moment,
    )


def _hear_everyone(speakers_list: SpeakersList) -> None:
    """The 2017 meeting is over: every speaker was heard, near the projected time."""
    if speakers_list.inscriptions.exclude(status=InscriptionStatus.ACTIVE).exists():
        return
    for row in ordered_list(speakers_list=speakers_list).rows:
        inscription = row.inscription
        limit = statement_minutes(speakers_list, inscription) * 60
        inscription.spoke_seconds = limit - 40 + (inscription.pk * 37) % 110  # some run over
        inscription.heard_at = row.projection.starts_at + timedelta(
            seconds=inscription.spoke_seconds
        )
        inscription.status = InscriptionStatus.HEARD
        inscription.save(update_fields=["spoke_seconds", "heard_at", "status"])


@transaction.atomic
def load_demo_lists(*, focal_point_password: str | None = None) -> list[SpeakersList]:
    """Create the plenary and panel lists of the 2017 demo meeting with their speakers."""
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")
    delegations = {d.code: d for d in Delegation.objects.all()}
    groups = {g.short_name: g for g in GroupOfStates.objects.all()}
    opens_at, closes_at = _at(2017, 9, 13, 10), _at(2017, 9, 26, 18)

    plenary = sync_object(
        SpeakersList,
        {"meeting": meeting, "kind": ListKind.PLENARY},
        opens_at=opens_at,
        closes_at=closes_at,
        individual_time_limit=3,
        group_time_limit=5,
    )
    moment = opens_at
    for short_name, code, level in GROUP_STATEMENTS:
        moment += timedelta(seconds=41)
        _inscribe(plenary, delegations[code], level, moment, group=groups[short_name])
    for code, level in STATE_STATEMENTS + OBSERVER_STATEMENTS:
        moment += timedelta(minutes=7, seconds=13)
        _inscribe(plenary, delegations[code], level, moment)

    _hear_everyone(plenary)
    lists = [plenary]
    panels = meeting.segments.filter(kind=SegmentKind.PANEL).order_by("starts_at")
    for number, panel in enumerate(panels, start=1):
        panel_list = sync_object(
            SpeakersList,
            {"meeting": meeting, "kind": ListKind.PANEL, "segment": panel},
            opens_at=opens_at,
            closes_at=closes_at,
            individual_time_limit=3,
            group_time_limit=3,
            civil_society_allowed=True,
        )
        moment = opens_at
        for code in PANEL_INTERVENTIONS.get(number, []):
            moment += timedelta(minutes=11)
            _inscribe(panel_list, delegations[code], Level.HEAD_OF_DELEGATION, moment)
        _hear_everyone(panel_list)
        lists.append(panel_list)

    if focal_point_password:
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_FOCAL_POINT_EMAIL,
            defaults={
                "email": DEMO_FOCAL_POINT_EMAIL,
                "first_name": "Demo",
                "last_name": "Focal Point",
            },
        )
        if not user.check_password(focal_point_password):
            user.set_password(focal_point_password)
            user.save(update_fields=["password"])
        FocalPoint.objects.get_or_create(
            user=user, defaults={"delegation": delegations["BEL"], "function": "First Secretary"}
        )
    return lists


def load(*, password: str | None = None) -> list[str]:
    """The lists' part of ``manage.py load_demo`` (registered in ``SpeakersConfig.ready``)."""
    lines = []
    for speakers_list in load_demo_lists(focal_point_password=password):
        lines.append(f"{speakers_list}: {speakers_list.inscriptions.count()} speakers")
    if password:
        lines.append(f"Demo focal point: {DEMO_FOCAL_POINT_EMAIL}")
    return lines
