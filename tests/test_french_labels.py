"""Names the admin lists give records ("A/RES/72/1: …", "Belgique : …") follow the page's
language: French sets a non-breaking space before the colon."""

from django.utils import translation

import pytest

from meetings.models import GroupChair, GroupOfStates
from tests.meetings.factories import DelegationFactory, ResolutionFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db


def test_record_names_set_the_colon_as_each_language_does():
    resolution = ResolutionFactory(symbol="A/RES/72/1", title="Political declaration")
    belgium = DelegationFactory(name="Belgium", name_fr="Belgique", code="BEL")
    inscription = inscribe(SpeakersListFactory(), belgium)
    chair = GroupChair.objects.create(
        group=GroupOfStates.objects.create(name="Group of 77 and China", short_name="G77"),
        delegation=belgium,
        starts_on="2026-01-01",
        ends_on="2026-12-31",
    )

    with translation.override("en"):
        english = [str(resolution), str(inscription), str(chair)]
    with translation.override("fr"):
        french = [str(resolution), str(inscription), str(chair)]

    assert english[0] == "A/RES/72/1: Political declaration"
    assert english[1].startswith("Belgium: ")
    assert french[0] == "A/RES/72/1\u00a0: Political declaration"
    assert french[1].startswith("Belgique\u00a0: ")
    assert "\u00a0: " in french[2] and ": " not in french[2].replace("\u00a0: ", "")
