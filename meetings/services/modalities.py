"""Set up a meeting from the modalities its resolution decides.

The modalities decide the meeting's segments and, where they say so, its preparatory
process: the informal interactive multi-stakeholder hearing (a segment of kind "hearing",
before the meeting) and the political declaration negotiated for adoption at the opening
(a resolution of kind "declaration" linked to the meeting). Apps above ``meetings`` add
their part through ``AFTER_APPLY`` (the speakers lists and their inscription windows).

Each segment written from the modalities remembers the values it was given. On a later
update a segment that staff changed by hand since (its values differ from those last
applied) is not overwritten silently: the plan shows the difference and staff choose.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from meetings.enums import MeetingStatus, ResolutionKind, SegmentKind, WhenFixed
from meetings.models import Meeting, Modalities, ModalitySegment, Resolution, Segment

#: Functions ``(modalities, meeting)`` run after the meeting is set up (speakers lists).
AFTER_APPLY: list[Callable[[Modalities, Meeting], None]] = []

#: What is not fixed yet of the day and time, and the note in each language (``meetings.when``).
WHEN_FIELDS = ("when_fixed", *(f"when_note_{code}" for code, _name in settings.LANGUAGES))
FIELDS = ("kind", "title", "theme", "description", "starts_at", "ends_at", "room_id", *WHEN_FIELDS)
#: The values of ``WHEN_FIELDS`` a segment applied before they existed had.
WHEN_DEFAULTS = {name: WhenFixed.TIME if name == "when_fixed" else "" for name in WHEN_FIELDS}
PLENARY_KINDS = (SegmentKind.PLENARY,)


def decided_values(item: ModalitySegment) -> dict:
    zone = ZoneInfo(settings.TIME_ZONE)
    starts_at = datetime.combine(item.day, item.start, tzinfo=zone)
    ends_at = datetime.combine(item.day, item.end, tzinfo=zone) if item.end else None
    return {
        "kind": item.kind,
        "title": item.title,
        "theme": item.theme,
        "description": item.description,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat() if ends_at else None,
        "room_id": item.room_id,
        **{name: getattr(item, name) or "" for name in WHEN_FIELDS},
    }


def current_values(segment: Segment) -> dict:
    return {
        "kind": segment.kind,
        "title": segment.title,
        "theme": segment.theme,
        "description": segment.description,
        "starts_at": segment.starts_at.isoformat(),
        "ends_at": segment.ends_at.isoformat() if segment.ends_at else None,
        "room_id": segment.room_id,
        **{name: getattr(segment, name) or "" for name in WHEN_FIELDS},
    }


def _normalize(values: dict) -> dict:
    """Compare datetimes as instants, whatever their time zone."""
    result = {**WHEN_DEFAULTS, **values}
    for name in ("starts_at", "ends_at"):
        if result.get(name):
            result[name] = datetime.fromisoformat(result[name]).timestamp()
    return result


@dataclass
class PlannedChange:
    item: ModalitySegment
    action: str  # "create", "update", "conflict", "keep", "unchanged"
    segment: Segment | None = None
    differences: dict = field(default_factory=dict)  # field -> (current, decided)


def plan(*, modalities: Modalities) -> list[PlannedChange]:
    """What applying the modalities would do to each segment, without doing it."""
    changes = []
    for item in modalities.segments.select_related("room"):
        decided = decided_values(item)
        segment = item.segments.first()
        if segment is None:
            changes.append(PlannedChange(item, "create"))
            continue
        current = current_values(segment)
        differences = {
            name: (current[name], decided[name])
            for name in FIELDS
            if _normalize(current)[name] != _normalize(decided)[name]
        }
        if not differences:
            action = "unchanged"
        elif _normalize(current) == _normalize(item.applied or current):
            action = "update"  # nobody touched it since: follow the modalities
        elif _normalize(decided) == _normalize(item.applied):
            action = "keep"  # changed by hand, modalities unchanged: the hand edit stays
        else:
            action = "conflict"
        changes.append(PlannedChange(item, action, segment, differences))
    return changes


def _meeting_title(modalities: Modalities) -> str:
    title = modalities.resolution.title
    for prefix in ("Modalities, format and organization of the ", "Modalities of the "):
        if title.startswith(prefix):
            title = title.removeprefix(prefix)
            return title[0].upper() + title[1:]
    return title


@transaction.atomic
def apply_modalities(*, modalities: Modalities, overwrite: set[int] = frozenset()) -> Meeting:
    """Create or update the meeting and its segments from ``modalities``.

    Conflicting segments (changed by hand and by the modalities) are overwritten only
    when their modality segment's id is in ``overwrite``; other hand edits are kept.
    """
    resolution = modalities.resolution
    meeting = resolution.meeting
    if meeting is None:
        title = _meeting_title(modalities)
        meeting = Meeting.objects.create(
            title=title,
            short_title=title[:120],
            slug=slugify(f"{title[:60]}-{modalities.starts_on.year}"),
            ga_session=0,
            starts_on=modalities.starts_on,
            ends_on=modalities.ends_on,
            status=MeetingStatus.DRAFT,
        )
        resolution.meeting = meeting
        resolution.save(update_fields=["meeting"])
    meeting.starts_on, meeting.ends_on = modalities.starts_on, modalities.ends_on
    meeting.format = modalities.format
    meeting.save(update_fields=["starts_on", "ends_on", "format", "updated_at"])

    next_position = (meeting.segments.aggregate(n=Max("position"))["n"] or 0) + 1
    for change in plan(modalities=modalities):
        item = change.item
        item.full_clean()  # e.g. the hearing before the meeting
        if change.action in ("unchanged", "keep"):
            continue
        if change.action == "conflict" and item.pk not in overwrite:
            continue
        values = decided_values(item)
        segment = change.segment or Segment(
            meeting=meeting, position=next_position, decided_by=item
        )
        if change.segment is None:
            next_position += 1
        for name in FIELDS:
            value = values[name]
            if name in ("starts_at", "ends_at") and value:
                value = datetime.fromisoformat(value)
            setattr(segment, name, value)
        if segment.kind in PLENARY_KINDS or segment.kind == SegmentKind.PANEL:
            segment.individual_time_limit = modalities.individual_time_limit
            segment.group_time_limit = (
                modalities.group_time_limit if segment.kind in PLENARY_KINDS else None
            )
        segment.full_clean()
        segment.save()
        item.applied = values
        item.save(update_fields=["applied"])
    if modalities.political_declaration:
        _add_declaration(modalities, meeting)
    for hook in AFTER_APPLY:
        hook(modalities, meeting)
    return meeting


def _add_declaration(modalities: Modalities, meeting: Meeting) -> Resolution:
    """Add the political declaration the modalities call for to the texts negotiated (once)."""
    title = modalities.declaration_title or _("Political declaration of the %(meeting)s") % {
        "meeting": meeting.title
    }
    declaration, _created = Resolution.objects.get_or_create(
        meeting=meeting, kind=ResolutionKind.DECLARATION, defaults={"title": title}
    )
    return declaration
