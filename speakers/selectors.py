"""Reads of the speakers lists: the list in order with projected times."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.enums import PUBLIC_MEETING_STATUSES, ParticipantRole, SegmentKind, WhenFixed
from meetings.formatting import moment
from meetings.models import Meeting, Segment
from meetings.programme import language_mark
from meetings.selectors import DueItem
from meetings.sql import columns, read_row
from speakers.enums import PLACED_STATUSES, InscriptionStatus, ListState
from speakers.models import Inscription, SpeakersList
from speakers.ordering import OrderRules, order_entries, positions
from speakers.timing import Projection, Slot, Timetable, project_times


@dataclass
class ListRow:
    place: int
    inscription: Inscription
    projection: Projection | None  # None for a statement already heard


@dataclass
class OrderedList:
    speakers_list: SpeakersList
    rows: list[ListRow]
    timetable: Timetable
    segments: list[Segment]

    def row_for(self, inscription_id: int) -> ListRow | None:
        return next((r for r in self.rows if r.inscription.pk == inscription_id), None)

    def segment_of(self, projection: Projection | None) -> Segment | None:
        """Return the meeting a projection falls in (None past the last one)."""
        if projection is None or projection.slot is None:
            return None
        return next(s for s in self.segments if s.pk == projection.slot.key)


def speaking_day(speakers_list: SpeakersList) -> date:
    """The day the list's statements are made: its panel's, or the meeting's first day."""
    if speakers_list.segment_id:
        return timezone.localdate(speakers_list.segment.starts_at)
    return speakers_list.meeting.starts_on


def rules_of(speakers_list: SpeakersList) -> OrderRules:
    return OrderRules(
        groups_first=speakers_list.groups_first, top_levels_equal=speakers_list.top_levels_equal
    )


def placed_inscriptions(*, speakers_list: SpeakersList) -> QuerySet[Inscription]:
    """Return the inscriptions that hold a place (inscribed or heard), with what they display."""
    return speakers_list.inscriptions.filter(status__in=PLACED_STATUSES).select_related(
        "delegation", "on_behalf_of"
    )


@dataclass(frozen=True)
class _Placed:
    """What the order of a list reads of a statement (a row, not a model: lists are long)."""

    pk: int
    category: int
    level: int
    inscribed_at: datetime
    pinned_position: int | None


def current_positions(speakers_list: SpeakersList) -> dict[int, int]:
    """Return ``{inscription pk: place}`` for the list as it stands (one query, plain rows)."""
    rows = placed_inscriptions(speakers_list=speakers_list).values_list(*_Placed.__annotations__)
    return positions(order_entries([_Placed(*row) for row in rows], rules_of(speakers_list)))


def list_segments(*, speakers_list: SpeakersList) -> list[Segment]:
    """Return the meetings the list runs across, from the one under way onward."""
    if speakers_list.segment_id:
        return [speakers_list.segment]
    segments = (
        Segment.objects.filter(meeting_id=speakers_list.meeting_id, kind=SegmentKind.PLENARY)
        .select_related("room")
        .order_by("starts_at", "position")
    )
    if speakers_list.current_segment_id:
        segments = segments.filter(starts_at__gte=speakers_list.current_segment.starts_at)
    return list(segments)


def _lead_in_minutes(speakers_list: SpeakersList) -> int:
    if not speakers_list.segment_id:
        return 0
    panellists = speakers_list.segment.participants.filter(role=ParticipantRole.PANELLIST).count()
    return speakers_list.chair_opening_minutes + panellists * speakers_list.panellist_minutes


def statement_minutes(speakers_list: SpeakersList, inscription: Inscription) -> int:
    if inscription.is_group_statement and not speakers_list.segment_id:
        return speakers_list.group_time_limit
    return speakers_list.individual_time_limit


def ordered_list(*, speakers_list: SpeakersList) -> OrderedList:
    """Return the list in speaking order, each statement still to be heard with its projection."""
    ordered = order_entries(
        placed_inscriptions(speakers_list=speakers_list), rules_of(speakers_list)
    )
    segments = list_segments(speakers_list=speakers_list)
    slots = [Slot(key=s.pk, starts_at=s.starts_at, ends_at=s.ends_at) for s in segments]
    if any(s.when_fixed != WhenFixed.TIME for s in segments):
        slots = []  # a meeting's hours are not fixed yet: no speaking time can be projected
    pending = [
        (i.pk, statement_minutes(speakers_list, i))
        for i in ordered
        if i.status == InscriptionStatus.ACTIVE
    ]
    timetable = project_times(pending, slots, lead_in_minutes=_lead_in_minutes(speakers_list))
    rows = [
        ListRow(place=place, inscription=i, projection=timetable.projections.get(i.pk))
        for place, i in enumerate(ordered, start=1)
    ]
    return OrderedList(
        speakers_list=speakers_list, rows=rows, timetable=timetable, segments=segments
    )


def lists_of_public_meetings() -> QuerySet[SpeakersList]:
    """Return the lists of the meetings shown to the public (drafts stay with staff).

    A join on the meeting's status, not a subquery of ``public_meetings()``: every request of
    the opening-minute rush reads its list through it, and the join costs a third less to
    build.
    """
    return SpeakersList.objects.filter(meeting__status__in=PUBLIC_MEETING_STATUSES)


@cache
def _public_list_sql() -> str:
    quote = connection.ops.quote_name
    statuses = ", ".join(["%s"] * len(PUBLIC_MEETING_STATUSES))
    return (  # names from the models, the values parameters
        f"SELECT {columns([('l', SpeakersList)], connection.alias)}"  # noqa: S608
        f" FROM {quote(SpeakersList._meta.db_table)} l"
        f" JOIN {quote(Meeting._meta.db_table)} m ON m.{quote('id')} = l.{quote('meeting_id')}"
        f" WHERE l.{quote('id')} = %s AND m.{quote('status')} IN ({statuses})"
    )


def public_list(pk: int) -> SpeakersList | None:
    """The list ``pk`` if its meeting is shown to the public (``lists_of_public_meetings``),
    else None: one statement written once per process and prepared once per connection
    (``meetings.sql``), as every request of the opening-minute rush reads its list."""
    found = read_row(
        "hlm_public_list",
        _public_list_sql(),
        [pk, *PUBLIC_MEETING_STATUSES],
        (SpeakersList,),
        connection.alias,
    )
    return found[0] if found else None


def lists_for_delegation(*, now: datetime) -> QuerySet[SpeakersList]:
    """Return the lists a delegation may see: those of public meetings, soonest first."""
    return (
        lists_of_public_meetings()
        .select_related("meeting", "segment", "current_segment")
        .order_by("-meeting__starts_on", "-kind", "segment__starts_at")
    )


def programme_annexes(meeting, language: str) -> list[dict]:
    """The lists of speakers of ``meeting`` as annexes of its generated programme in
    ``language``: a function typed in another language is printed as typed, marked."""
    annexes = []
    for speakers_list in meeting.speakers_lists.select_related("segment", "current_segment"):
        ordered = ordered_list(speakers_list=speakers_list)
        if not ordered.rows:
            continue
        rows = [
            {
                "place": row.place,
                "entity": row.inscription.entity_name,
                "on_behalf_of": row.inscription.capacity,
                "speaker": row.inscription.speaker_display,
                "function": row.inscription.function,
                "function_language": row.inscription.function_language,
                "mark": language_mark(row.inscription.function_language, language)
                if row.inscription.function
                else "",
                "projected": moment(row.projection.starts_at, "brief") if row.projection else "",
            }
            for row in ordered.rows
        ]
        segment = speakers_list.segment
        title = segment.title if segment else _("Plenary meetings")
        untranslated = segment and not getattr(segment, f"title_{language}", None)
        annexes.append(
            {
                "title": _("List of speakers: %(title)s") % {"title": title},
                "mark": language_mark("en", language) if untranslated else "",
                "rows": rows,
                "names": [r["entity"] for r in rows],
            }
        )
    return annexes


def due_items(*, meeting, now: datetime) -> list[DueItem]:
    """The lists of speakers of ``meeting`` as its admin home shows them: opening, closing, to
    finalize (registered in ``meetings.selectors.DUE_PROVIDERS``)."""
    section = _("Lists of speakers")
    items = []
    lists = meeting.speakers_lists.select_related("segment").annotate(
        inscribed=Count("inscriptions", filter=Q(inscriptions__status__in=PLACED_STATUSES))
    )
    for speakers_list in lists.order_by("opens_at", "pk"):
        name = speakers_list.segment.title if speakers_list.segment_id else _("Plenary meetings")
        change = reverse("admin:speakers_speakerslist_change", args=[speakers_list.pk])
        order = reverse("admin:speakers_speakerslist_order", args=[speakers_list.pk])
        state = speakers_list.state_at(now)
        if state == ListState.NOT_YET_OPEN:
            label, when, url, action = (
                _("%(list)s: opens for inscription on") % {"list": name},
                speakers_list.opens_at, change, _("Check its dates and time limits"),
            )  # fmt: skip
        elif state == ListState.OPEN:
            label, when, url, action = (
                _("%(list)s: open, inscription closes on") % {"list": name},
                speakers_list.closes_at, order, _("Order the list"),
            )  # fmt: skip
        elif state == ListState.CLOSED:
            label, when, url, action = (
                _("%(list)s: closed on") % {"list": name},
                speakers_list.closes_at, order, _("Finalize the list"),
            )  # fmt: skip
        else:
            continue
        items.append(
            DueItem(
                section=section,
                label=label,
                when=when,
                url=url,
                action=action,
                count=speakers_list.inscribed,
            )  # fmt: skip
        )
    return items


def lists_under_way(*, meeting) -> QuerySet[SpeakersList]:
    """Return the lists of ``meeting`` in which a delegation has the floor, with who it is."""
    return meeting.speakers_lists.filter(current_inscription__isnull=False).select_related(
        "segment", "current_inscription__delegation", "current_inscription__on_behalf_of"
    )
