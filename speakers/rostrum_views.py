"""The rostrum screen for the presiding officer and the Secretariat (staff only)."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from meetings.inputs import id_from
from speakers import rostrum
from speakers.models import SpeakersList


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
