"""Reads of the meetings domain used by the public pages, the calendar export and the admin."""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from modeltranslation.utils import build_localized_fieldname, resolution_order

from meetings.enums import (
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
from meetings.names import with_honorific


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


@dataclass(frozen=True)
class PagePerson:
    """A participant as a meeting's page prints it (read as a plain row, not a model)."""

    honorific: str
    name: str
    function: str
    organization: str
    confirmed: bool

    @property
    def display_name(self) -> str:
        return with_honorific(self.honorific, self.name)


def page_programme(*, meeting: Meeting) -> list[ProgrammeDay]:
    """The programme of ``meeting``'s page in 2 queries, whatever its size.

    The segments come with their room and concept note; their participants as plain rows
    (their function in the page's language, else in the fallback one), grouped by role.
    """
    segments = list(
        meeting.segments.select_related("room", "concept_note").order_by("starts_at", "position")
    )
    functions = [
        build_localized_fieldname("function", language)
        for language in resolution_order(get_language() or "en")
    ]
    rows = (
        Participant.objects.filter(segment__meeting=meeting)
        .order_by("position", "pk")
        .values_list(
            "segment_id", "role", "honorific", "name", "organization", "confirmed", *functions
        )
    )
    people: dict[int, dict[str, list[PagePerson]]] = {}
    for segment_id, role, honorific, name, organization, confirmed, *localized in rows:
        function = next((value for value in localized if value), "")
        person = PagePerson(honorific, name, function, organization, confirmed)
        people.setdefault(segment_id, {}).setdefault(role, []).append(person)
    days = []
    for day, day_segments in groupby(segments, key=lambda s: timezone.localdate(s.starts_at)):
        items = []
        for segment in day_segments:
            by_role = people.get(segment.pk, {})
            roles = [(role, by_role[role]) for role in ParticipantRole if role in by_role]
            items.append(ProgrammeItem(segment=segment, roles=roles))
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
