"""The Journal announcements of a meeting in the admin: preview, copy, send, what changed.

Reached from the meeting's admin page. The notices are written anew from the data on every
visit, so they always say what the data says now; each is compared with the text last sent
to the Journal's editors, and sending goes through the outbox (``meetings.journal``).
"""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from meetings.journal import changes_since, last_sent, notices_for
from meetings.models import Meeting
from meetings.services.journal import send_journal_notice


def journal_urls(model_admin) -> list:
    """The admin URL of the page, for ``MeetingAdmin.get_urls``."""
    view = model_admin.admin_site.admin_view(partial(journal_view, model_admin))
    return [path("<int:pk>/journal/", view, name="meetings_meeting_journal")]


def journal_view(model_admin, request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    if not model_admin.has_view_permission(request, meeting):
        raise PermissionDenied
    notices = notices_for(meeting)
    if request.method == "POST":
        if not model_admin.has_change_permission(request, meeting):
            raise PermissionDenied
        notice = next((n for n in notices if n.key == request.POST.get("notice")), None)
        if notice is None:
            messages.error(request, _("This notice no longer exists: the programme has changed."))
        else:
            send_journal_notice(notice=notice, actor=request.user)
            messages.success(
                request,
                _("The notice “%(label)s” is queued for the Journal's editors (%(email)s).")
                % {"label": notice.label, "email": settings.HLM_JOURNAL_EMAIL},
            )
        return redirect(request.path)
    sent = last_sent(meeting=meeting)
    rows = [
        {"notice": n, "sent": sent.get(n.key), "changes": changes_since(n, sent.get(n.key))}
        for n in notices
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Meeting._meta,
        "original": meeting,
        "title": _("Journal of the United Nations: %(meeting)s") % {"meeting": meeting},
        "rows": rows,
        "journal_email": settings.HLM_JOURNAL_EMAIL,
        "can_send": model_admin.has_change_permission(request, meeting),
    }
    return TemplateResponse(request, "admin/meetings/meeting/journal.html", context)
