from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

import pytest

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"meetings", "speakers", "stakeholders"}

REGISTERED = [model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS]


def _urls(model, user) -> list[str]:
    """The changelist, and the add page where staff may add (logs, outbox: read-only)."""
    opts = model._meta
    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    request = RequestFactory().get("/")
    request.user = user
    if admin.site._registry[model].has_add_permission(request):
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    return urls


def test_every_meetings_model_is_in_the_admin():
    assert {m.__name__ for m in REGISTERED} >= {
        "Meeting", "Segment", "Participant", "ConceptNote", "Room", "Delegation",
        "GroupOfStates", "Resolution", "ResolutionDraft", "CoFacilitator", "Document",
        "OutgoingMessage", "FocalPoint", "SpeakersList", "Inscription", "SwapRequest",
        "ListChange",
    }  # fmt: skip


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_admin_pages_render_for_staff(staff_client, staff_user, demo_lists, model):
    for url in _urls(model, staff_user):
        response = staff_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_admin_pages_are_refused_to_anonymous_users(client, staff_user, model):
    for url in _urls(model, staff_user):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_admin_is_refused_to_signed_in_users_who_are_not_staff(client, django_user_model):
    user = django_user_model.objects.create_user(username="delegate", password="x-pass-123")
    client.force_login(user)

    response = client.get(reverse("admin:meetings_meeting_changelist"))

    assert response.status_code == 302


def test_meeting_change_page_shows_its_segments_and_documents(staff_client, demo_meetings):
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")

    response = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    content = response.content.decode()
    assert "Interactive panel discussion 2" in content
    assert "Zero draft: modalities resolution" in content


def test_segment_history_page_lists_changes(staff_client, demo_meetings):
    segment = Meeting.objects.get(slug="trafficking-in-persons-2017").segments.get(position=4)

    response = staff_client.get(reverse("admin:meetings_segment_history", args=[segment.pk]))

    assert response.status_code == 200
    assert "Interactive panel discussion 1" in response.content.decode()


def test_admin_publish_action_goes_through_the_workflow(staff_client):
    scheduled = MeetingFactory(status=MeetingStatus.SCHEDULED)
    draft = MeetingFactory(status=MeetingStatus.DRAFT)

    response = staff_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish_programme", "_selected_action": [scheduled.pk, draft.pk]},
        follow=True,
    )

    scheduled.refresh_from_db()
    draft.refresh_from_db()
    assert scheduled.status == MeetingStatus.PUBLISHED
    assert draft.status == MeetingStatus.DRAFT
    messages = [str(m) for m in response.context["messages"]]
    assert "1 meeting is now “Programme published”." in messages
    assert any("from “Draft” to “Programme published”" in m for m in messages)
