from django.urls import path

from meetings import feeds, views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("meetings/<slug:slug>/calendar.ics", views.meeting_ical, name="ical"),
    path("meetings/<slug:slug>/documents.atom", feeds.DocumentsFeed(), name="documents_feed"),
    path("sessions/<int:ga_session>/calendar.ics", feeds.session_ical, name="session_ical"),
    path(
        "meetings/<slug:slug>/segments/<int:pk>/",
        views.SegmentDetailView.as_view(),
        name="segment",
    ),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("programmes/<int:pk>.pdf", views.programme_pdf, name="programme_pdf"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution"),
    path("side-events/<slug:slug>/", views.side_event, name="side_event"),
    path(
        "side-events/<slug:slug>/notice/",
        views.side_event,
        {"notice": "html"},
        name="side_event_notice",
    ),
    path(
        "side-events/<slug:slug>/notice.pdf",
        views.side_event,
        {"notice": "pdf"},
        name="side_event_notice_pdf",
    ),
]
