from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

import factory

from meetings.enums import (
    DelegationKind,
    DocumentKind,
    MeetingStatus,
    ParticipantRole,
    RegionalGroup,
    ResolutionKind,
    SegmentKind,
)
from meetings.models import (
    Delegation,
    Document,
    Meeting,
    Participant,
    Resolution,
    Room,
    Segment,
)
from speakers import services
from speakers.enums import Level, ListKind
from speakers.models import FocalPoint, SpeakersList
from speakers.services import SpeakerDetails
from stakeholders.enums import ApplicationPath, ApplicationStatus, OrganizationType
from stakeholders.models import Application, CivilSocietyProcess, Representative

NEW_YORK = ZoneInfo("America/New_York")


def new_york(*args) -> datetime:
    return datetime(*args, tzinfo=NEW_YORK)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    name = factory.Sequence(lambda n: f"Republic of Testland {n}")
    code = factory.Sequence(lambda n: f"T{n:02d}")
    kind = DelegationKind.MEMBER_STATE
    regional_group = RegionalGroup.AFRICAN


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        django_get_or_create = ["name"]

    name = "General Assembly Hall"


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    symbol = factory.Sequence(lambda n: f"A/RES/80/{n + 1}")
    title = "Modalities of the high-level meeting"
    kind = ResolutionKind.MODALITIES


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = "High-level meeting on the appraisal of the Global Plan of Action"
    short_title = factory.Sequence(lambda n: f"HLM {n}")
    slug = factory.Sequence(lambda n: f"hlm-{n}")
    ga_session = 80
    starts_on = date(2026, 9, 28)
    ends_on = date(2026, 9, 29)
    status = MeetingStatus.PUBLISHED


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    meeting = factory.SubFactory(MeetingFactory)
    kind = SegmentKind.PLENARY
    title = factory.Sequence(lambda n: f"Plenary meeting {n}")
    position = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyAttribute(
        lambda s: new_york(
            s.meeting.starts_on.year, s.meeting.starts_on.month, s.meeting.starts_on.day, 10
        )
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at.replace(hour=13))
    room = factory.SubFactory(RoomFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    segment = factory.SubFactory(SegmentFactory)
    role = ParticipantRole.PANELLIST
    honorific = "Ms."
    name = factory.Sequence(lambda n: f"Panellist Number{n}")
    function = "Executive Director"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(MeetingFactory)
    kind = DocumentKind.LETTER
    title = factory.Sequence(lambda n: f"Letter {n}")
    published_on = date(2026, 6, 1)
    url = "https://undocs.org/A/80/1"


class SpeakersListFactory(factory.django.DjangoModelFactory):
    """An open plenary list over two plenary meetings (11:00–13:00 and 15:00–18:00)."""

    class Meta:
        model = SpeakersList
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    kind = ListKind.PLENARY
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))

    @factory.post_generation
    def plenary_meetings(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        day = obj.meeting.starts_on
        for position, (start, end) in enumerate([(11, 13), (15, 18)], start=1):
            SegmentFactory(
                meeting=obj.meeting,
                position=position,
                starts_at=new_york(day.year, day.month, day.day, start),
                ends_at=new_york(day.year, day.month, day.day, end),
            )


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    delegation = factory.SubFactory(DelegationFactory)


def inscribe(speakers_list, delegation, level=Level.HEAD_OF_DELEGATION, group=None, **extra):
    """Inscribe through the service, as a delegation would."""
    details = SpeakerDetails(
        honorific="H.E. Ms.",
        speaker_name=extra.pop("speaker_name", f"Speaker of {delegation.name}"),
        function=extra.pop("function", "Permanent Representative"),
        level=level,
        on_behalf_of=group,
    )
    return services.inscribe(
        speakers_list=speakers_list, delegation=delegation, details=details, actor=None, **extra
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
