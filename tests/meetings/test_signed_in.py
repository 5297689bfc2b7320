"""Who a signed-in request is: the user with their focal point and its delegation, read
together on every request (``SignInBackend``), and refused once the account is closed."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from meetings.access import SignInBackend
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_focal_point_is_read_with_its_delegation_in_one_query():
    focal_point = FocalPointFactory(
        delegation=DelegationFactory(name="Belgium", code="BEL"), language="fr"
    )

    with CaptureQueriesContext(connection) as queries:
        user = SignInBackend().get_user(focal_point.user.pk)
        seen = (user.username, user.focal_point.language, user.focal_point.delegation.name)
        same = user.focal_point.user is user

    assert seen == (focal_point.user.username, "fr", "Belgium")
    assert same
    assert len(queries) == 1


def test_staff_have_no_focal_point_and_reading_so_costs_no_query():
    staff = UserFactory(is_staff=True)

    with CaptureQueriesContext(connection) as queries:
        user = SignInBackend().get_user(staff.pk)
        focal_point = getattr(user, "focal_point", None)

    assert (user, focal_point) == (staff, None)
    assert len(queries) == 1


def test_a_closed_or_removed_account_is_signed_out_on_its_next_request(client):
    focal_point = FocalPointFactory()
    client.force_login(focal_point.user)
    assert client.get(reverse("speakers:dashboard")).status_code == 200

    get_user_model().objects.filter(pk=focal_point.user.pk).update(is_active=False)
    closed = client.get(reverse("speakers:dashboard"))
    assert closed.status_code == 302 and "/accounts/login/" in closed.url
    assert SignInBackend().get_user(focal_point.user.pk) is None
    assert SignInBackend().get_user(focal_point.user.pk + 1000) is None


def test_the_signed_in_user_holds_the_same_values_as_the_orm_reads():
    """Dates with their time zone, flags as booleans, on PostgreSQL and on SQLite (``make
    run``) alike: the one statement gives what ``select_related`` would."""
    focal_point = FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))
    read = SignInBackend().get_user(focal_point.user.pk)
    expected = (
        get_user_model()
        .objects.select_related("focal_point__delegation")
        .get(pk=focal_point.user.pk)
    )

    def values(instance):
        return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}

    for mine, orm in [
        (read, expected),
        (read.focal_point, expected.focal_point),
        (read.focal_point.delegation, expected.focal_point.delegation),
    ]:
        assert values(mine) == values(orm)
    assert read.date_joined.tzinfo is not None and read.focal_point.created_at.tzinfo is not None


@pytest.mark.parametrize("language", ["en", "fr"])
def test_staff_who_sign_in_on_the_portals_page_land_in_the_admin(client, language):
    """Staff have no delegation: the delegations' sign-in page takes them to their own
    pages, the admin, not to a page refused to them."""
    staff = UserFactory(username="officer", is_staff=True)
    staff.set_password("a-long-password-2017")
    staff.save()
    client.cookies["django_language"] = language

    page = client.post(
        reverse("login"),
        {"username": "officer", "password": "a-long-password-2017"},
        follow=True,
    )

    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == reverse("admin:index")
    # A staff member who follows a delegation's link lands there too.
    assert client.get(reverse("speakers:dashboard")).url == reverse("admin:index")
