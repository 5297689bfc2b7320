"""Focal points: the accounts through which a delegation acts, created by staff."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from meetings.services import delegations
from tests.meetings.factories import DelegationFactory

pytestmark = pytest.mark.django_db


def test_create_focal_point_sends_a_working_set_password_link(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"
    delegation = DelegationFactory(name="Philippines")

    with django_capture_on_commit_callbacks(execute=True):
        focal_point = delegations.create_focal_point(
            delegation=delegation,
            email="Focal@Philippines.Example",
            first_name="Ana",
            last_name="Cruz",
        )

    assert focal_point.user.username == "focal@philippines.example"
    assert not focal_point.user.has_usable_password()
    (mail,) = mailoutbox
    assert mail.subject == "Your HLM Portal account for Philippines"
    link = next(line for line in mail.body.splitlines() if line.startswith("http://testserver/"))
    form_page = client.get(link.removeprefix("http://testserver"), follow=True)
    assert "Choose your password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-long-password-2017", "new_password2": "a-long-password-2017"},
    )
    assert response.status_code == 302
    focal_point.user.refresh_from_db()
    assert focal_point.user.check_password("a-long-password-2017")


def test_focal_point_e_mail_must_be_new():
    delegations.create_focal_point(
        delegation=DelegationFactory(), email="a@b.example", first_name="A", last_name="B"
    )

    with pytest.raises(ValidationError):
        delegations.create_focal_point(
            delegation=DelegationFactory(), email="A@B.example", first_name="A", last_name="B"
        )


def test_staff_creates_a_focal_point_in_the_admin(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    delegation = DelegationFactory(name="Georgia")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:meetings_focalpoint_add"),
            {
                "delegation": delegation.pk,
                "email": "fp@georgia.example",
                "first_name": "Nino",
                "last_name": "B",
                "function": "Counsellor",
                "language": "en",
            },
        )

    assert response.status_code == 302
    assert delegation.focal_points.get().user.email == "fp@georgia.example"
    assert mailoutbox[0].to == ["fp@georgia.example"]


def test_a_change_staff_make_to_a_focal_point_holds_from_its_next_request(client):
    """Signed in, a focal point moved to another delegation acts for that one at once, and one
    removed reaches nothing of a delegation: each request reads the focal point anew."""
    from tests.meetings.factories import FocalPointFactory

    focal_point = FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))
    client.force_login(focal_point.user)
    dashboard = reverse("speakers:dashboard")
    assert "Belgium" in client.get(dashboard).content.decode()

    focal_point.delegation = DelegationFactory(name="Chile", code="CHL")
    focal_point.save()
    page = client.get(dashboard).content.decode()
    assert "Chile" in page and "Belgium" not in page

    focal_point.delete()
    assert client.get(dashboard).status_code == 403
