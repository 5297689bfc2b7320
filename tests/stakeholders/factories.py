"""Factories of civil-society participation."""

from datetime import timedelta

from django.utils import timezone

import factory

from stakeholders.enums import ApplicationPath, ApplicationStatus, OrganizationType
from stakeholders.models import Application, CivilSocietyProcess, Representative
from tests.meetings.factories import (
    DelegationFactory,
    MeetingFactory,
)


class CivilSocietyProcessFactory(factory.django.DjangoModelFactory):
    """A call for applications open now."""

    class Meta:
        model = CivilSocietyProcess

    meeting = factory.SubFactory(MeetingFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    asks_lived_experience = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A confirmed, submitted application with one representative."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    process = factory.SubFactory(CivilSocietyProcessFactory)
    reference = factory.Sequence(lambda n: f"HLM-{n + 1:04d}")
    path = ApplicationPath.PGA_LIST
    status = ApplicationStatus.SUBMITTED
    name = factory.Sequence(lambda n: f"Organization {n}")
    country = factory.SubFactory(DelegationFactory)
    organization_type = OrganizationType.NGO
    areas_of_work = "Prevention"
    relevance = "Relevant"
    focal_point_name = "Focal Point"
    focal_point_email = factory.Sequence(lambda n: f"focal{n}@ngo.example.org")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def representatives(obj, create, extracted, **kwargs):
        if not create:
            return
        for gender in extracted or ["female"]:
            Representative.objects.create(
                application=obj, name=f"Rep of {obj.name}", title="Director", gender=gender,
                nationality=obj.country, biography="Bio", consents_to_publication=True,
            )  # fmt: skip
