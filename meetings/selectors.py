"""Reads of the meetings domain used by the public pages, the calendar export and the admin."""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from meetings.enums import (
    PREPARATORY_KINDS,
    PUBLIC_MEETING_STATUSES,
    ParticipantRole,
)
from meetings.models import (
    CoSponsor,
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
    """Return the segments of ``meeting`` in programme order with all they display, in 2 queries.

    The preparatory process (informal consultations, the multi-stakeholder hearing) is not
    part of the meeting's programme: see ``preparatory_segments``.
    """
    return with_programme_data(meeting.segments.exclude(kind__in=PREPARATORY_KINDS))


def preparatory_segments(*, meeting: Meeting) -> QuerySet[Segment]:
    """Return the consultations and hearings that prepare ``meeting``, in order of date."""
    return (
        meeting.segments.filter(kind__in=PREPARATORY_KINDS)
        .select_related("room")
        .order_by("starts_at", "position")
    )


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
    """Return the public documents of ``meeting`` in their list's order (``position``), then
    newest first, undated ones last."""
    return meeting.documents.filter(is_public=True).order_by(
        "position", F("published_on").desc(nulls_last=True), "-pk"
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
        Prefetch(
            "proposals", queryset=Proposal.objects.select_related("delegation", "on_behalf_of")
        )
    )


def general_comments(*, draft: ResolutionDraft) -> QuerySet[Proposal]:
    """The comments on ``draft`` as a whole, with their authors (staff, co-facilitators)."""
    return draft.proposals.filter(paragraph__isnull=True).select_related(
        "delegation", "on_behalf_of"
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


def co_sponsors(side_event: SideEvent) -> list[CoSponsor]:
    """The co-sponsors in the alphabetical order of their names in the active language."""
    rows = side_event.co_sponsors.select_related("delegation")
    return sorted(rows, key=lambda c: collation_key(c.display_name))


def session_segments(*, ga_session: int) -> QuerySet[Segment]:
    """Return the segments of the public meetings of a GA session, in time order, with rooms."""
    return (
        Segment.objects.filter(meeting__in=public_meetings().filter(ga_session=ga_session))
        .select_related("meeting", "room")
        .order_by("starts_at", "position")
    )
