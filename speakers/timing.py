"""Projected speaking times: the ordered list laid over the time slots of its meetings.

Pure functions on plain values. A statement that would run past the end of a meeting
moves to the start of the next one (speakers not reached carry over); statements
after the last meeting are projected past its end and counted as overflow.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Slot:
    """A meeting the list runs in; ``ends_at`` is None for an open-ended meeting."""

    key: int
    starts_at: datetime
    ends_at: datetime | None


@dataclass(frozen=True)
class Projection:
    slot: Slot | None  # None: after the last meeting decided
    starts_at: datetime

    @property
    def overflows(self) -> bool:
        return self.slot is None


@dataclass
class Timetable:
    projections: dict[int, Projection] = field(default_factory=dict)
    overflow_minutes: int = 0

    @property
    def can_be_exhausted(self) -> bool:
        return self.overflow_minutes == 0


def project_times(
    statements: Sequence[tuple[int, int]],
    slots: Sequence[Slot],
    *,
    lead_in_minutes: int = 0,
) -> Timetable:
    """Project a start time for each ``(pk, minutes)`` statement, in the order given.

    ``lead_in_minutes`` is taken at the start of the first slot before the list
    (a panel chair's opening and the panellists' presentations).
    """
    timetable = Timetable()
    if not slots:
        return timetable
    index = 0
    cursor = slots[0].starts_at + timedelta(minutes=lead_in_minutes)
    last_end = slots[-1].ends_at
    for pk, minutes in statements:
        duration = timedelta(minutes=minutes)
        while index < len(slots):
            end = slots[index].ends_at
            if end is None or cursor + duration <= end:
                break
            index += 1
            if index < len(slots):
                cursor = max(cursor, slots[index].starts_at)
        slot = slots[index] if index < len(slots) else None
        if slot is None and last_end is not None:
            cursor = max(cursor, last_end)
        timetable.projections[pk] = Projection(slot=slot, starts_at=cursor)
        cursor += duration
    if last_end is not None and index >= len(slots):
        timetable.overflow_minutes = int((cursor - last_end).total_seconds() // 60)
    return timetable
