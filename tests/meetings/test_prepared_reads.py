"""The two reads every request of the opening-minute rush makes (the signed-in user, the list)
are planned once per database connection on PostgreSQL (``meetings.sql``), and a new
connection plans them again."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from speakers.models import Inscription
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.speakers.factories import FORM, SpeakersListFactory


def prepared_on_this_connection() -> set[str]:
    if connection.vendor != "postgresql":
        pytest.fail("Prepared statements are PostgreSQL's: run the test with `make test`.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


def signed_in_delegate():
    focal_point = FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))
    delegate = Client()
    delegate.force_login(focal_point.user)
    return delegate


@pytest.mark.django_db
def test_an_inscription_runs_its_two_reads_from_plans_made_once_per_connection():
    speakers_list = SpeakersListFactory()
    delegate = signed_in_delegate()
    url = reverse("speakers:inscribe", args=[speakers_list.pk])
    assert delegate.post(url, FORM).status_code == 302

    with CaptureQueriesContext(connection) as queries:
        again = delegate.post(url, FORM)  # a double click: the same inscription

    assert again.status_code == 302
    assert Inscription.objects.filter(speakers_list=speakers_list).count() == 1
    sql = [q["sql"] for q in queries.captured_queries]
    assert sql[0].startswith("EXECUTE hlm_signed_in_user(")
    assert sql[1].startswith("EXECUTE hlm_public_list(")
    assert not [q for q in sql if q.startswith("PREPARE")]
    assert {"hlm_signed_in_user", "hlm_public_list"} <= prepared_on_this_connection()


@pytest.mark.django_db(transaction=True)
def test_a_new_database_connection_plans_the_reads_again():
    """A connection closed (its age reached, the database restarted) takes its plans with it:
    the next request, on a new connection, is served as before."""
    speakers_list = SpeakersListFactory()
    delegate = signed_in_delegate()
    assert delegate.get(reverse("speakers:dashboard")).status_code == 200
    assert "hlm_signed_in_user" in prepared_on_this_connection()

    connection.close()
    assert delegate.get(reverse("speakers:dashboard")).status_code == 200
    response = delegate.post(reverse("speakers:inscribe", args=[speakers_list.pk]), FORM)

    assert response.status_code == 302
    assert Inscription.objects.filter(speakers_list=speakers_list).count() == 1
    assert {"hlm_signed_in_user", "hlm_public_list"} <= prepared_on_this_connection()
