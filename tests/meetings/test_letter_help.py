"""Staff writing a letter template read its help in the admin's language."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_the_letter_bodys_help_is_french_on_the_french_admin(staff_client):
    staff_client.cookies["django_language"] = "fr"

    page = staff_client.get(reverse("admin:meetings_lettertemplate_add")).content.decode()

    body_help = page[page.index('id="id_body_helptext"') :][:1200]
    assert "Les paragraphes entre" in body_help
    assert "Syntaxe des gabarits" in body_help
    assert "Django template syntax" not in body_help


def test_a_letter_written_for_a_meeting_is_previewed_with_that_meeting(demo_meetings):
    """The 2017 letters cite 2017's resolution and are signed by that year's President: their
    preview fills them in with 2017, not with the latest meeting (the demo of 2026)."""
    from meetings import letters
    from meetings.models import LetterTemplate

    template = LetterTemplate.objects.get(
        name="Draft programme and concept notes (13 September 2017)"
    )

    subject, text, _html = letters.preview_template(template)

    assert subject.startswith("HLM on trafficking in persons (2017)")
    assert "Demonstration" not in text
