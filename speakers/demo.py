"""Synthetic lists of speakers, laid over a meeting the tests give (never the record).

The delegations, groups, levels and order of arrival are made up; the speakers' names are
placeholders ("Speaker for …"), never real officials'. They are laid only over a clearly
labelled demonstration meeting (``load_demo_lists(meeting=…)``), never over the record of the
2017 or 2021 meetings, of which no seed gives a list of speakers. Idempotent. The groups' chairs
recorded for the demo are made up too: each carries a note saying it is demo data.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from meetings.enums import Gender, SegmentKind
from meetings.models import Delegation, GroupChair, GroupOfStates, Meeting
from meetings.sync import sync_object
from speakers.enums import InscriptionStatus, Level, ListKind
from speakers.models import Inscription, SpeakersList
from speakers.ordering import speaker_category
from speakers.selectors import ordered_list, statement_minutes

NEW_YORK = ZoneInfo("America/New_York")
DEMO_CHAIR_NOTE = "Demo data, made up: no fact of the record."
FUNCTIONS = {
    Level.HEAD_OF_STATE: "President",
    Level.VICE_PRESIDENT: "Vice-President",
    Level.HEAD_OF_GOVERNMENT: "Prime Minister",
    Level.DEPUTY_PRIME_MINISTER: "Deputy Prime Minister",
    Level.MINISTER: "Minister for Foreign Affairs",
    Level.VICE_MINISTER: "Deputy Minister for Foreign Affairs",
    Level.HEAD_OF_DELEGATION: "Permanent Representative to the United Nations",
}

# (group short name, speaking delegation code, level). The European Union speaks in its own
# right, "on behalf of the European Union and its member States", among the groups.
GROUP_STATEMENTS = [
    ("G77", "ECU", Level.MINISTER),
    (None, "EU", Level.HEAD_OF_DELEGATION),
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


def _record_chair(
    group: GroupOfStates, delegation: Delegation, meeting: Meeting, day: date | None = None
) -> None:
    """Record the demo's chair of ``group`` for the year of ``meeting`` (or of ``day``; the
    African Group's for its month: that chair rotates monthly), marked as demo data."""
    day = day or meeting.starts_on
    if group.short_name == "AG":
        starts_on = day.replace(day=1)
        ends_on = (starts_on + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    else:
        starts_on, ends_on = date(day.year, 1, 1), date(day.year, 12, 31)
    overlapping = GroupChair.objects.filter(
        group=group, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if not overlapping.exists():
        GroupChair.objects.create(
            group=group,
            delegation=delegation,
            starts_on=starts_on,
            ends_on=ends_on,
            note=DEMO_CHAIR_NOTE,
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
def load_demo_lists(*, meeting: Meeting) -> list[SpeakersList]:
    """Create synthetic plenary and panel lists of ``meeting`` (a demonstration meeting)."""
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
        group = groups[short_name] if short_name else None
        if group:
            _record_chair(group, delegations[code], meeting)
        _inscribe(plenary, delegations[code], level, moment, group=group)
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
    return lists
