"""A list of speakers over a meeting whose time is not fixed yet ("in the afternoon") projects
no speaking time: the portal prints no time it was not given."""

import re

from django.urls import reverse

import pytest

from meetings.enums import WhenFixed
from speakers.selectors import ordered_list
from tests.meetings.factories import DelegationFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db


def test_no_projected_time_over_a_meeting_whose_time_is_not_fixed(client):
    speakers_list = SpeakersListFactory()
    speakers_list.meeting.segments.filter(position=2).update(
        when_fixed=WhenFixed.DAY, when_note_en="In the afternoon"
    )
    inscribe(speakers_list, DelegationFactory(name="Nepal"))

    rows = ordered_list(speakers_list=speakers_list).rows
    html = client.get(reverse("speakers:public_list", args=[speakers_list.meeting.slug]))
    text = " ".join(re.sub(r"<[^>]+>", " ", html.content.decode()).split())

    assert [row.projection for row in rows] == [None]
    slots = re.findall(r'data-testid="slot">(.*?)</span>', html.content.decode(), re.S)
    assert "11\u00a0a.m. – 1\u00a0p.m." in slots[0] and "in the afternoon" in slots[1]
    assert "3 p.m." not in text and "11.00" not in text
