"""The lists of speakers of the living demo meeting (``meetings/demo/living.py``).

The plenary list is open for inscription from a week ago until the Thursday before the meeting,
with a few made-up speakers already on it; the panels' lists open in three days. Belgium,
Ecuador (for the Group of 77 and China) and Ireland are left off, so that their demo focal
points can inscribe. Dates follow today's at each load; rows are kept.
"""

from datetime import timedelta

from django.db import transaction

from meetings.demo.common import _at
from meetings.demo.living import DEMO_SLUG, demo_dates
from meetings.enums import SegmentKind
from meetings.models import Delegation, GroupOfStates, Meeting
from meetings.sync import sync_object
from speakers.demo import _inscribe, _record_chair
from speakers.enums import Level, ListKind
from speakers.models import SpeakersList

HOD, MIN = Level.HEAD_OF_DELEGATION, Level.MINISTER
# (group short name or "", delegation code, level) in the order they inscribed
PLENARY_SPEAKERS = [
    ("AG", "NGA", HOD), ("EU", "EU", HOD), ("", "PHL", MIN), ("", "QAT", MIN),
    ("", "MEX", HOD), ("", "NPL", MIN), ("", "KEN", HOD), ("", "SEN", HOD), ("", "NOR", HOD),
]  # fmt: skip
SPACING = timedelta(minutes=37)


@transaction.atomic
def load_living_lists() -> list[SpeakersList]:
    meeting = Meeting.objects.get(slug=DEMO_SLUG)
    dates = demo_dates()
    closes_at = _at(dates.starts_on - timedelta(days=4), 18)  # the Thursday before
    opens_at = _at(dates.today - timedelta(days=7), 10)
    plenary = sync_object(
        SpeakersList,
        {"meeting": meeting, "kind": ListKind.PLENARY},
        opens_at=opens_at,
        closes_at=closes_at,
        individual_time_limit=3,
        group_time_limit=5,
    )
    delegations = {d.code: d for d in Delegation.objects.all()}
    groups = {g.short_name: g for g in GroupOfStates.objects.all()}
    # The demo's chairs (made up, marked as demo data): Ecuador for the Group of 77 and China,
    # whose focal point tries the journey (this year, to give input on the draft today, and
    # the meeting's, to speak there); Nigeria for the African Group this month.
    _record_chair(groups["G77"], delegations["ECU"], meeting, day=dates.today)
    _record_chair(groups["G77"], delegations["ECU"], meeting)
    _record_chair(groups["AG"], delegations["NGA"], meeting)
    for number, (group, code, level) in enumerate(PLENARY_SPEAKERS, 1):
        moment = opens_at + number * SPACING
        _inscribe(plenary, delegations[code], level, moment, group=groups.get(group))
        # the made-up speakers move with the list; those inscribed in the demo stay put
        plenary.inscriptions.filter(delegation=delegations[code], inscribed_by=None).exclude(
            inscribed_at=moment
        ).update(inscribed_at=moment)
    lists = [plenary]
    panels_open_at = _at(dates.today + timedelta(days=3), 10)
    for panel in meeting.segments.filter(kind=SegmentKind.PANEL).order_by("starts_at"):
        lists.append(
            sync_object(
                SpeakersList,
                {"meeting": meeting, "kind": ListKind.PANEL, "segment": panel},
                opens_at=panels_open_at,
                closes_at=closes_at,
                individual_time_limit=3,
                group_time_limit=3,
                civil_society_allowed=True,
            )
        )
    return lists


def load(*, password: str | None = None) -> list[str]:
    """The demo meeting's part of ``manage.py load_demo`` (registered in ``SpeakersConfig``)."""
    return [f"{item}: {item.state.label}" for item in load_living_lists()]
