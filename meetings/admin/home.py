"""The meeting's admin home (what is due, with links to act) and the progress of long work.

Both are views of ``MeetingAdmin`` and ``MailingAdmin``; they only read (``meetings.selectors``).
"""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.enums import MessageStatus, RunStatus
from meetings.inputs import ids_from
from meetings.models import Mailing, Meeting, ProgrammeRun
from meetings.selectors import meeting_home

#: How far a generation is, shown by the bar: it is queued, then rendered, then stored.
RUN_PERCENT = {
    RunStatus.QUEUED: 10,
    RunStatus.RUNNING: 55,
    RunStatus.DONE: 100,
    RunStatus.FAILED: 100,
}


def home_view(model_admin, request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    if not model_admin.has_view_permission(request, meeting):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Meeting._meta,
        "original": meeting,
        "title": _("What is due: %(meeting)s") % {"meeting": meeting.short_title},
        "home": meeting_home(meeting=meeting),
        "progress_url": reverse("admin:meetings_meeting_progress", args=[meeting.pk]),
    }
    return TemplateResponse(request, "admin/meetings/meeting/home.html", context)


def run_state(run: ProgrammeRun) -> dict:
    """A generation as the progress bar shows it."""
    state = {
        "label": _("Programme (%(kind)s, %(language)s): %(status)s")
        % {
            "kind": run.get_kind_display().lower(),
            "language": run.language,
            "status": run.get_status_display().lower(),
        },
        "percent": RUN_PERCENT[run.status],
        "finished": run.status in (RunStatus.DONE, RunStatus.FAILED),
        "failed": run.status == RunStatus.FAILED,
        "link": "",
    }
    if run.version_id:
        state["link"] = reverse("admin:meetings_programmeversion_change", args=[run.version_id])
        state["link_text"] = _("Version %(number)s") % {"number": run.version.number}
    return state


def programme_progress(model_admin, request, pk):
    """The generations requested in the last runs of a meeting, for the bar (JSON, polled)."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if not model_admin.has_view_permission(request, meeting):
        raise PermissionDenied
    ids = ids_from(request.GET, "run")
    runs = meeting.programme_runs.select_related("version")
    runs = runs.filter(pk__in=ids) if ids else runs[:5]
    items = [{"id": run.pk, **run_state(run)} for run in runs]
    return JsonResponse({"items": items, "finished": all(i["finished"] for i in items)})


def mailing_state(mailing: Mailing) -> dict:
    """How far the sending of a mailing is: messages sent (or failed) of those sent off."""
    counts = dict.fromkeys(MessageStatus.values, 0)
    for status in mailing.messages.values_list("status", flat=True):
        counts[status] += 1
    outgoing = counts["queued"] + counts["sending"] + counts["sent"] + counts["failed"]
    done = counts["sent"] + counts["failed"]
    return {
        "id": mailing.pk,
        "label": _("Sent: %(sent)d of %(total)d · failed: %(failed)d · drafts: %(drafts)d")
        % {
            "sent": counts["sent"],
            "total": outgoing,
            "failed": counts["failed"],
            "drafts": counts["draft"],
        },
        "percent": round(100 * done / outgoing) if outgoing else 0,
        "finished": counts["queued"] + counts["sending"] == 0,  # nothing left on its way
        "failed": counts["failed"] > 0,
        "link": "",
    }


def mailing_progress(model_admin, request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    if not model_admin.has_view_permission(request, mailing):
        raise PermissionDenied
    state = mailing_state(mailing)
    return JsonResponse({"items": [state], "finished": state["finished"]})
