"""Focal points and registrations of attendance moved from the speakers app to meetings:
a database that holds them under the previous schema keeps every row, every link and
every content type when migrated forward."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from meetings.models import FocalPoint, Registration

BEFORE = [
    ("meetings", "0008_side_event_ngos"),
    ("speakers", "0004_side_event_ngos"),
    ("stakeholders", "0001_initial"),
]
NEW_YORK = ZoneInfo("America/New_York")


def before_the_move():
    """Every app at its latest migration, except ours as today's main left them."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    ours = {app for app, _name in BEFORE}
    return [node for node in leaves if node[0] not in ours] + BEFORE


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def previous_schema(transactional_db):
    """The database as today's main left it; migrated forward again whatever happens."""
    yield migrate(before_the_move())
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_populated_database_keeps_every_focal_point_and_registration(previous_schema):
    old = previous_schema
    user_model = old.get_model("auth", "User")
    delegation_model = old.get_model("meetings", "Delegation")
    belgium = delegation_model.objects.create(
        name="Belgium", code="BEL", kind="member_state", sort_key="belgium"
    )
    chile = delegation_model.objects.create(
        name="Chile", code="CHL", kind="member_state", sort_key="chile"
    )
    people = [
        user_model.objects.create(username=f"fp{i}@example.org", email=f"fp{i}@example.org")
        for i in range(3)
    ]
    old_focal_point = old.get_model("speakers", "FocalPoint")
    for user, delegation in zip(people, [belgium, belgium, chile], strict=True):
        old_focal_point.objects.create(user=user, delegation=delegation, function="Counsellor")
    starts = datetime(2027, 3, 1, 13, 15, tzinfo=NEW_YORK)
    event = old.get_model("meetings", "SideEvent").objects.create(
        title="Roundtable",
        slug="roundtable-2027-03-01",
        organizer=belgium,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        room=old.get_model("meetings", "Room").objects.create(name="Conference Room 6"),
        seats=2,
        registration_closes_at=starts - timedelta(days=1),
        contact_name="Focal point",
        contact_email="fp0@example.org",
    )
    old_registration = old.get_model("speakers", "Registration")
    old_registration.objects.create(
        side_event=event,
        delegation=belgium,
        attendee_name="A. Delegate",
        attendee_function="Counsellor",
        status="seated",
        seat=1,
        registered_by_id=people[0].pk,
    )
    old_registration.objects.create(
        side_event=event,
        delegation=chile,
        attendee_name="B. Delegate",
        attendee_function="Minister",
        status="waiting",
    )
    old_content_type = old.get_model("contenttypes", "ContentType")
    focal_point_type = old_content_type.objects.get_or_create(
        app_label="speakers", model="focalpoint"
    )[0]
    old.get_model("admin", "LogEntry").objects.create(
        user_id=people[0].pk,
        content_type_id=focal_point_type.pk,
        object_id="1",
        object_repr="fp0",
        action_flag=1,
        action_time=starts,
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    kept = FocalPoint.objects.select_related("user", "delegation").order_by("user__username")
    assert [(fp.user.email, fp.delegation.name, fp.function) for fp in kept] == [
        ("fp0@example.org", "Belgium", "Counsellor"),
        ("fp1@example.org", "Belgium", "Counsellor"),
        ("fp2@example.org", "Chile", "Counsellor"),
    ]
    assert (
        get_user_model().objects.get(username="fp2@example.org").focal_point.delegation.code
        == "CHL"
    )
    registrations = Registration.objects.filter(side_event__slug="roundtable-2027-03-01")
    assert [(r.delegation.name, r.status, r.seat, r.attendee_name) for r in registrations] == [
        ("Belgium", "seated", 1, "A. Delegate"),
        ("Chile", "waiting", None, "B. Delegate"),
    ]
    moved_type = ContentType.objects.get_for_model(FocalPoint)
    assert moved_type.pk == focal_point_type.pk  # admin history stays attached
    assert LogEntry.objects.get(object_repr="fp0").content_type == moved_type


def test_a_delegation_signed_in_before_the_release_stays_signed_in(transactional_db):
    """Sessions name the backend that signed them in; they keep working once the focal point
    is read with the user (``SignInBackend``)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client
    from django.urls import reverse

    from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory

    before = [("meetings", "0023_modalitysegment_when_fixed")]
    migrate(before)
    try:
        user = UserFactory()  # (its focal point is made below, with today's columns)
        session = SessionStore()  # as the previous release wrote it, in the database alone
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    FocalPointFactory(user=user, delegation=DelegationFactory(name="Belgium", code="BEL"))

    delegate = Client()
    delegate.cookies["sessionid"] = session.session_key
    page = delegate.get(reverse("speakers:dashboard"))

    assert page.status_code == 200
    assert "Belgium" in page.content.decode()
