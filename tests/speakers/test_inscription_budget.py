"""The inscription path stays lean in the opening-minute rush: a few SQL queries, the same on an
empty list and on a full one, and no ordering of the list in the request; the place is read
after the commit and still told to the delegation."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings import cache as page_versions
from meetings.enums import DelegationKind, MessageStatus
from meetings.models import Delegation, OutgoingMessage
from speakers import acknowledgements
from speakers.enums import ChangeKind, Level, SpeakerCategory
from speakers.models import Inscription, ListChange
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import FORM, SpeakersListFactory

pytestmark = pytest.mark.django_db

#: A signed-in focal point's POST, session and the transaction included: at most 8 statements.
#: Here the user with their focal point and delegation in one query (the session is read from
#: the cache), then the list, then the inscription with its entry in the log in one statement
#: (the test's savepoints are not counted: a server sends that statement alone, which commits).
BUDGET = 8


def fill(speakers_list, count: int) -> None:
    """``count`` States' heads of delegation already on the list, one a second."""
    delegations = Delegation.objects.bulk_create(
        Delegation(
            name=f"State {n:03d}",
            code=f"S{n:03d}",
            kind=DelegationKind.MEMBER_STATE,
            sort_key=f"state {n:03d}",
        )
        for n in range(count)
    )
    start = timezone.now() - timedelta(hours=1)
    Inscription.objects.bulk_create(
        Inscription(
            speakers_list=speakers_list,
            delegation=delegation,
            category=SpeakerCategory.STATE,
            honorific="H.E. Ms.",
            speaker_name=f"Speaker of {delegation.name}",
            function="Permanent Representative",
            level=Level.HEAD_OF_DELEGATION,
            inscribed_at=start + timedelta(seconds=n),
        )
        for n, delegation in enumerate(delegations)
    )


def server_sql(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


@pytest.mark.parametrize("already", [0, 245])
def test_an_inscription_takes_the_same_few_queries_on_an_empty_and_a_full_list(
    already, django_capture_on_commit_callbacks, mailoutbox
):
    speakers_list = SpeakersListFactory()
    fill(speakers_list, already)
    focal_point = FocalPointFactory(
        delegation=DelegationFactory(name="Belgium", code="BEL"),
        user=UserFactory(email="fp@belgium.example"),
    )
    delegate = Client()
    delegate.force_login(focal_point.user)

    with django_capture_on_commit_callbacks() as after_commit:
        with CaptureQueriesContext(connection) as queries:
            response = delegate.post(reverse("speakers:inscribe", args=[speakers_list.pk]), FORM)

    sql = server_sql(queries)
    assert response.status_code == 302
    assert len(sql) <= BUDGET, "\n".join(sql)
    # The same on an empty and on a full list (SQLite: the two rows in two INSERTs).
    assert len(sql) == (3 if connection.vendor == "postgresql" else 4), "\n".join(sql)
    assert not [q for q in sql if "django_session" in q]
    assert not [q for q in sql if q.startswith("SELECT") and "speakers_inscription" in q]
    assert not mailoutbox  # the acknowledgement leaves after the commit …

    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_commit:
            callback()

    # … and names the place: a minister speaks before the heads of delegation already there.
    inscription = Inscription.objects.get(delegation=focal_point.delegation)
    change = ListChange.objects.get(inscription=inscription)
    assert (change.kind, change.to_position) == (ChangeKind.INSCRIBED, 1)
    (mail,) = mailoutbox
    assert mail.to == ["fp@belgium.example"]
    assert "Place on the list: 1\n" in mail.body
    assert OutgoingMessage.objects.get().status == MessageStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_an_inscription_is_one_statement_that_commits_alone_and_a_double_click_adds_none(
    monkeypatch,
):
    """As the server sends them, in autocommit: no BEGIN and COMMIT around two INSERTs, but the
    inscription and its entry in the log in one statement; the second request of a double click
    fails on the constraint alone, reads the first inscription back and leaves nothing behind.
    (The worker that tells the place, asked for once committed, runs elsewhere.)"""
    if connection.vendor != "postgresql":
        pytest.fail("One statement for two rows is PostgreSQL's: run the test with `make test`.")
    asked = []
    monkeypatch.setattr(acknowledgements, "schedule", asked.append)
    speakers_list = SpeakersListFactory()
    focal_point = FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))
    delegate = Client()
    delegate.force_login(focal_point.user)
    url = reverse("speakers:inscribe", args=[speakers_list.pk])

    with CaptureQueriesContext(connection) as first:
        response = delegate.post(url, FORM)
    with CaptureQueriesContext(connection) as second:
        again = delegate.post(url, FORM)

    assert response.status_code == again.status_code == 302
    assert response["Location"] == again["Location"]  # the same inscription confirmed
    sent = [q["sql"] for q in first.captured_queries]
    assert len(sent) == 3, "\n".join(sent)
    assert sent[2].startswith("EXECUTE hlm_inscribe(")
    assert not [
        q
        for q in sent + [q["sql"] for q in second.captured_queries]
        if q in ("BEGIN", "COMMIT", "ROLLBACK")
    ]
    inscription = Inscription.objects.get(speakers_list=speakers_list)
    change = ListChange.objects.get(speakers_list=speakers_list)
    assert (change.inscription, change.kind, change.actor) == (
        inscription,
        ChangeKind.INSCRIBED,
        focal_point.user,
    )
    assert (inscription.inscribed_by, inscription.speaker_name) == (
        focal_point.user,
        "Didier Example",
    )
    assert asked == [speakers_list.pk]  # once, by the inscription's commit


def test_the_page_after_the_inscription_confirms_the_place_as_the_list_stands(
    django_capture_on_commit_callbacks,
):
    speakers_list = SpeakersListFactory()
    fill(speakers_list, 3)
    focal_point = FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))
    delegate = Client()
    delegate.force_login(focal_point.user)
    url = reverse("speakers:inscribe", args=[speakers_list.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = delegate.post(url, {**FORM, "level": Level.HEAD_OF_DELEGATION}, follow=True)
        again = delegate.post(url, {**FORM, "level": Level.HEAD_OF_DELEGATION}, follow=True)

    for page in (response, again):  # a double click lands on the same confirmation
        assert [str(m) for m in page.context["messages"]] == [
            "H.E. Mr. Didier Example is inscribed; place 4 on the list."
        ]
    assert Inscription.objects.filter(delegation=focal_point.delegation).count() == 1
    # The confirmation is the delegation's own: another inscription's id shows nothing.
    other = Inscription.objects.exclude(delegation=focal_point.delegation).first()
    page = delegate.get(reverse("speakers:dashboard"), {"inscribed": other.pk})
    assert not list(page.context["messages"])


def test_an_inscription_gives_the_public_pages_a_new_version_once_when_it_commits(
    monkeypatch, django_capture_on_commit_callbacks
):
    """One write to the cache per inscription: the pages of the meeting are given their new
    version by the commit (a visitor's page rendered before it is not served after it)."""
    speakers_list = SpeakersListFactory()
    published = []
    monkeypatch.setattr(page_versions, "_publish", published.append)
    delegate = Client()
    delegate.force_login(FocalPointFactory().user)

    with django_capture_on_commit_callbacks() as after_commit:
        response = delegate.post(reverse("speakers:inscribe", args=[speakers_list.pk]), FORM)
    assert response.status_code == 302
    assert published == []  # nothing before the commit
    for callback in after_commit:
        callback()

    (scopes,) = published  # with those of the test's own set-up, one transaction here
    assert f"meeting:{speakers_list.meeting_id}" in scopes
