"""Reads of the meetings domain used by the public pages, the calendar export and the admin."""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from meetings.enums import (
    PUBLIC_MEETING_STATUSES,
    ParticipantRole,
)
from meetings.models import (
    Document,
    Meeting,
    Paragraph,
    Participant,
    Proposal,
    Registration,
    ResolutionDraft,
    Segment,
    SideEvent,
    collation_key,
)


def public_meetings() -> QuerySet[Meeting]:
    """Return the meetings shown to the public (drafts stay with staff), newest first."""
    return Meeting.objects.filter(status__in=PUBLIC_MEETING_STATUSES).order_by(
        "-starts_on", "title"
    )


def programme_segments(*, meeting: Meeting) -> QuerySet[Segment]:
    """Return the segments of ``meeting`` in programme order with all they display, in 2 queries."""
    return with_programme_data(meeting.segments.all())


def with_programme_data(segments: QuerySet[Segment]) -> QuerySet[Segment]:
    """Load with ``segments`` their room, concept note and participants, in programme order."""
    return (
        segments.select_related("room", "concept_note")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("delegation").order_by(
                    "position", "pk"
                ),
            )
        )
        .order_by("starts_at", "position")
    )


def public_documents(*, meeting: Meeting) -> QuerySet[Document]:
    """Return the public documents of ``meeting``, newest first, undated ones last."""
    return meeting.documents.filter(is_public=True).order_by(
        F("published_on").desc(nulls_last=True), "-pk"
    )


@dataclass
class ProgrammeItem:
    """A segment as the programme prints it, its participants grouped by role."""

    segment: Segment
    roles: list[tuple[str, list[Participant]]] = field(default_factory=list)


@dataclass
class ProgrammeDay:
    day: date
    items: list[ProgrammeItem]


def programme_item(segment: Segment) -> ProgrammeItem:
    """Return ``segment`` with its participants grouped by role, in the order of the roles."""
    participants = list(segment.participants.all())
    item = ProgrammeItem(segment=segment)
    for role in ParticipantRole:
        people = [p for p in participants if p.role == role]
        if people:
            item.roles.append((role, people))
    return item


def programme_days(segments) -> list[ProgrammeDay]:
    """Group ``segments`` (already in programme order) by the day they start on, local time."""
    days = []
    for day, day_segments in groupby(segments, key=lambda s: timezone.localdate(s.starts_at)):
        items = [programme_item(s) for s in day_segments]
        days.append(ProgrammeDay(day=day, items=items))
    return days


def compilation(*, draft: ResolutionDraft) -> QuerySet[Paragraph]:
    """The paragraphs of ``draft`` with who proposed what on each (staff, co-facilitators)."""
    return draft.paragraphs.select_related("parent").prefetch_related(
        Prefetch("proposals", queryset=Proposal.objects.select_related("delegation"))
    )


def un_order(registrations) -> list[Registration]:
    """Registrations in the UN's alphabetical order of delegations (for nameplates)."""
    return sorted(
        registrations,
        key=lambda r: r.delegation.sort_key if r.delegation_id else collation_key(r.organization),
    )


def public_side_events() -> QuerySet[SideEvent]:
    """Side events shown to the public: published, and of a meeting the public sees (if any)."""
    return SideEvent.objects.filter(is_published=True).filter(
        Q(meeting__isnull=True) | Q(meeting__status__in=PUBLIC_MEETING_STATUSES)
    )


def drafts_before_delegations() -> QuerySet[ResolutionDraft]:
    """Drafts delegations may read: of a resolution whose meeting (if any) the public sees."""
    return ResolutionDraft.objects.filter(
        Q(resolution__meeting__isnull=True)
        | Q(resolution__meeting__status__in=PUBLIC_MEETING_STATUSES)
    )
