"""Public pages of the meetings: the list, a meeting's page, its calendar and documents."""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update

from meetings import letters
from meetings.calendar import meeting_calendar
from meetings.formatting import page_language
from meetings.models import Document, ProgrammeVersion, Segment
from meetings.rows import (
    document_rows,
    meeting_programme,
    participants_by_segment,
    programme_item,
    segment_rows,
)
from meetings.selectors import cited_resolutions, public_documents, public_meetings
from meetings.services import mailings


class MeetingListView(ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return public_meetings()


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return public_meetings()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resolutions"] = cited_resolutions(meeting=self.object)
        segments = meeting_programme(meeting=self.object)
        context["programme"] = segments.days
        context["preparatory"] = segments.preparatory
        items = [item for day in segments.days for item in day.items]
        context["concept_notes"] = [item for item in items if item["has_concept_note"]]
        context["documents"] = document_rows(public_documents(meeting=self.object))
        # "Now speaking" is not part of the page (kept in the cache): a script fetches it.
        context["side_events"] = (
            self.object.side_events.filter(is_published=True)
            .select_related("room")
            .order_by("starts_at")  # as they are held (the admin lists the newest first)
        )
        language = page_language()
        # The newest published version in the page's language, else in English.
        context["programme_pdf"] = (
            self.object.programmes.filter(is_published=True, language__in={language, "en"})
            .order_by(Case(When(language=language, then=0), default=1), "-number")
            .first()
        )
        return context


class SegmentDetailView(DetailView):
    """A segment's page: its theme, participants and concept note."""

    template_name = "meetings/segment_detail.html"
    context_object_name = "segment"

    def get_queryset(self):
        segments = Segment.objects.filter(
            meeting__in=public_meetings(), meeting__slug=self.kwargs["slug"]
        )
        return segments.select_related("meeting", "concept_note")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        segment = self.object
        (row,) = segment_rows(Segment.objects.filter(pk=segment.pk))
        people = participants_by_segment([segment.pk]).get(segment.pk, [])
        context["item"] = programme_item(row, people, slug=segment.meeting.slug)
        return context


def meeting_ical(request, slug):
    meeting = get_object_or_404(public_meetings(), slug=slug)
    body = meeting_calendar(
        meeting=meeting,
        segments=list(meeting.segments.select_related("room").order_by("starts_at", "position")),
        site_url=settings.SITE_URL,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


def document_download(request, pk):
    """Serve a document's file: public documents to everyone, the others to staff only."""
    document = get_object_or_404(Document.objects.select_related("meeting"), pk=pk)
    visible = document.is_public and public_meetings().filter(pk=document.meeting_id).exists()
    if not document.file or not (visible or request.user.is_staff):
        raise Http404
    extension = document.file.name.rsplit(".", 1)[-1].lower()
    return FileResponse(
        document.file.open("rb"),
        as_attachment=False,
        filename=f"{slugify(document.title)[:80]}.{extension}",
    )


# The HTML a programme was printed from carries its layout in a <style> of its own (it was
# written for the printer, where no request gives a nonce): the browser applies it too.
@csp_update({"style-src": [UNSAFE_INLINE]})
def programme_pdf(request, pk, as_html=False):
    """Serve a generated programme (PDF, or the HTML it was printed from): published versions
    to everyone, the others to staff."""
    version = get_object_or_404(ProgrammeVersion.objects.select_related("meeting"), pk=pk)
    visible = version.is_published and public_meetings().filter(pk=version.meeting_id).exists()
    if not (visible or request.user.is_staff):
        raise Http404
    stored = version.html if as_html else version.pdf
    return FileResponse(
        stored.open("rb"),
        content_type="text/html; charset=utf-8" if as_html else "application/pdf",
        filename=f"{version.meeting.slug}-programme-v{version.number}-{version.language}."
        + ("html" if as_html else "pdf"),
    )


def invitation(request, token):
    """A chair's or panellist's personal link: accept or decline the invitation."""
    try:
        participant = letters.participant_from_token(token)
    except (signing.BadSignature, ObjectDoesNotExist):
        raise Http404 from None
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer in ("accept", "decline"):
            mailings.answer_invitation(participant=participant, accept=answer == "accept")
            messages.success(
                request,
                _("Thank you: your participation is confirmed.")
                if answer == "accept"
                else _("Thank you: the Office of the President is informed that you decline."),
            )
            return redirect(request.path)
    return render(request, "meetings/invitation.html", {"participant": participant})
