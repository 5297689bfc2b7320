"""Create (or re-create) the synthetic large meeting the benchmark measures.

Run from the repository root with the benchmark's environment (``bench_pages.py`` does this):
``python bench/large_meeting.py [--segments 60] [--days 5] [--participants 8] [--documents 100]``.

The meeting has the slug ``bench-large-meeting`` and the status "published". Any earlier copy
is deleted first, so the script can run any number of times. Rows are written with
``bulk_create``: no history records, no ``full_clean``; this is load data, not a fixture. The
first document gets a 64 KiB PDF file in the media storage, so its download can be measured.
"""

import argparse
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from common import setup_django

SLUG = "bench-large-meeting"
DOCUMENT_BYTES = 64 * 1024  # the file of the first document, served by /documents/<pk>/
NEW_YORK = ZoneInfo("America/New_York")
FIRST_DAY = date(2030, 9, 16)  # a Monday; fixed so every run renders the same page
LOREM = (
    "The high-level meeting will assess progress, gaps and challenges in the implementation of "
    "the commitments made by Member States, and identify concrete actions to accelerate it."
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=60)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--participants", type=int, default=8, help="per segment")
    parser.add_argument("--documents", type=int, default=100)
    return parser.parse_args(argv)


def create_large_meeting(*, segments: int, days: int, participants: int, documents: int):
    """Delete any earlier synthetic meeting and create a new one; return it."""
    from django.db import transaction

    from meetings.enums import (
        DocumentKind,
        MeetingFormat,
        MeetingStatus,
        ParticipantRole,
        SegmentKind,
    )
    from meetings.models import (
        ConceptNote,
        Delegation,
        Document,
        Meeting,
        Participant,
        Resolution,
        Room,
        Segment,
    )

    per_day = -(-segments // days)  # ceiling division
    roles = list(ParticipantRole)
    document_kinds = list(DocumentKind)
    with transaction.atomic():
        Meeting.objects.filter(slug=SLUG).delete()
        meeting = Meeting.objects.create(
            title="Benchmark: synthetic high-level meeting of the General Assembly",
            short_title="Benchmark meeting",
            slug=SLUG,
            ga_session=85,
            starts_on=FIRST_DAY,
            ends_on=FIRST_DAY + timedelta(days=days - 1),
            format=MeetingFormat.HYBRID,
            status=MeetingStatus.PUBLISHED,
            webcast_url="https://webtv.un.org/",
            summary=LOREM,
            contact_name="Office of the President of the General Assembly",
            contact_email="pga-hlm@example.org",
        )
        meeting.mandate_resolutions.set(Resolution.objects.exclude(symbol=None)[:3])

        rooms = list(Room.objects.all()) or [
            Room.objects.create(name="Benchmark room", short_name="BR")
        ]
        delegations = list(Delegation.objects.order_by("sort_key")[:200])

        segment_rows = []
        for i in range(segments):
            day, slot = divmod(i, per_day)
            starts_at = datetime.combine(
                FIRST_DAY + timedelta(days=day), time(9), tzinfo=NEW_YORK
            ) + timedelta(minutes=45 * slot)
            kind = [SegmentKind.PLENARY, SegmentKind.PANEL][i % 2]
            if i == 0:
                kind = SegmentKind.OPENING_PLENARY
            elif i == segments - 1:
                kind = SegmentKind.CLOSING_PLENARY
            segment_rows.append(
                Segment(
                    meeting=meeting,
                    kind=kind,
                    title=f"Segment {i + 1}",
                    theme=f"Theme {i + 1}: {LOREM}",
                    description="Statements by Member States and observers.",
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=40),
                    until_list_exhausted=i % 5 == 0,
                    room=rooms[i % len(rooms)],
                    position=i + 1,
                    individual_time_limit=3,
                    group_time_limit=5,
                )
            )
        segment_rows = Segment.objects.bulk_create(segment_rows)

        ConceptNote.objects.bulk_create(
            ConceptNote(
                segment=segment,
                background=LOREM,
                objective=LOREM,
                questions="\n\n".join(f"Question {q}?" for q in range(1, 6)),
                format=LOREM,
                outcome=LOREM,
            )
            for segment in segment_rows
        )
        Participant.objects.bulk_create(
            Participant(
                segment=segment,
                role=roles[p % len(roles)],
                honorific="H.E. Ms." if p % 2 else "H.E. Mr.",
                name=f"Participant {s + 1}.{p + 1}",
                function="Minister for Foreign Affairs",
                organization="Benchmark organization" if p % 3 == 0 else "",
                delegation=delegations[(s * participants + p) % len(delegations)]
                if delegations and p % 4
                else None,
                confirmed=p % 7 != 6,
                position=p,
            )
            for s, segment in enumerate(segment_rows)
            for p in range(participants)
        )
        document_rows = Document.objects.bulk_create(
            Document(
                meeting=meeting,
                kind=document_kinds[d % len(document_kinds)],
                title=f"Benchmark document {d + 1}",
                published_on=FIRST_DAY - timedelta(days=d) if d % 10 else None,
                url=f"https://www.un.org/pga/bench/{d + 1}" if d % 2 else "",
                is_public=d % 20 != 19,
            )
            for d in range(documents)
        )
        if document_rows:
            attach_file(document_rows[0])
    return meeting


def document_pdf(size: int = DOCUMENT_BYTES) -> bytes:
    """Return a one-page PDF of about ``size`` bytes (padded with a PDF comment at the end)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body + b"%" + b"x" * max(0, size - len(body) - 2) + b"\n"


def attach_file(document) -> None:
    """Give ``document`` a PDF file in the media storage (no history row: a plain update)."""
    from django.core.files.base import ContentFile

    from meetings.models import Document

    document.file.save("bench-document.pdf", ContentFile(document_pdf()), save=False)
    Document.objects.filter(pk=document.pk).update(file=document.file.name, is_public=True)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    setup_django()
    meeting = create_large_meeting(
        segments=args.segments,
        days=args.days,
        participants=args.participants,
        documents=args.documents,
    )
    print(
        f"{meeting.short_title} ({meeting.slug}): {meeting.segments.count()} segments, "
        f"{meeting.documents.count()} documents"
    )


if __name__ == "__main__":
    main()
