from django.urls import path

from meetings.views import public, resolutions, side_events

app_name = "meetings"

urlpatterns = [
    path("", public.MeetingListView.as_view(), name="list"),
    path("meetings/<slug:slug>/", public.MeetingDetailView.as_view(), name="detail"),
    path("meetings/<slug:slug>/calendar.ics", public.meeting_ical, name="ical"),
    path(
        "meetings/<slug:slug>/segments/<int:pk>/",
        public.SegmentDetailView.as_view(),
        name="segment",
    ),
    path("documents/<int:pk>/", public.document_download, name="document"),
    path("programmes/<int:pk>.pdf", public.programme_pdf, name="programme_pdf"),
    path("invitations/<str:token>/", public.invitation, name="invitation"),
    # Resolutions and their negotiation
    path("resolutions/<int:pk>/", resolutions.resolution_detail, name="resolution"),
    path(
        "delegation/drafts/<int:pk>/input/",
        resolutions.DraftInputView.as_view(),
        name="draft_input",
    ),
    path("delegation/drafts/<int:pk>/silence/", resolutions.SilenceView.as_view(), name="silence"),
    path("drafts/<int:pk>/compilation/", resolutions.compilation, name="compilation"),
    # Side events
    path("side-events/<slug:slug>/", side_events.side_event, name="side_event"),
    path(
        "side-events/<slug:slug>/notice/",
        side_events.side_event,
        {"notice": "html"},
        name="side_event_notice",
    ),
    path(
        "side-events/<slug:slug>/notice.pdf",
        side_events.side_event,
        {"notice": "pdf"},
        name="side_event_notice_pdf",
    ),
    path("delegation/side-events/new/", side_events.EditView.as_view(), name="side_event_new"),
    path(
        "delegation/side-events/<slug:slug>/",
        side_events.RegisterView.as_view(),
        name="side_event_register",
    ),
    path(
        "delegation/side-events/<slug:slug>/edit/",
        side_events.EditView.as_view(),
        name="side_event_edit",
    ),
    path(
        "delegation/side-events/<slug:slug>/registrations/",
        side_events.manage,
        name="side_event_manage",
    ),
    path(
        "delegation/side-events/<slug:slug>/registrations.csv",
        side_events.export,
        {"what": "csv"},
        name="side_event_csv",
    ),
    path(
        "delegation/side-events/<slug:slug>/nameplates.pdf",
        side_events.export,
        {"what": "nameplates"},
        name="side_event_nameplates",
    ),
    path(
        "delegation/side-events/<slug:slug>/seating/",
        side_events.export,
        {"what": "seating"},
        name="side_event_seating",
    ),
]
