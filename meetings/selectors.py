"""Reads of the meetings domain used by the public pages, the calendar export and the admin."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.enums import (
    PREPARATORY_KINDS,
    PUBLIC_MEETING_STATUSES,
    DraftStage,
    InvitationResponse,
    MeetingStatus,
    MessageStatus,
    ResolutionKind,
    RunStatus,
    SilenceOutcome,
)
from meetings.models import (
    CoSponsor,
    Document,
    Meeting,
    OutgoingMessage,
    Paragraph,
    Participant,
    ProgrammeRun,
    ProgrammeVersion,
    Proposal,
    Registration,
    Resolution,
    ResolutionDraft,
    Segment,
    SideEvent,
    collation_key,
)


def public_meetings() -> QuerySet[Meeting]:
    """Return the meetings shown to the public (drafts stay with staff), newest first, each
    with ``modalities_pending``: the id of its modalities resolution while the General
    Assembly has not adopted it (its dates, format and programme are only proposed), or None.
    """
    pending = Resolution.objects.filter(
        meeting=OuterRef("pk"),
        kind=ResolutionKind.MODALITIES,
        adopted_on__isnull=True,
        symbol__isnull=True,  # an adopted resolution has its A/RES symbol
    )
    return (
        Meeting.objects.filter(status__in=PUBLIC_MEETING_STATUSES)
        .annotate(modalities_pending=Subquery(pending.values("pk")[:1]))
        .order_by("-starts_on", "title")
    )


@dataclass
class CitedResolutions:
    """The resolutions a meeting's page names, each list in the resolutions' order."""

    mandate: list[Resolution]  # that convened the meeting or decided its modalities
    background: list[Resolution]  # that it builds on
    negotiated: list[Resolution]  # its modalities or outcome, drafts included


def cited_resolutions(*, meeting: Meeting) -> CitedResolutions:
    """Return the resolutions ``meeting``'s page names, read in one query."""
    mandate = Meeting.mandate_resolutions.through.objects.filter(
        meeting=meeting.pk, resolution=OuterRef("pk")
    )
    background = Meeting.background_resolutions.through.objects.filter(
        meeting=meeting.pk, resolution=OuterRef("pk")
    )
    resolutions = Resolution.objects.annotate(
        is_mandate=Exists(mandate), is_background=Exists(background)
    ).filter(Q(is_mandate=True) | Q(is_background=True) | Q(meeting=meeting.pk))
    cited = CitedResolutions([], [], [])
    for resolution in resolutions:
        if resolution.is_mandate:
            cited.mandate.append(resolution)
        if resolution.is_background:
            cited.background.append(resolution)
        if resolution.meeting_id == meeting.pk:
            cited.negotiated.append(resolution)
    return cited


def segments_in_order(meeting: Meeting) -> QuerySet[Segment]:
    """All the segments of ``meeting``, its preparatory process included, in programme order."""
    return meeting.segments.order_by("starts_at", "position")


def programme_of(meeting: Meeting) -> QuerySet[Segment]:
    """The segments of ``meeting``'s programme, in programme order.

    The preparatory process (informal consultations, the multi-stakeholder hearing) is not
    part of the meeting's programme: its page lists them apart (``meetings.rows``).
    """
    return segments_in_order(meeting).exclude(kind__in=PREPARATORY_KINDS)


def programme_segments(*, meeting: Meeting) -> QuerySet[Segment]:
    """Return the segments of ``meeting``'s programme with all they display, in 2 queries."""
    return with_programme_data(programme_of(meeting))


def programme_participants() -> QuerySet[Participant]:
    """The participants a programme names, in their order: those who declined are not in it."""
    return Participant.objects.exclude(invitation_response=InvitationResponse.DECLINED).order_by(
        "position", "pk"
    )


def with_programme_data(segments: QuerySet[Segment]) -> QuerySet[Segment]:
    """Load with ``segments`` their room, concept note and participants, in programme order."""
    return (
        segments.select_related("room", "concept_note")
        .prefetch_related(
            Prefetch("participants", queryset=programme_participants().select_related("delegation"))
        )
        .order_by("starts_at", "position")
    )


def public_documents(*, meeting: Meeting) -> QuerySet[Document]:
    """Return the public documents of ``meeting`` in their list's order (``position``), then
    newest first, undated ones last."""
    return meeting.documents.filter(is_public=True).order_by(
        "position", F("published_on").desc(nulls_last=True), "-pk"
    )


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


# --- What is due for a meeting (the meeting's admin home) ---------------------------------------


@dataclass
class DueItem:
    """One thing staff have to watch or do for a meeting, with the page where they act."""

    section: str
    label: str
    url: str
    action: str
    when: datetime | None = None
    count: int | None = None


#: Providers of the apps built on meetings (lists of speakers, civil society), registered in
#: their ``AppConfig.ready``: ``provider(*, meeting, now) -> list[DueItem]``.
DUE_PROVIDERS: list[Callable[..., list[DueItem]]] = []


def register_due(provider: Callable[..., list[DueItem]]) -> None:
    """Add ``provider`` to the meeting's admin home (once)."""
    if provider not in DUE_PROVIDERS:
        DUE_PROVIDERS.append(provider)


@dataclass
class MeetingHome:
    meeting: Meeting
    latest_version: ProgrammeVersion | None
    published_version: ProgrammeVersion | None
    runs: list[ProgrammeRun]
    sections: list[tuple[str, list[DueItem]]]


def meeting_home(*, meeting: Meeting, now: datetime | None = None) -> MeetingHome:
    """What is due for ``meeting``, by the Office's work, with the programme's state."""
    now = now or timezone.now()
    items = [*_drafts_due(meeting, now), *_messages_due(meeting)]
    for provider in DUE_PROVIDERS:
        items.extend(provider(meeting=meeting, now=now))
    sections: dict[str, list[DueItem]] = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
    versions = meeting.programmes.order_by("-number")
    return MeetingHome(
        meeting=meeting,
        latest_version=versions.first(),
        published_version=versions.filter(is_published=True).first(),
        runs=list(meeting.programme_runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])),
        sections=list(sections.items()),
    )


def _drafts_due(meeting: Meeting, now: datetime) -> list[DueItem]:
    section = _("Resolutions and negotiation")
    items = []
    drafts = ResolutionDraft.objects.filter(resolution__meeting=meeting).select_related(
        "resolution"
    )
    for draft in drafts.filter(
        stage=DraftStage.SILENCE,
        silence_outcome__in=["", SilenceOutcome.UNDER_SILENCE],
        silence_deadline__isnull=False,  # one recorded afterwards is over
    ):
        items.append(
            DueItem(
                section=section,
                label=_("%(resolution)s: under silence until")
                % {"resolution": draft.resolution.title},
                when=draft.silence_deadline,
                count=draft.silence_breaks.count(),
                url=reverse("admin:meetings_resolutiondraft_change", args=[draft.pk]),
                action=_("Follow the silence procedure"),
            )
        )
    for draft in drafts.filter(input_deadline__gt=now):
        items.append(
            DueItem(
                section=section,
                label=_("%(resolution)s, %(draft)s: Member States' input until")
                % {"resolution": draft.resolution.title, "draft": draft.label},
                when=draft.input_deadline,
                count=draft.paragraphs.aggregate(n=Count("proposals"))["n"],
                url=reverse("meetings:compilation", args=[draft.pk]),
                action=_("Read the compilation"),
            )
        )
    return items


def _messages_due(meeting: Meeting) -> list[DueItem]:
    waiting = {MessageStatus.DRAFT, MessageStatus.QUEUED, MessageStatus.FAILED}
    counts = (
        OutgoingMessage.objects.filter(mailing__meeting=meeting, status__in=waiting)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    outbox = reverse("admin:meetings_outgoingmessage_changelist")
    return [
        DueItem(
            section=_("Letters and e-mail"),
            label=ngettext(
                "message of its mailings with the status “%(status)s”",
                "messages of its mailings with the status “%(status)s”",
                row["n"],
            )
            % {"status": MessageStatus(row["status"]).label},
            count=row["n"],
            url=f"{outbox}?mailing__meeting__id__exact={meeting.pk}&status__exact={row['status']}",
            action=_("Send or correct them")
            if row["status"] != MessageStatus.QUEUED
            else _("Watch them leave"),
        )
        for row in counts
    ]


def meetings_at_work(limit: int = 8) -> QuerySet[Meeting]:
    """The meetings staff work on, for the admin index: the latest first."""
    return Meeting.objects.exclude(status=MeetingStatus.CANCELLED).order_by("-ends_on", "title")[
        :limit
    ]


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
