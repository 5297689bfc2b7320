"""The programme marks a speaker's function with its language where it is not the programme's.

A delegation types its speaker's function in the language of the page it uses; the portal
records that language. The French programme's lists of speakers print a function typed in
English with "EN" (and count it in the note on what is still English), one typed in French
with nothing; the English programme marks a function typed in French "FR".
"""

import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from meetings.programme import programme_content
from meetings.services.programme import generate_programme
from speakers import services
from speakers.enums import Level
from speakers.models import Inscription
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.pdf import programme_text
from tests.speakers.factories import SpeakersListFactory
from tests.test_french import french_catalogue  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("french_catalogue")]

IN_ENGLISH = "Minister for Foreign Affairs"
IN_FRENCH = "Ministre des affaires étrangères"


@pytest.fixture(autouse=True)
def _english_after():
    """A request in French leaves French active in the thread: the next test starts in English."""
    yield
    translation.activate("en")


@pytest.fixture
def speakers_list(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return SpeakersListFactory()


def typed_on_the_form(speakers_list, name: str, function: str, language: str) -> Inscription:
    """A focal point inscribes its speaker on the delegation's page in ``language``."""
    focal_point = FocalPointFactory(delegation=DelegationFactory(name=f"{name} State"))
    client = Client()
    client.force_login(focal_point.user)
    form = {
        "honorific": "H.E. Mr.", "speaker_name": name, "function": function,
        "level": Level.MINISTER, "on_behalf_of": "", "gender": "male",
    }  # fmt: skip
    response = client.post(
        reverse("speakers:inscribe", args=[speakers_list.pk]), form, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 302
    return Inscription.objects.get(speaker_name=name)


def annex_rows(speakers_list, language: str) -> dict[str, str]:
    """``{speaker's name: mark}`` as the programme in ``language`` prints them."""
    with translation.override(language):
        content = programme_content(meeting=speakers_list.meeting, language=language)
    return {
        row["speaker"].split()[-1]: row["mark"]
        for annex in content["annexes"]
        for row in annex["rows"]
    }


def test_the_french_programme_marks_en_only_after_a_function_typed_in_english(speakers_list):
    typed_on_the_form(speakers_list, "Smith", IN_ENGLISH, "en")
    typed_on_the_form(speakers_list, "Dupont", IN_FRENCH, "fr")

    french, _created = generate_programme(meeting=speakers_list.meeting, language="fr")
    english, _created = generate_programme(meeting=speakers_list.meeting, language="en")

    french_text, english_text = programme_text(french), programme_text(english)
    assert f"S. E. M. Smith, {IN_ENGLISH} EN" in french_text
    assert re.search(rf"S\. E\. M\. Dupont, {IN_FRENCH} (?!EN)", french_text)
    assert "le texte anglais est imprimé (avec la mention EN)" in french_text
    assert french.content["english_parts"] >= 1
    assert f"H.E. Mr. Dupont, {IN_FRENCH} FR" in english_text
    assert re.search(rf"H\.E\. Mr\. Smith, {IN_ENGLISH} (?!EN|FR)", english_text)
    assert "Functions typed in another language are printed as typed (marked FR)." in english_text
    assert "the English text is printed (marked EN)" not in english_text


def test_the_count_of_english_parts_follows_the_functions(speakers_list):
    with translation.override("fr"):
        before = programme_content(meeting=speakers_list.meeting, language="fr")
    typed_on_the_form(speakers_list, "Dupont", IN_FRENCH, "fr")
    typed_on_the_form(speakers_list, "Smith", IN_ENGLISH, "en")
    typed_on_the_form(speakers_list, "Jones", "Permanent Representative", "en")

    with translation.override("fr"):
        after = programme_content(meeting=speakers_list.meeting, language="fr")

    assert after["english_parts"] - before["english_parts"] == 2
    assert after["other_marks"] == []


def test_a_change_of_level_keeps_the_language_a_new_function_takes_the_pages(speakers_list):
    inscription = typed_on_the_form(speakers_list, "Dupont", IN_FRENCH, "fr")
    details = services.SpeakerDetails(
        honorific="H.E. Mr.", speaker_name="Dupont", function=IN_FRENCH, level=Level.HEAD_OF_STATE
    )

    with translation.override("en"):  # the Secretariat's English page changes the level only
        services.change_speaker(inscription=inscription, details=details, actor=None)
    kept = annex_rows(speakers_list, "fr")["Dupont"]
    details.function = IN_ENGLISH
    with translation.override("en"):
        services.change_speaker(inscription=inscription, details=details, actor=None)

    assert kept == ""
    assert annex_rows(speakers_list, "fr")["Dupont"] == "EN"


def test_staff_inscribing_on_the_french_admin_site_type_in_french(speakers_list, staff_client):
    delegation = DelegationFactory(name="Belgium")
    form = {
        "speakers_list": speakers_list.pk, "delegation": delegation.pk, "organization": "",
        "honorific": "M.", "speaker_name": "Dupont", "function": IN_FRENCH,
        "level": Level.MINISTER, "on_behalf_of": "", "gender": "male",
    }  # fmt: skip

    response = staff_client.post(
        reverse("admin:speakers_inscription_add"), form, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert response.status_code == 302
    assert annex_rows(speakers_list, "fr")["Dupont"] == ""
    assert annex_rows(speakers_list, "en")["Dupont"] == "FR"


def test_the_open_data_says_in_which_language_each_function_was_typed(client, speakers_list):
    typed_on_the_form(speakers_list, "Dupont", IN_FRENCH, "fr")
    typed_on_the_form(speakers_list, "Smith", IN_ENGLISH, "en")

    lists = client.get(f"/api/v1/meetings/{speakers_list.meeting.slug}/speakers/").json()

    rows = {row["speaker"]: row for row in lists[0]["rows"]}
    assert (rows["H.E. Mr. Dupont"]["function"], rows["H.E. Mr. Dupont"]["function_language"]) == (
        IN_FRENCH,
        "fr",
    )
    assert rows["H.E. Mr. Smith"]["function_language"] == "en"


def test_the_french_public_list_marks_a_function_typed_in_english(client, speakers_list):
    typed_on_the_form(speakers_list, "Englishtyped", IN_ENGLISH, "en")
    typed_on_the_form(speakers_list, "Frenchtyped", IN_FRENCH, "fr")
    url = reverse("speakers:public_list", args=[speakers_list.meeting.slug])

    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'<span lang="en">{IN_ENGLISH}</span>' in french
    assert IN_FRENCH in french and f">{IN_FRENCH}</span>" not in french
    assert f'<span lang="fr">{IN_FRENCH}</span>' in english
