"""Feeds for other systems: a session's calendar and the Atom feed of a meeting's documents.

Both read through the public pages' selectors, so a draft meeting or a private document
never appears. ETags and CORS come from ``hlm_portal.open_data``.
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meetings.calendar import segments_calendar
from meetings.models import Document, Meeting
from meetings.selectors import public_documents, public_meetings, session_segments


def session_ical(request, ga_session: int):
    """All the segments of the public meetings of a GA session, in one calendar."""
    segments = list(session_segments(ga_session=ga_session))
    if not segments:
        raise Http404
    body = segments_calendar(
        name=_("High-level meetings of the General Assembly, session %(session)s")
        % {"session": ga_session},
        segments=[(segment.meeting, segment) for segment in segments],
        site_url=settings.SITE_URL,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ga-{ga_session}-meetings.ics"'
    return response


class DocumentsFeed(Feed):
    """The public documents of a meeting, newest first, as an Atom feed."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(public_meetings(), slug=slug)

    def title(self, meeting: Meeting) -> str:
        return _("Documents: %(meeting)s") % {"meeting": meeting.short_title}

    def subtitle(self, meeting: Meeting) -> str:
        return meeting.title

    def link(self, meeting: Meeting) -> str:
        return meeting.get_absolute_url()

    def feed_guid(self, meeting: Meeting) -> str:
        return f"{settings.SITE_URL}{meeting.get_absolute_url()}#documents"

    def language(self, meeting: Meeting) -> str:
        return get_language() or settings.LANGUAGE_CODE

    def items(self, meeting: Meeting):
        return public_documents(meeting=meeting).select_related("meeting")

    def item_title(self, document: Document) -> str:
        return document.title

    def item_description(self, document: Document) -> str:
        if document.published_on:
            return f"{document.get_kind_display()}, {date_format(document.published_on, 'j F Y')}"
        return document.get_kind_display()

    def item_link(self, document: Document) -> str:
        return document.get_absolute_url() or f"{document.meeting.get_absolute_url()}#documents"

    def item_guid(self, document: Document) -> str:
        return f"{settings.SITE_URL}/documents/{document.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, document: Document) -> datetime:
        """The document's date (midnight, New York time); undated ones: when it was entered."""
        if document.published_on:
            return timezone.make_aware(datetime.combine(document.published_on, time()))
        return document.created_at

    def item_updateddate(self, document: Document) -> datetime:
        return document.updated_at

    def item_categories(self, document: Document) -> list[str]:
        return [document.get_kind_display()]
