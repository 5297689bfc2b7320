"""The read-only API of the meetings: what the public pages show, as JSON.

Every read goes through the selectors of the pages (``public_meetings`` and its
neighbours), so a meeting, a document or a programme the pages keep private is a 404 here.
"""

from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from ninja import Field, Router, Schema

from meetings.enums import RegistrationStatus
from meetings.formatting import time_range
from meetings.models import CoSponsor, Meeting, ProgrammeVersion, Segment
from meetings.selectors import programme_segments, public_documents, public_meetings
from meetings.when import when_of, when_text

router = Router(tags=["meetings"])


def absolute(url: str) -> str:
    """Return ``url`` as a full address (site paths get the site's address in front)."""
    return settings.SITE_URL + url if url.startswith("/") else url


class Translation(Schema):
    title: str | None
    short_title: str | None
    summary: str | None
    arrangements: str | None


class MandateOut(Schema):
    symbol: str | None
    title: str
    url: str


class ProgrammePdfOut(Schema):
    number: int
    kind: str
    language: str
    generated_at: datetime
    url: str


class MeetingOut(Schema):
    slug: str
    ga_session: int
    title: str
    short_title: str
    starts_on: date
    ends_on: date
    format: str
    format_label: str
    status: str
    status_label: str
    url: str
    translations: dict[str, Translation]


class MeetingDetailOut(MeetingOut):
    summary: str
    arrangements: str
    webcast_url: str
    contact_name: str
    contact_email: str
    mandates: list[MandateOut]
    background: list[MandateOut]
    programme_pdfs: list[ProgrammePdfOut]
    calendar_url: str
    session_calendar_url: str
    documents_feed_url: str


class RoomOut(Schema):
    name: str
    short_name: str
    building: str


class PersonOut(Schema):
    role: str
    role_label: str
    honorific: str
    name: str
    function: str
    organization: str
    delegation: str | None
    confirmed: bool
    display: str


class ConceptNoteOut(Schema):
    background: str
    objective: str
    questions: list[str]
    format: str
    outcome: str


class SegmentOut(Schema):
    id: int
    position: int
    kind: str
    kind_label: str
    title: str
    theme: str
    description: str
    starts_at: datetime | None = Field(
        description="The start, when the day and time are fixed (when_fixed is “time”)."
    )
    ends_at: datetime | None
    day: date | None = Field(description="The day, unless it is not fixed yet.")
    when_fixed: str = Field(description="What is fixed so far: “time”, “day” or “none”.")
    when_note: str = Field(
        description="What the record says of what is not fixed yet, in the language asked "
        "for (e.g. “In the afternoon”); empty when the day and time are fixed."
    )
    time: str = Field(description="The time as the programme prints it, or the note.")
    until_list_exhausted: bool
    room: RoomOut | None
    individual_time_limit: int | None
    group_time_limit: int | None
    participants: list[PersonOut]
    concept_note: ConceptNoteOut | None
    url: str


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    published_on: date | None
    url: str | None


class SideEventOut(Schema):
    slug: str
    title: str
    kind: str
    organizer: str
    co_sponsors: list[str]
    starts_at: datetime
    ends_at: datetime
    time: str
    room: RoomOut
    seats: int | None
    seats_left: int | None
    registration_closes_at: datetime
    url: str


def translations_of(meeting: Meeting) -> dict[str, dict]:
    """The meeting's text in each language, None where it has not been given in that language."""
    return {
        code: {
            field: getattr(meeting, f"{field}_{code}") or None
            for field in ("title", "short_title", "summary", "arrangements")
        }
        for code, _name in settings.LANGUAGES
    }


def meeting_out(meeting: Meeting) -> dict:
    return {
        "slug": meeting.slug,
        "ga_session": meeting.ga_session,
        "title": meeting.title,
        "short_title": meeting.short_title,
        "starts_on": meeting.starts_on,
        "ends_on": meeting.ends_on,
        "format": meeting.format,
        "format_label": meeting.get_format_display(),
        "status": meeting.status,
        "status_label": meeting.get_status_display(),
        "url": absolute(meeting.get_absolute_url()),
        "translations": translations_of(meeting),
    }


def room_out(room) -> dict | None:
    if room is None:
        return None
    return {"name": room.name, "short_name": room.short_name, "building": room.building}


def person_out(person) -> dict:
    display = person.display_name
    if person.function:
        display += f", {person.function}"
    if not person.confirmed:
        display += " (TBC)"
    return {
        "role": person.role,
        "role_label": person.get_role_display(),
        "honorific": person.honorific,
        "name": person.name,
        "function": person.function,
        "organization": person.organization,
        "delegation": person.delegation.name if person.delegation_id else None,
        "confirmed": person.confirmed,
        "display": display,
    }


def concept_note_out(segment: Segment) -> dict | None:
    note = getattr(segment, "concept_note", None)
    if note is None:
        return None
    return {
        "background": note.background,
        "objective": note.objective,
        "questions": note.question_list,
        "format": note.format,
        "outcome": note.outcome,
    }


def segment_out(segment: Segment) -> dict:
    when = when_of(segment)  # what is not fixed yet is not given
    return {
        "id": segment.pk,
        "position": segment.position,
        "kind": segment.kind,
        "kind_label": segment.get_kind_display(),
        "title": segment.title,
        "theme": segment.theme,
        "description": segment.description,
        "starts_at": timezone.localtime(when.starts_at) if when.starts_at else None,
        "ends_at": timezone.localtime(when.ends_at) if when.ends_at else None,
        "day": when.day,
        "when_fixed": segment.when_fixed,
        "when_note": when.note,
        "time": when_text(segment, day_format=None),
        "until_list_exhausted": segment.until_list_exhausted,
        "room": room_out(segment.room),
        "individual_time_limit": segment.individual_time_limit,
        "group_time_limit": segment.group_time_limit,
        "participants": [person_out(p) for p in segment.participants.all()],
        "concept_note": concept_note_out(segment),
        "url": absolute(segment.get_absolute_url()),
    }


def published_pdfs():
    """Only the programme versions staff published: drafts stay with staff."""
    return ProgrammeVersion.objects.filter(is_published=True).order_by("-number")


def public_meeting(slug: str) -> Meeting:
    """Return the public meeting ``slug``; a draft, like an unknown slug, is a 404."""
    return get_object_or_404(public_meetings(), slug=slug)


@router.get(
    "/meetings/",
    response=list[MeetingOut],
    summary="The public meetings, newest first",
    url_name="meetings",
)
def list_meetings(request):
    return [meeting_out(m) for m in public_meetings()]


@router.get(
    "/meetings/{slug:slug}/", response=MeetingDetailOut, summary="A meeting", url_name="meeting"
)
def get_meeting(request, slug: str):
    meeting = get_object_or_404(
        public_meetings().prefetch_related(
            "mandate_resolutions",
            "background_resolutions",
            Prefetch("programmes", to_attr="published_programmes", queryset=published_pdfs()),
        ),
        slug=slug,
    )
    return {
        **meeting_out(meeting),
        "summary": meeting.summary,
        "arrangements": meeting.arrangements,
        "webcast_url": meeting.webcast_url,
        "contact_name": meeting.contact_name,
        "contact_email": meeting.contact_email,
        "mandates": [
            {"symbol": r.symbol, "title": r.title, "url": r.url}
            for r in meeting.mandate_resolutions.all()
        ],
        "background": [
            {"symbol": r.symbol, "title": r.title, "url": r.url}
            for r in meeting.background_resolutions.all()
        ],
        "programme_pdfs": [
            {
                "number": v.number,
                "kind": v.kind,
                "language": v.language,
                "generated_at": v.generated_at,
                "url": absolute(v.get_absolute_url()),
            }
            for v in meeting.published_programmes
        ],
        "calendar_url": absolute(reverse("meetings:ical", kwargs={"slug": meeting.slug})),
        "session_calendar_url": absolute(
            reverse("meetings:session_ical", kwargs={"ga_session": meeting.ga_session})
        ),
        "documents_feed_url": absolute(
            reverse("meetings:documents_feed", kwargs={"slug": meeting.slug})
        ),
    }


@router.get(
    "/meetings/{slug:slug}/segments/",
    response=list[SegmentOut],
    summary="The programme: segments with rooms, times, chairs, panellists, concept notes",
)
def list_segments(request, slug: str):
    return [segment_out(s) for s in programme_segments(meeting=public_meeting(slug))]


@router.get(
    "/meetings/{slug:slug}/segments/{int:segment_id}/", response=SegmentOut, summary="A segment"
)
def get_segment(request, slug: str, segment_id: int):
    segment = get_object_or_404(programme_segments(meeting=public_meeting(slug)), pk=segment_id)
    return segment_out(segment)


@router.get(
    "/meetings/{slug:slug}/concept-notes/",
    response=list[SegmentOut],
    summary="The segments that have a concept note",
)
def list_concept_notes(request, slug: str):
    segments = programme_segments(meeting=public_meeting(slug)).filter(concept_note__isnull=False)
    return [segment_out(s) for s in segments]


@router.get(
    "/meetings/{slug:slug}/documents/",
    response=list[DocumentOut],
    summary="The public documents, newest first",
)
def list_documents(request, slug: str):
    return [
        {
            "id": d.pk,
            "kind": d.kind,
            "kind_label": d.get_kind_display(),
            "title": d.title,
            "published_on": d.published_on,
            "url": absolute(d.get_absolute_url()) if d.get_absolute_url() else None,
        }
        for d in public_documents(meeting=public_meeting(slug))
    ]


@router.get(
    "/meetings/{slug:slug}/side-events/",
    response=list[SideEventOut],
    summary="Published side events, with the seats left",
)
def list_side_events(request, slug: str):
    meeting = public_meeting(slug)
    events = (
        meeting.side_events.filter(is_published=True)
        .select_related("room", "organizer")
        .prefetch_related(
            Prefetch("co_sponsors", queryset=CoSponsor.objects.select_related("delegation"))
        )
        .annotate(
            seated=Count("registrations", filter=Q(registrations__status=RegistrationStatus.SEATED))
        )
        .order_by("starts_at")
    )
    return [
        {
            "slug": e.slug,
            "title": e.title,
            "kind": e.kind_label,
            "organizer": e.organizer.name,
            "co_sponsors": [c.display_name for c in e.co_sponsors.all()],
            "starts_at": timezone.localtime(e.starts_at),
            "ends_at": timezone.localtime(e.ends_at),
            "time": time_range(e.starts_at, e.ends_at),
            "room": room_out(e.room),
            "seats": e.seats,
            "seats_left": None if e.seats is None else max(e.seats - e.seated, 0),
            "registration_closes_at": timezone.localtime(e.registration_closes_at),
            "url": absolute(e.get_absolute_url()),
        }
        for e in events
    ]
