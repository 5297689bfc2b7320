"""Create (or re-create) the synthetic meeting whose public list of speakers the benchmark loads.

Run from the repository root with the benchmark's environment (``bench_pages.py`` does this):
``python bench/large_list.py [--speakers 250] [--seed 2017]``.

The meeting has the slug ``bench-large-list``, the status "published", six plenary meetings
over three days (three hours each, enough for every statement to be given a projected time)
and one plenary list of speakers, open for inscription, with ``--speakers`` statements: the
195 States, the observers shipped and synthetic observer organizations (``BENCH-OBS01`` …),
the ones the demo lets speak on behalf of a group of States doing so. Every statement is
inscribed through ``speakers.services.inscribe`` as staff (``bench/statements.py``), so places,
categories and the log of changes are the portal's own. Any earlier copy is deleted first.
"""

import argparse
import random
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from common import setup_django
from statements import inscribe_plenary, plenary_list

SLUG = "bench-large-list"
NEW_YORK = ZoneInfo("America/New_York")
FIRST_DAY = date(2030, 9, 23)  # a Monday; fixed so every run renders the same projections
OPENS_AT = datetime(2026, 1, 5, 14, tzinfo=UTC)  # the list is open from then …
CLOSES_AT = datetime(2030, 9, 16, 22, tzinfo=UTC)  # … until the week before the meeting
SITTINGS = [(10, 13), (15, 18)]  # a morning and an afternoon plenary meeting each day
DAYS = 3


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", type=int, default=250, help="statements on the list [250]")
    parser.add_argument("--seed", type=int, default=2017, help="of the levels of representation")
    args = parser.parse_args(argv)
    if not 1 <= args.speakers <= 600:
        parser.error("--speakers must be between 1 and 600")
    return args


def create_large_list(*, speakers: int, seed: int):
    """Delete any earlier copy and create the meeting and its list; return the list."""
    from django.db import transaction

    from meetings.enums import MeetingStatus, SegmentKind
    from meetings.models import Meeting, Segment

    with transaction.atomic():
        Meeting.objects.filter(slug=SLUG).delete()
        meeting = Meeting.objects.create(
            title="Benchmark: high-level meeting with a long list of speakers",
            short_title="Benchmark list of speakers",
            slug=SLUG,
            ga_session=85,
            starts_on=FIRST_DAY,
            ends_on=FIRST_DAY + timedelta(days=DAYS - 1),
            status=MeetingStatus.PUBLISHED,
        )
        position = 0
        for day in range(DAYS):
            on = FIRST_DAY + timedelta(days=day)
            for start, end in SITTINGS:
                position += 1
                Segment.objects.create(
                    meeting=meeting,
                    kind=SegmentKind.PLENARY,
                    title=f"Plenary meeting {position}",
                    starts_at=datetime.combine(on, time(start), tzinfo=NEW_YORK),
                    ends_at=datetime.combine(on, time(end), tzinfo=NEW_YORK),
                    until_list_exhausted=position == DAYS * len(SITTINGS),
                    position=position,
                )
        plenary = plenary_list(meeting, opens_at=OPENS_AT, closes_at=CLOSES_AT)
    inscribe_plenary(plenary, count=speakers, rng=random.Random(seed))
    return plenary


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    setup_django()
    started = clock.perf_counter()
    plenary = create_large_list(speakers=args.speakers, seed=args.seed)
    print(
        f"{plenary.meeting.short_title} ({SLUG}): {plenary.inscriptions.count()} statements "
        f"on the plenary list, inscribed in {clock.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
