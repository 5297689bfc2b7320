"""The French programme marks "EN" on every text it prints in English, and on nothing else.

Its note says the English text is printed "marked EN" where no translation was entered:
a chair's, a moderator's or a panellist's function and a concept note without their
French are marked too, as the presiding officer's already was.
"""

import re

from django.utils import translation

import pytest

from meetings.enums import ParticipantRole
from meetings.models import ConceptNote
from meetings.services.programme import generate_programme
from tests.meetings.factories import ParticipantFactory, SegmentFactory
from tests.pdf import programme_text
from tests.test_french import french_catalogue  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("french_catalogue")]


@pytest.fixture(autouse=True)
def _english_after():
    yield
    translation.activate("en")


def test_functions_and_concept_notes_without_french_are_marked_en(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    panel = SegmentFactory(title="Panel", title_fr="Réunion-débat")
    ParticipantFactory(
        segment=panel, role=ParticipantRole.CHAIR, name="Ana Chair", function="Ambassador"
    )
    ParticipantFactory(
        segment=panel, role=ParticipantRole.MODERATOR, name="Bo Moderator", function="Journalist"
    )
    ParticipantFactory(segment=panel, name="Cy Expert", function="Researcher")
    ParticipantFactory(
        segment=panel, name="Di Expert", function="Researcher", function_fr="Chercheuse"
    )
    ConceptNote.objects.create(segment=panel, background="Background in English only.")

    french, _created = generate_programme(meeting=panel.meeting, language="fr")
    english, _created = generate_programme(meeting=panel.meeting, language="en")

    text = programme_text(french)
    assert "Mme Ana Chair, Ambassador EN" in text
    assert "Mme Bo Moderator, Journalist EN" in text
    assert "Mme Cy Expert, Researcher EN" in text
    assert re.search(r"Mme Di Expert, Chercheuse (?!EN)", text)
    assert "Note de cadrage : Réunion-débat EN" in text
    assert " EN" not in programme_text(english)


def test_a_segment_all_in_french_is_not_marked_en(settings, tmp_path):
    # A plenary with no theme and no description, or a panel with its theme in French: nothing of
    # theirs is printed in English, so nothing is marked.
    settings.MEDIA_ROOT = tmp_path
    plenary = SegmentFactory(title="Plenary meeting", title_fr="Séance plénière")
    SegmentFactory(
        meeting=plenary.meeting,
        title="Panel 1",
        title_fr="Réunion-débat 1",
        theme="Prevention",
        theme_fr="Prévention",
        starts_at=plenary.ends_at,
        ends_at=plenary.ends_at + (plenary.ends_at - plenary.starts_at),
    )
    SegmentFactory(
        meeting=plenary.meeting,
        title="Panel 2",
        title_fr="Réunion-débat 2",
        description="Statements in English only.",
        starts_at=plenary.ends_at + (plenary.ends_at - plenary.starts_at),
        ends_at=plenary.ends_at + 2 * (plenary.ends_at - plenary.starts_at),
    )

    french, _created = generate_programme(meeting=plenary.meeting, language="fr")

    text = programme_text(french)
    assert re.search(r"Séance plénière (?!EN)", text)
    assert re.search(r"Réunion-débat 1 (?!EN)", text)
    assert "Réunion-débat 2 EN" in text
