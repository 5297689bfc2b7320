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
