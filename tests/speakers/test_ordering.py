import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from meetings.enums import DelegationKind
from speakers.enums import Level, SpeakerCategory
from speakers.ordering import OrderRules, order_entries, speaker_category

T0 = datetime(2017, 9, 13, 10, tzinfo=ZoneInfo("America/New_York"))


@dataclass
class Entry:
    pk: int
    name: str
    category: int
    level: int
    minute: int
    pinned_position: int | None = None

    @property
    def inscribed_at(self):
        return T0 + timedelta(minutes=self.minute)


def names(entries, rules=None):
    return [e.name for e in order_entries(entries, rules or OrderRules())]


STATE, GROUP = SpeakerCategory.STATE, SpeakerCategory.GROUP


def test_default_order_follows_ga_practice():
    entries = [
        Entry(1, "NGO", SpeakerCategory.CIVIL_SOCIETY, Level.HEAD_OF_DELEGATION, 0),
        Entry(2, "IOM", SpeakerCategory.OBSERVER, Level.HEAD_OF_DELEGATION, 1),
        Entry(3, "EU", GROUP, Level.MINISTER, 2),
        Entry(4, "Nepal (HOD)", STATE, Level.HEAD_OF_DELEGATION, 3),
        Entry(5, "Qatar (Minister)", STATE, Level.MINISTER, 4),
        Entry(6, "G77", GROUP, Level.HEAD_OF_DELEGATION, 5),
        Entry(7, "Chile (Minister)", STATE, Level.MINISTER, 6),
        Entry(8, "Holy See (HOS)", STATE, Level.HEAD_OF_STATE, 7),
    ]

    assert names(entries) == [
        "EU",  # among the groups (A/RES/65/276), by level: a Minister before
        "G77",  # a head of delegation
        "Holy See (HOS)",
        "Qatar (Minister)",
        "Chile (Minister)",
        "Nepal (HOD)",
        "IOM",
        "NGO",
    ]


def test_first_come_first_served_within_a_level():
    entries = [
        Entry(pk, f"S{pk}", STATE, Level.MINISTER, minute)
        for pk, minute in [(1, 9), (2, 3), (3, 5)]
    ]

    assert names(entries) == ["S2", "S3", "S1"]


def test_group_statements_can_rank_with_states():
    entries = [
        Entry(1, "Minister", STATE, Level.MINISTER, 0),
        Entry(2, "G77 (HOD)", GROUP, Level.HEAD_OF_DELEGATION, 1),
    ]

    assert names(entries, OrderRules(groups_first=True)) == ["G77 (HOD)", "Minister"]
    assert names(entries, OrderRules(groups_first=False)) == ["Minister", "G77 (HOD)"]


def test_top_three_levels_can_have_equal_standing():
    entries = [
        Entry(1, "Prime Minister", STATE, Level.HEAD_OF_GOVERNMENT, 0),
        Entry(2, "President", STATE, Level.HEAD_OF_STATE, 5),
        Entry(3, "Deputy PM", STATE, Level.DEPUTY_PRIME_MINISTER, 1),
    ]

    assert names(entries) == ["President", "Prime Minister", "Deputy PM"]
    assert names(entries, OrderRules(top_levels_equal=True)) == [
        "Prime Minister",
        "President",
        "Deputy PM",
    ]


def test_an_entry_placed_by_hand_stays_put_when_others_inscribe():
    entries = [Entry(pk, f"HOD{pk}", STATE, Level.HEAD_OF_DELEGATION, pk) for pk in range(1, 5)]
    entries[3].pinned_position = 1  # HOD4 moved to the top by staff

    entries.append(Entry(9, "Minister", STATE, Level.MINISTER, 10))

    assert names(entries) == ["HOD4", "Minister", "HOD1", "HOD2", "HOD3"]


def test_pins_beyond_the_end_go_last():
    entries = [
        Entry(1, "A", STATE, Level.MINISTER, 0, pinned_position=9),
        Entry(2, "B", STATE, Level.MINISTER, 1),
    ]

    assert names(entries) == ["B", "A"]


@pytest.mark.parametrize(
    ("kind", "group", "expected"),
    [
        (DelegationKind.MEMBER_STATE, False, SpeakerCategory.STATE),
        (DelegationKind.OBSERVER_STATE, False, SpeakerCategory.STATE),
        (DelegationKind.EUROPEAN_UNION, False, SpeakerCategory.GROUP),
        (DelegationKind.EUROPEAN_UNION, True, SpeakerCategory.GROUP),
        (DelegationKind.UN_ENTITY, False, SpeakerCategory.OBSERVER),
        (DelegationKind.OBSERVER_ORGANIZATION, False, SpeakerCategory.OBSERVER),
        (None, False, SpeakerCategory.CIVIL_SOCIETY),
    ],
)
def test_speaker_category(kind, group, expected):
    assert speaker_category(delegation_kind=kind, on_behalf_of_group=group) == expected


def test_levels_match_the_reference_data_shipped():
    path = (
        Path(__file__).resolve().parents[2] / "meetings" / "data" / "levels_of_representation.csv"
    )
    with path.open(encoding="utf-8") as f:
        rows = [(int(r["rank"]), r["label"]) for r in csv.DictReader(f)]

    assert rows == [(level.value, str(level.label)) for level in Level]
