from datetime import datetime
from zoneinfo import ZoneInfo

from speakers.timing import Slot, project_times

NY = ZoneInfo("America/New_York")


def at(day, hour, minute=0):
    return datetime(2017, 9, day, hour, minute, tzinfo=NY)


# The plenary meetings of the 2017 HLM.
SLOTS = [
    Slot(1, at(27, 11), at(27, 13)),
    Slot(2, at(28, 10), at(28, 13)),
    Slot(3, at(28, 15), at(28, 18)),
]


def starts(timetable):
    return {
        pk: (p.slot.key if p.slot else None, p.starts_at.strftime("%d %H:%M"))
        for pk, p in timetable.projections.items()
    }


def test_statements_follow_each_other_from_the_start_of_the_first_meeting():
    timetable = project_times([(1, 5), (2, 3), (3, 3)], SLOTS)

    assert starts(timetable) == {1: (1, "27 11:00"), 2: (1, "27 11:05"), 3: (1, "27 11:08")}
    assert timetable.can_be_exhausted


def test_a_statement_that_would_run_past_a_meeting_carries_over_to_the_next():
    statements = [(pk, 3) for pk in range(1, 42)]  # 40 fill 11:00–13:00 exactly

    projections = project_times(statements, SLOTS).projections

    assert projections[40].starts_at == at(27, 12, 57)
    assert projections[41].slot.key == 2
    assert projections[41].starts_at == at(28, 10)


def test_list_longer_than_the_meetings_reports_its_overflow():
    statements = [(pk, 3) for pk in range(1, 171)]  # 480 minutes fit 160 statements

    timetable = project_times(statements, SLOTS)

    assert timetable.projections[160].slot.key == 3
    assert timetable.projections[161].overflows
    assert timetable.projections[161].starts_at == at(28, 18)
    assert timetable.overflow_minutes == 30
    assert not timetable.can_be_exhausted


def test_open_ended_last_meeting_never_overflows():
    slots = [Slot(1, at(27, 11), at(27, 13)), Slot(2, at(28, 18), None)]

    timetable = project_times([(pk, 3) for pk in range(1, 100)], slots)

    assert timetable.can_be_exhausted
    assert timetable.projections[99].slot.key == 2


def test_panel_interventions_start_after_the_chair_and_panellists():
    panel = [Slot(7, at(27, 15), at(27, 16, 30))]

    timetable = project_times([(1, 3), (2, 3)], panel, lead_in_minutes=5 + 3 * 5)

    assert starts(timetable) == {1: (7, "27 15:20"), 2: (7, "27 15:23")}


def test_no_meetings_no_projection():
    assert project_times([(1, 3)], []).projections == {}
