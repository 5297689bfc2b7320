"""The meeting of the programme benchmark: the 2017 demo meeting copied, its lists filled.

Part of ``bench/bench_programme.py`` (see bench/README.md); imported as ``programme_meeting``.
"""

import argparse
import random
import time
from datetime import UTC, datetime

from common import DEMO_SLUG
from statements import civil_society_speaker, inscribe_plenary, plenary_list, speaker

SLUG = "bench-programme"


def copy_demo_meeting():
    """Copy the 2017 demo meeting (segments, people, concept notes) to ``SLUG``; return it."""
    from meetings.models import Meeting

    Meeting.objects.filter(slug=SLUG).delete()
    demo = Meeting.objects.get(slug=DEMO_SLUG)
    resolutions = list(demo.mandate_resolutions.all())
    segments = list(demo.segments.prefetch_related("participants").order_by("position"))
    meeting = Meeting.objects.get(pk=demo.pk)
    meeting.pk = None
    meeting._state.adding = True
    meeting.slug = SLUG
    meeting.short_title = "Benchmark: programme (2017 shape)"
    meeting.save()
    meeting.mandate_resolutions.set(resolutions)
    for segment in segments:
        people = list(segment.participants.all())
        note = getattr(segment, "concept_note", None)
        segment.pk = None
        segment._state.adding = True
        segment.meeting = meeting
        segment.save()
        for person in people:
            person.pk = None
            person._state.adding = True
            person.segment = segment
            person.save()
        if note is not None:
            note.pk = None
            note._state.adding = True
            note.segment = segment
            note.save()
    return meeting


def build_meeting(args: argparse.Namespace) -> dict:
    """Create the benchmark meeting and its speakers lists; return what it holds."""
    from meetings.enums import SegmentKind
    from speakers.demo import PANEL_INTERVENTIONS
    from speakers.enums import ListKind
    from speakers.models import SpeakersList
    from speakers.services import inscribe

    rng = random.Random(args.seed)
    started = time.perf_counter()
    meeting = copy_demo_meeting()
    opens_at = datetime(2017, 9, 13, 14, tzinfo=UTC)
    closes_at = datetime(2017, 9, 26, 22, tzinfo=UTC)
    plenary = plenary_list(meeting, opens_at=opens_at, closes_at=closes_at)
    delegations, group_statements = inscribe_plenary(plenary, count=args.speakers, rng=rng)
    by_code = {d.code: d for d in delegations}
    panel_counts = []
    panels = meeting.segments.filter(kind=SegmentKind.PANEL).order_by("starts_at")
    for number, panel in enumerate(panels, start=1):
        panel_list = SpeakersList.objects.create(
            meeting=meeting,
            kind=ListKind.PANEL,
            segment=panel,
            opens_at=opens_at,
            closes_at=closes_at,
            individual_time_limit=3,
            group_time_limit=3,
            civil_society_allowed=True,
        )
        first = [by_code[c] for c in PANEL_INTERVENTIONS.get(number, []) if c in by_code]
        others = [d for d in delegations if d not in first]
        rng.shuffle(others)
        civil_society = max(1, args.panel_speakers // 5)
        chosen = (first + others)[: args.panel_speakers - civil_society]
        for delegation in chosen:
            inscribe(
                speakers_list=panel_list,
                delegation=delegation,
                details=speaker(rng, delegation),
                actor=None,
                by_staff=True,
            )
        for n in range(1, civil_society + 1):
            organization = f"Benchmark Civil Society Organization {number}-{n}"
            inscribe(
                speakers_list=panel_list,
                delegation=None,
                organization=organization,
                details=civil_society_speaker(organization),
                actor=None,
                by_staff=True,
            )
        panel_counts.append(panel_list.inscriptions.count())
    return {
        "meeting": meeting,
        "segments": meeting.segments.count(),
        "participants": sum(s.participants.count() for s in meeting.segments.all()),
        "plenary": plenary.inscriptions.count(),
        "groups": group_statements,
        "extra_observers": sum(1 for d in delegations if d.code.startswith("BENCH-")),
        "panels": panel_counts,
        "seconds": time.perf_counter() - started,
    }
