"""Helpers shared by the demo loaders: rooms, resolutions, people synced in place."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from meetings.enums import (
    ResolutionKind,
)
from meetings.models import (
    Resolution,
)
from meetings.sync import sync_object

NEW_YORK = ZoneInfo("America/New_York")


GPA_TITLE = (
    "High-level meeting of the General Assembly on the appraisal of the United Nations "
    "Global Plan of Action to Combat Trafficking in Persons"
)


MODALITIES_TITLE = (
    "Modalities, format and organization of the high-level meeting of the General Assembly "
    "on the appraisal of the United Nations Global Plan of Action to Combat Trafficking in Persons"
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=NEW_YORK)


def _load_resolutions() -> dict[str, Resolution]:
    resolutions = [
        (
            "A/RES/64/293",
            "United Nations Global Plan of Action to Combat Trafficking in Persons",
            ResolutionKind.MANDATE,
            date(2010, 7, 30),
        ),
        (
            "A/RES/70/179",
            "Improving the coordination of efforts against trafficking in persons",
            ResolutionKind.MANDATE,
            date(2015, 12, 17),
        ),
        ("A/RES/71/287", MODALITIES_TITLE, ResolutionKind.MODALITIES, date(2017, 5, 4)),
        (
            "A/RES/72/1",
            "Political declaration on the implementation of the United Nations Global Plan of "
            "Action to Combat Trafficking in Persons",
            ResolutionKind.DECLARATION,
            date(2017, 9, 27),
        ),
        (
            "A/RES/74/176",
            "Improving the coordination of efforts against trafficking in persons",
            ResolutionKind.MANDATE,
            date(2020, 1, 23),
        ),
    ]
    return {
        symbol: sync_object(
            Resolution,
            {"symbol": symbol},
            title=title,
            kind=kind,
            adopted_on=adopted_on,
            adoption_vote="without a vote",
            url=f"https://undocs.org/{symbol}",
        )
        for symbol, title, kind, adopted_on in resolutions
    }
