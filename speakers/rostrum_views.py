"""The rostrum screen for the presiding officer and the Secretariat (staff only)."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.inputs import id_from
from meetings.selectors import public_meetings
from speakers import rostrum
from speakers.models import SpeakersList
from speakers.selectors import lists_under_way

NOW_SPEAKING_MAX_AGE = 5  # seconds: the public pages stay cached, this line follows the floor


def _list(pk) -> SpeakersList:
    return get_object_or_404(SpeakersList.objects.select_related("meeting", "segment"), pk=pk)


@staff_member_required
def screen(request, pk):
    speakers_list = _list(pk)
    return render(request, "speakers/rostrum.html", {"speakers_list": speakers_list})


@staff_member_required
def state(request, pk):
    """Polled by every open screen: they all show the same speaker and countdown."""
    return JsonResponse(rostrum.rostrum_state(speakers_list=_list(pk)).as_json())


@staff_member_required
@require_POST
def act(request, pk):
    speakers_list = _list(pk)
    action = request.POST.get("action")
    shown = id_from(request.POST, "shown")
    if action == "start":
        rostrum.start(speakers_list=speakers_list)
        changed = True
    else:
        absent = {"heard": "", "absent_end": "end", "absent_next": "next_meeting"}.get(action)
        if absent is None:
            return JsonResponse({"error": "unknown action"}, status=400)
        changed = rostrum.advance(
            speakers_list=speakers_list, shown=shown, actor=request.user, absent=absent
        )
    return JsonResponse(
        {"changed": changed, **rostrum.rostrum_state(speakers_list=speakers_list).as_json()}
    )


@staff_member_required
def statistics(request, pk):
    speakers_list = _list(pk)
    return render(
        request,
        "speakers/statistics.html",
        {"speakers_list": speakers_list, "stats": rostrum.statistics(speakers_list=speakers_list)},
    )


def now_speaking(request, slug):
    """Who has the floor in each list of a public meeting, for the line its page shows (JSON).

    Public and without times (the rostrum's countdown is for the Secretariat). The meeting's
    page is served from the cache; a script polls this small answer instead.
    """
    meeting = get_object_or_404(public_meetings(), slug=slug)
    speaking = []
    for speakers_list in lists_under_way(meeting=meeting):
        inscription = speakers_list.current_inscription
        speaking.append(
            {
                "list_id": speakers_list.pk,
                "label": _("Now speaking (%(segment)s):") % {"segment": speakers_list.segment.title}
                if speakers_list.segment
                else _("Now speaking:"),
                "delegation": inscription.entity_name,
                "on_behalf_of": inscription.on_behalf_of_text,
            }
        )
    response = JsonResponse({"speaking": speaking})
    patch_cache_control(response, public=True, max_age=NOW_SPEAKING_MAX_AGE)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
