"""The two civil-society paths (DOMAIN §4; issue 12, point 4): organizations in consultative
status with ECOSOC register and are checked against the ECOSOC list; only the others go
before Member States on the proposed list."""

import html
import re

from django.urls import reverse

import pytest

from meetings.models import Meeting
from stakeholders.enums import ApplicationPath, ApplicationStatus, EcosocStatus, EntryOutcome
from stakeholders.models import AccreditedOrganization, Application, ProposedEntry
from stakeholders.services import ecosoc, proposed_lists, review
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def process():
    return CivilSocietyProcessFactory()


@pytest.fixture
def both_paths(process):
    """One organization in consultative status, registered; one applying for the PGA's list."""
    AccreditedOrganization.objects.create(
        name="Coalition for Safe Migration", ecosoc_status=EcosocStatus.SPECIAL
    )
    registration = ApplicationFactory(
        process=process, name="Coalition for Safe Migration", path=ApplicationPath.ECOSOC
    )
    application = ApplicationFactory(process=process, name="Survivors' Voices Network")
    return registration, application


def test_ecosoc_registrations_never_reach_the_proposed_list(
    process, both_paths, mailoutbox, django_capture_on_commit_callbacks
):
    registration, application = both_paths

    review.shortlist(applications=Application.objects.all())
    with django_capture_on_commit_callbacks(execute=True):
        result = ecosoc.confirm_registrations(applications=Application.objects.all())
    proposed = proposed_lists.build_proposed_list(process=process)

    registration.refresh_from_db()
    assert result == {"confirmed": ["Coalition for Safe Migration"], "not_found": []}
    assert registration.status == ApplicationStatus.REGISTERED
    assert [e.application.name for e in proposed.entries.all()] == ["Survivors' Voices Network"]
    assert [m.subject for m in mailoutbox] == [
        f"Registration {registration.reference} confirmed: {process.meeting.short_title}"
    ]
    assert "in consultative status with the Economic and Social Council" in mailoutbox[0].body


def test_a_registration_not_on_the_ecosoc_list_is_not_confirmed(process):
    registration = ApplicationFactory(
        process=process, name="Not In Consultative Status", path=ApplicationPath.ECOSOC
    )

    result = ecosoc.confirm_registrations(applications=Application.objects.all())

    registration.refresh_from_db()
    assert result == {"confirmed": [], "not_found": ["Not In Consultative Status"]}
    assert registration.status == ApplicationStatus.SUBMITTED


def test_the_public_list_shows_each_path_under_its_own_heading(client, process, both_paths):
    review.shortlist(applications=Application.objects.all())
    ecosoc.confirm_registrations(applications=Application.objects.all())
    proposed = proposed_lists.build_proposed_list(process=process)
    proposed_lists.submit_to_member_states(
        proposed_list=proposed, deadline=process.closes_at
    )  # no State to notify here

    page = text(client.get(reverse("stakeholders:public_list", args=[process.meeting.slug])))

    registered_part, _sep, proposed_part = page.partition(
        "Other organizations: the list before Member States (non-objection)"
    )
    assert "Organizations in consultative status with ECOSOC" in registered_part
    assert "Coalition for Safe Migration" in registered_part
    assert "Special consultative status" in registered_part
    assert "Survivors' Voices Network" not in registered_part
    assert "Survivors' Voices Network" in proposed_part
    assert "Coalition for Safe Migration" not in proposed_part


def test_the_demo_does_not_put_ecosoc_organizations_to_member_states(demo_meetings):
    from stakeholders.demo import load_demo_civil_society

    process = load_demo_civil_society(
        meeting=Meeting.objects.get(slug="trafficking-in-persons-2017")
    )

    ecosoc_path = process.applications.filter(path=ApplicationPath.ECOSOC)
    assert ecosoc_path.count() == 3
    assert set(ecosoc_path.values_list("status", flat=True)) == {ApplicationStatus.REGISTERED}
    assert not ProposedEntry.objects.filter(application__in=ecosoc_path).exists()
    assert ProposedEntry.objects.filter(outcome=EntryOutcome.FINAL).count() == 8
