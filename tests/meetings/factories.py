"""Factories of the meetings domain: users, delegations and focal points, rooms, meetings,
segments, participants, documents, resolutions, side events."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

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
    FocalPoint,
    Meeting,
    Participant,
    Resolution,
    Room,
    Segment,
)

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


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    delegation = factory.SubFactory(DelegationFactory)
