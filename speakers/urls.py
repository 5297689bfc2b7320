from django.urls import path

from speakers import negotiation_views, views

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
]
