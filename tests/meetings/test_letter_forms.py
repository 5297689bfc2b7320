"""The two forms of the Office's letters: the PGA's letter and the Office's note verbale."""

from datetime import date

import pytest

from meetings import letters
from meetings.enums import Audience, LetterForm, LetterKind
from meetings.models import LetterTemplate, Mailing, Meeting
from meetings.pdf import letter_pdf
from tests.meetings.factories import DocumentFactory

pytestmark = pytest.mark.django_db

ALL_MISSIONS = "the Permanent Representatives and Permanent Observers to the United Nations"


@pytest.fixture
def meeting(demo_meetings):
    return Meeting.objects.get(slug="trafficking-in-persons-2017")


def letter_mailing(meeting, template, **extra):
    return Mailing.objects.create(
        meeting=meeting, template=template, title="Letter", letter_date=date(2017, 9, 13),
        audience=Audience.MANUAL, manual_recipients="mission@example.org", **extra,
    )  # fmt: skip


def test_the_meeting_title_is_written_as_typed_not_lower_cased(meeting):
    template = LetterTemplate.objects.get(name__startswith="Draft programme and concept notes")

    _subject, text, _html = letters.preview_mailing(letter_mailing(meeting, template))

    assert (
        "organization of the High-level meeting of the General Assembly on the appraisal of the "
        "United Nations Global Plan of Action to Combat Trafficking in Persons that is scheduled"
    ) in " ".join(text.split())
    assert "united nations" not in text


def test_the_pgas_letter_has_its_letterhead_reference_signature_and_enclosures(meeting):
    template = LetterTemplate.objects.get(name__startswith="Draft programme and concept notes")
    mailing = letter_mailing(meeting, template, reference="PGA/72/2017/118")
    mailing.documents.set(
        [
            DocumentFactory(meeting=meeting, title="Draft programme"),
            DocumentFactory(meeting=meeting, title="Concept notes of the panels"),
        ]
    )

    _subject, text, html = letters.preview_mailing(mailing)

    assert text.startswith(
        "THE PRESIDENT OF THE GENERAL ASSEMBLY\n\nReference: PGA/72/2017/118\n13 September 2017\n\n"
        "Excellency,\n\nPursuant to"
    )
    assert (
        "Please accept, Excellency, the assurances of my highest consideration.\n\n"
        "Miroslav Lajčák\nPresident of the General Assembly\n\n"
    ) in text
    assert "Enclosures:\n– Concept notes of the panels\n– Draft programme\n" in text
    assert "PGA/72/2017/118" in html and "Draft programme" in html


def test_the_offices_note_verbale_is_in_the_third_person(meeting):
    template = LetterTemplate.objects.create(
        name="Note: draft programme",
        kind=LetterKind.LETTER,
        form=LetterForm.NOTE_VERBALE,
        subject="{{ meeting.short_title }}: draft programme",
        body="transmit herewith the draft programme of the {{ meeting.title }}.\n\n"
        "The programme is also on the website of the President of the General Assembly.",
        signatory_name="",
        signatory_title="",
    )
    mailing = letter_mailing(meeting, template, reference="PGA/72/NV/7")
    mailing.documents.set([DocumentFactory(meeting=meeting, title="Draft programme")])

    _subject, text, html = letters.preview_mailing(mailing)

    assert text.startswith(
        "OFFICE OF THE PRESIDENT OF THE GENERAL ASSEMBLY\n\nReference: PGA/72/NV/7\n"
        "13 September 2017\n\n"
        "The Office of the President of the General Assembly presents its compliments to "
        f"{ALL_MISSIONS} and has the honour to transmit herewith the draft programme of the "
        "High-level meeting"
    )
    assert (
        "The Office of the President of the General Assembly avails itself of this opportunity "
        f"to renew to {ALL_MISSIONS} the assurances of its highest consideration."
    ) in " ".join(text.split())
    assert "Excellency" not in text
    assert "my highest consideration" not in text and "I have the honour" not in text
    assert "Enclosure:\n– Draft programme\n" in text
    assert letter_pdf(html).startswith(b"%PDF")
