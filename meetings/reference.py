"""Load the reference data shipped in ``meetings/data/``: delegations and groups of States.

Safe to run any number of times: rows are matched on their code and only changed
fields are written.
"""

import csv
from pathlib import Path

from django.db import transaction

from meetings.enums import DelegationKind, RegionalGroup
from meetings.models import Delegation, GroupOfStates
from meetings.sync import sync_object

DATA_DIR = Path(__file__).resolve().parent / "data"

REGIONAL_GROUP_BY_NAME = {
    "African States": RegionalGroup.AFRICAN,
    "Asia-Pacific States": RegionalGroup.ASIA_PACIFIC,
    "Eastern European States": RegionalGroup.EASTERN_EUROPEAN,
    "Latin American and Caribbean States": RegionalGroup.LATIN_AMERICAN_CARIBBEAN,
    "Western European and other States": RegionalGroup.WESTERN_EUROPEAN_OTHER,
}
STATE_KIND_BY_STATUS = {
    "member_state": DelegationKind.MEMBER_STATE,
    "observer_state": DelegationKind.OBSERVER_STATE,
}


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create or update every State, observer and group of States; return counts by table."""
    for row in _rows("member_states.csv"):
        sync_object(
            Delegation,
            {"code": row["iso3"]},
            name=row["name"],
            kind=STATE_KIND_BY_STATUS[row["status"]],
            regional_group=REGIONAL_GROUP_BY_NAME.get(row["regional_group"], ""),
            note=row["note"],
        )
    for row in _rows("observers.csv"):
        sync_object(
            Delegation,
            {"code": row["code"]},
            name=row["name"],
            kind=DelegationKind(row["kind"]),
        )
    for row in _rows("groups_of_states.csv"):
        sync_object(
            GroupOfStates,
            {"short_name": row["short_name"]},
            name=row["name"],
            kind=row["kind"],
        )
    return {
        "delegations": Delegation.objects.count(),
        "groups_of_states": GroupOfStates.objects.count(),
    }
