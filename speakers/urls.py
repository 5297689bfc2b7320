from django.urls import path

import meetings.inputs  # noqa: F401  (registers the <id:...> path converter)
from meetings.public_cache import meeting_scopes, public_page
from speakers import rostrum_views, views

app_name = "speakers"

urlpatterns = [
    path("delegation/", views.DashboardView.as_view(), name="dashboard"),
    path("delegation/lists/<id:pk>/inscribe/", views.InscribeView.as_view(), name="inscribe"),
    path(
        "delegation/inscriptions/<id:pk>/change/",
        views.ChangeSpeakerView.as_view(),
        name="change",
    ),
    path("delegation/inscriptions/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("delegation/inscriptions/<id:pk>/swap/", views.request_swap, name="request_swap"),
    path("delegation/swaps/<id:pk>/answer/", views.answer_swap, name="answer_swap"),
    path(
        "meetings/<slug:slug>/speakers/",
        public_page(meeting_scopes)(views.public_lists),
        name="public_list",
    ),
    path(
        "meetings/<slug:slug>/now-speaking.json",
        rostrum_views.now_speaking,
        name="now_speaking",
    ),
    path("rostrum/<id:pk>/", rostrum_views.screen, name="rostrum"),
    path("rostrum/<id:pk>/state.json", rostrum_views.state, name="rostrum_state"),
    path("rostrum/<id:pk>/act/", rostrum_views.act, name="rostrum_act"),
    path("rostrum/<id:pk>/statistics/", rostrum_views.statistics, name="rostrum_statistics"),
]
