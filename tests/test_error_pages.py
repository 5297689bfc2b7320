"""A page that does not exist, is refused or fails still reads as the portal, in the reader's
language: not Django's bare English page."""

from html import unescape

from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

import pytest

from tests.meetings.factories import UserFactory

pytestmark = pytest.mark.django_db

BRAND = {"en": "Office of the President of the General Assembly",
         "fr": "Cabinet du Président de l'Assemblée générale"}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "Page not found"), ("fr", "Page introuvable")],
)
def test_an_address_that_leads_nowhere_says_so_in_the_portals_page(client, language, said):
    client.cookies["django_language"] = language

    page = client.get("/meetings/no-such-meeting/")

    html = page.content.decode()
    assert page.status_code == 404
    assert f'<html lang="{language}"' in html
    assert said in html and BRAND[language] in html
    assert f'href="{reverse("meetings:list")}"' in html


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Your account is not linked to a delegation."),
        ("fr", "Votre compte n'est rattaché à aucune délégation."),
    ],
)
def test_a_refused_page_gives_the_reason_in_the_portals_page(client, language, said):
    client.cookies["django_language"] = language
    client.force_login(UserFactory())  # neither a focal point nor staff

    page = client.get(reverse("speakers:dashboard"))

    html = unescape(page.content.decode())
    assert page.status_code == 403
    assert said in html and BRAND[language] in html


def test_a_server_error_answers_in_both_languages_without_the_request():
    page = defaults.server_error(RequestFactory().get("/"))

    html = page.content.decode()
    assert page.status_code == 500
    assert "Something went wrong on our side" in html
    assert "Une erreur s'est produite de notre côté" in html


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "The form has expired"),
        ("fr", "Le formulaire a expiré"),
    ],
)
def test_a_form_sent_without_its_token_asks_to_reload_it_in_the_readers_language(language, said):
    """A page left open past the session, then sent: say what to do, not "CSRF failed"."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = language

    page = client.post(reverse("login"), {"username": "x", "password": "y"})

    html = unescape(page.content.decode())
    assert page.status_code == 403
    assert said in html and BRAND[language] in html


def test_a_request_not_understood_answers_in_both_languages_without_the_request():
    page = defaults.bad_request(RequestFactory().get("/"), exception=None)

    html = page.content.decode()
    assert page.status_code == 400
    assert "Request not understood" in html and "Requête incomprise" in html
