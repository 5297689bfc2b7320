"""Names and numbers as the UN writes them (issue 12, point 8)."""

import uuid
from datetime import date

import pytest

from meetings.models import Delegation, Meeting
from stakeholders.enums import ApplicationPath
from stakeholders.models import Application
from stakeholders.services import applications
from tests.meetings.factories import DelegationFactory, MeetingFactory
from tests.stakeholders.factories import CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


def unconfirmed(process, name):
    application = Application(
        process=process, path=ApplicationPath.PGA_LIST, name=name, country=DelegationFactory(),
        organization_type="ngo", areas_of_work="Protection", relevance="High",
        focal_point_name="Amina", focal_point_email="amina@svn.example.org",
        submission_key=uuid.uuid4(),
    )  # fmt: skip
    rep = applications.RepresentativeDetails(
        honorific="Ms.", name="Amina Okafor", title="Founder", gender="female",
        nationality=application.country, biography="Advocate.",
    )  # fmt: skip
    return applications.submit_application(application=application, representatives=[rep])


def test_application_references_carry_the_meetings_word_and_year():
    meeting = MeetingFactory(slug="trafficking-in-persons-2017", starts_on=date(2017, 9, 27),
                             ends_on=date(2017, 9, 28))  # fmt: skip
    process = CivilSocietyProcessFactory(meeting=meeting)

    first = applications.confirm_application(application=unconfirmed(process, "Alpha"))
    second = applications.confirm_application(application=unconfirmed(process, "Beta"))

    assert [first.reference, second.reference] == [
        "TRAFFICKING-2017-0001",
        "TRAFFICKING-2017-0002",
    ]


def test_the_order_of_malta_has_the_name_the_un_gives_it(reference_data):
    assert Delegation.objects.get(code="SMOM").name == "Sovereign Military Order of Malta"


def test_the_demo_references_carry_the_year(demo_meetings):
    from stakeholders.demo import load_demo_civil_society

    process = load_demo_civil_society(
        meeting=Meeting.objects.get(slug="trafficking-in-persons-2017")
    )

    references = list(process.applications.values_list("reference", flat=True))
    assert references[0] == "TRAFFICKING-2017-0001"
    assert all(r.startswith("TRAFFICKING-2017-") for r in references)
