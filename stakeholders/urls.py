from django.urls import path

import meetings.inputs  # noqa: F401  (registers the <id:...> path converter)
from stakeholders import views

app_name = "stakeholders"

urlpatterns = [
    path("meetings/<slug:slug>/civil-society/apply/", views.apply, name="apply"),
    path(
        "meetings/<slug:slug>/civil-society/check-your-email/",
        views.check_email,
        name="check_email",
    ),
    path("meetings/<slug:slug>/civil-society/", views.public_list, name="public_list"),
    path(
        "meetings/<slug:slug>/civil-society/list.csv",
        views.public_list,
        {"export": "csv"},
        name="public_list_csv",
    ),
    path(
        "meetings/<slug:slug>/civil-society/list.pdf",
        views.public_list,
        {"export": "pdf"},
        name="public_list_pdf",
    ),
    path("civil-society/confirm/<str:token>/", views.confirm, name="confirm"),
    path("civil-society/application/<str:token>/", views.status, name="status"),
    path("civil-society/application/<str:token>/edit/", views.edit, name="edit"),
    path("civil-society/documents/<id:pk>/", views.supporting_document, name="document"),
    path("delegation/civil-society/", views.objections, name="objections"),
]
