"""Factories of the lists of speakers."""

from datetime import timedelta

from django.utils import timezone

import factory

from speakers import services
from speakers.enums import Level, ListKind
from speakers.models import SpeakersList
from speakers.services import SpeakerDetails
from tests.meetings.factories import (
    MeetingFactory,
    SegmentFactory,
    new_york,
)


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


def inscribe(speakers_list, delegation, level=Level.HEAD_OF_DELEGATION, group=None, **extra):
    """Inscribe through the service, as a delegation would."""
    details = SpeakerDetails(
        honorific="H.E. Ms.",
        speaker_name=extra.pop("speaker_name", f"Speaker of {delegation.name}"),
        function=extra.pop("function", "Permanent Representative"),
        level=level,
        on_behalf_of=group,
        gender=extra.pop("gender", ""),
    )
    return services.inscribe(
        speakers_list=speakers_list, delegation=delegation, details=details, actor=None, **extra
    )


#: The focal point's inscription form, as a browser sends it.
FORM = {
    "honorific": "H.E. Mr.",
    "speaker_name": "Didier Example",
    "function": "Minister for Foreign Affairs",
    "level": Level.MINISTER,
    "on_behalf_of": "",
    "gender": "male",
}
