from django.urls import path

import meetings.inputs  # noqa: F401  (registers the <id:...> path converter)
from meetings import feeds
from meetings.public_cache import home_scopes, meeting_scopes, public_page
from meetings.views import public, resolutions, side_events

app_name = "meetings"

# The public pages, served from the cache for visitors (meetings.public_cache).
by_meeting = public_page(meeting_scopes)
by_home = public_page(home_scopes)

urlpatterns = [
    path("", by_home(public.MeetingListView.as_view()), name="list"),
    path("meetings/<slug:slug>/", by_meeting(public.MeetingDetailView.as_view()), name="detail"),
    path("meetings/<slug:slug>/calendar.ics", by_meeting(public.meeting_ical), name="ical"),
    path(
        "meetings/<slug:slug>/documents.atom",
        by_meeting(feeds.DocumentsFeed()),
        name="documents_feed",
    ),
    path("sessions/<id:ga_session>/calendar.ics", feeds.session_ical, name="session_ical"),
    path(
        "meetings/<slug:slug>/segments/<id:pk>/",
        by_meeting(public.SegmentDetailView.as_view()),
        name="segment",
    ),
    path("documents/<id:pk>/", public.document_download, name="document"),
    path("programmes/<id:pk>.pdf", public.programme_pdf, name="programme_pdf"),
    path("programmes/<id:pk>.html", public.programme_pdf, {"as_html": True}, name="programme_html"),
    path("invitations/<str:token>/", public.invitation, name="invitation"),
    # Resolutions and their negotiation
    path("resolutions/<id:pk>/", resolutions.resolution_detail, name="resolution"),
    path(
        "delegation/drafts/<id:pk>/input/",
        resolutions.DraftInputView.as_view(),
        name="draft_input",
    ),
    path("delegation/drafts/<id:pk>/silence/", resolutions.SilenceView.as_view(), name="silence"),
    path("drafts/<id:pk>/compilation/", resolutions.compilation, name="compilation"),
    # Side events
    path("side-events/<str:slug>/", by_home(side_events.side_event), name="side_event"),
    path(
        "side-events/<str:slug>/notice/",
        by_home(side_events.side_event),
        {"notice": "html"},
        name="side_event_notice",
    ),
    path(
        "side-events/<str:slug>/notice.pdf",
        by_home(side_events.side_event),
        {"notice": "pdf"},
        name="side_event_notice_pdf",
    ),
    path("delegation/side-events/new/", side_events.EditView.as_view(), name="side_event_new"),
    path(
        "delegation/side-events/<str:slug>/",
        side_events.RegisterView.as_view(),
        name="side_event_register",
    ),
    path(
        "delegation/side-events/<str:slug>/edit/",
        side_events.EditView.as_view(),
        name="side_event_edit",
    ),
    path(
        "delegation/side-events/<str:slug>/registrations/",
        side_events.manage,
        name="side_event_manage",
    ),
    path(
        "delegation/side-events/<str:slug>/registrations.csv",
        side_events.export,
        {"what": "csv"},
        name="side_event_csv",
    ),
    path(
        "delegation/side-events/<str:slug>/nameplates.pdf",
        side_events.export,
        {"what": "nameplates"},
        name="side_event_nameplates",
    ),
    path(
        "delegation/side-events/<str:slug>/seating/",
        side_events.export,
        {"what": "seating"},
        name="side_event_seating",
    ),
]
