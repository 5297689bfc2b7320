"""The read-only API of the lists of speakers: the public lists and who is speaking now.

The rows are those of the public page (``ordered_list``): inscribed and heard statements,
in speaking order, with their projected times; withdrawn and absent ones are not listed.
"""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.cache import cache_control

from ninja import Router, Schema
from ninja.decorators import decorate_view

from meetings.selectors import public_meetings
from speakers.enums import InscriptionStatus
from speakers.selectors import lists_under_way, ordered_list

router = Router(tags=["lists of speakers"])
#: The lists move while a meeting is under way: caches keep them for seconds, not a minute.
LIVE = decorate_view(cache_control(max_age=10))


class RowOut(Schema):
    place: int
    delegation: str
    on_behalf_of: str | None
    speaker: str
    function: str
    function_language: str  # the language the function was typed in ("en", "fr")
    level: int
    level_label: str
    heard: bool
    projected_start: datetime | None
    beyond_the_meetings_decided: bool


class ListOut(Schema):
    id: int
    kind: str
    title: str
    panel_id: int | None
    state: str
    state_label: str
    can_be_exhausted: bool
    overflow_minutes: int
    rows: list[RowOut]


class SpeakingNowOut(Schema):
    list_id: int
    title: str
    delegation: str
    on_behalf_of: str | None


def list_title(speakers_list) -> str:
    """The list's heading on the page: its panel, or "Plenary meetings"."""
    if speakers_list.segment_id:
        return speakers_list.segment.title
    return str(speakers_list.get_kind_display())


def row_out(row) -> dict:
    inscription = row.inscription
    heard = inscription.status == InscriptionStatus.HEARD
    projection = None if heard else row.projection
    return {
        "place": row.place,
        "delegation": inscription.entity_name,
        "on_behalf_of": str(inscription.on_behalf_of) if inscription.on_behalf_of_id else None,
        "speaker": inscription.speaker_display,
        "function": inscription.function,
        "function_language": inscription.function_language,
        "level": inscription.level,
        "level_label": inscription.level_label,
        "heard": heard,
        "projected_start": timezone.localtime(projection.starts_at) if projection else None,
        "beyond_the_meetings_decided": bool(projection and projection.overflows),
    }


@router.get(
    "/meetings/{slug:slug}/speakers/",
    response=list[ListOut],
    summary="The provisional lists of speakers, in speaking order, with projected times",
)
@LIVE
def list_speakers(request, slug: str):
    meeting = get_object_or_404(public_meetings(), slug=slug)
    lists = []
    for speakers_list in meeting.speakers_lists.select_related("segment", "current_segment"):
        ordered = ordered_list(speakers_list=speakers_list)
        state = speakers_list.state
        lists.append(
            {
                "id": speakers_list.pk,
                "kind": speakers_list.kind,
                "title": list_title(speakers_list),
                "panel_id": speakers_list.segment_id,
                "state": state,
                "state_label": str(state.label),
                "can_be_exhausted": ordered.timetable.can_be_exhausted,
                "overflow_minutes": ordered.timetable.overflow_minutes,
                "rows": [row_out(row) for row in ordered.rows],
            }
        )
    return lists


@router.get(
    "/meetings/{slug:slug}/speaking-now/",
    response=list[SpeakingNowOut],
    summary="Who has the floor now, in each list under way",
)
@LIVE
def speaking_now(request, slug: str):
    meeting = get_object_or_404(public_meetings(), slug=slug)
    lists = lists_under_way(meeting=meeting)
    return [
        {
            "list_id": speakers_list.pk,
            "title": list_title(speakers_list),
            "delegation": speakers_list.current_inscription.entity_name,
            "on_behalf_of": str(speakers_list.current_inscription.on_behalf_of)
            if speakers_list.current_inscription.on_behalf_of_id
            else None,
        }
        for speakers_list in lists
    ]
