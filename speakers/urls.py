from django.urls import path

from speakers import negotiation_views, rostrum_views, side_event_views, views

app_name = "speakers"

urlpatterns = [
    path("delegation/", views.DashboardView.as_view(), name="dashboard"),
    path("delegation/lists/<int:pk>/inscribe/", views.InscribeView.as_view(), name="inscribe"),
    path(
        "delegation/inscriptions/<int:pk>/change/",
        views.ChangeSpeakerView.as_view(),
        name="change",
    ),
    path("delegation/inscriptions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("delegation/inscriptions/<int:pk>/swap/", views.request_swap, name="request_swap"),
    path("delegation/swaps/<int:pk>/answer/", views.answer_swap, name="answer_swap"),
    path("meetings/<slug:slug>/speakers/", views.public_lists, name="public_list"),
    path(
        "delegation/drafts/<int:pk>/input/",
        negotiation_views.DraftInputView.as_view(),
        name="draft_input",
    ),
    path(
        "delegation/drafts/<int:pk>/silence/",
        negotiation_views.SilenceView.as_view(),
        name="silence",
    ),
    path("drafts/<int:pk>/compilation/", negotiation_views.compilation, name="compilation"),
    path("rostrum/<int:pk>/", rostrum_views.screen, name="rostrum"),
    path("rostrum/<int:pk>/state.json", rostrum_views.state, name="rostrum_state"),
    path("rostrum/<int:pk>/act/", rostrum_views.act, name="rostrum_act"),
    path("rostrum/<int:pk>/statistics/", rostrum_views.statistics, name="rostrum_statistics"),
    path("delegation/side-events/new/", side_event_views.EditView.as_view(), name="side_event_new"),
    path(
        "delegation/side-events/<slug:slug>/",
        side_event_views.RegisterView.as_view(),
        name="side_event_register",
    ),
    path(
        "delegation/side-events/<slug:slug>/edit/",
        side_event_views.EditView.as_view(),
        name="side_event_edit",
    ),
    path(
        "delegation/side-events/<slug:slug>/registrations/",
        side_event_views.manage,
        name="side_event_manage",
    ),
    path(
        "delegation/side-events/<slug:slug>/registrations.csv",
        side_event_views.export,
        {"what": "csv"},
        name="side_event_csv",
    ),
    path(
        "delegation/side-events/<slug:slug>/nameplates.pdf",
        side_event_views.export,
        {"what": "nameplates"},
        name="side_event_nameplates",
    ),
    path(
        "delegation/side-events/<slug:slug>/seating/",
        side_event_views.export,
        {"what": "seating"},
        name="side_event_seating",
    ),
]
