from django.urls import path

from speakers import rostrum_views, views

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
    path("rostrum/<int:pk>/", rostrum_views.screen, name="rostrum"),
    path("rostrum/<int:pk>/state.json", rostrum_views.state, name="rostrum_state"),
    path("rostrum/<int:pk>/act/", rostrum_views.act, name="rostrum_act"),
    path("rostrum/<int:pk>/statistics/", rostrum_views.statistics, name="rostrum_statistics"),
]
