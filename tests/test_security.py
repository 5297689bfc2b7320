"""What the portal promises by configuration: a Content-Security-Policy the pages pass,
cookie flags, a password reset that tells nothing and cannot be used to flood a mailbox,
and limits that count each client, also behind a reverse proxy."""

import re

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from axes.models import AccessAttempt

from stakeholders.models import Application
from stakeholders.services import applications
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import SpeakersListFactory, inscribe
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory
from tests.stakeholders.test_views import form_data
from tests.test_deploy import PRODUCTION_ENV, _manage

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


# --- Content-Security-Policy ----------------------------------------------------------------


def test_every_kind_of_page_sends_a_policy_that_allows_no_inline_script_or_style(
    client, staff_user
):
    staff = Client()
    staff.force_login(staff_user)
    pages = [
        client.get(reverse("meetings:list")),
        client.get(reverse("login")),
        client.get(reverse("password_reset")),
        client.get(reverse("admin:login")),
        staff.get(reverse("admin:index")),
    ]

    for response in pages:
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in directives["style-src"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]


def test_the_pages_pass_the_policy_their_confirmations_and_language_switch_kept(client):
    delegation = DelegationFactory(name="Nepal")
    inscribe(SpeakersListFactory(), delegation)
    delegate = Client()
    delegate.force_login(FocalPointFactory(delegation=delegation).user)
    application = ApplicationFactory()
    pages = {
        "dashboard": delegate.get(reverse("speakers:dashboard")),
        "status": client.get(applications.status_url(application)),
        "home": client.get(reverse("meetings:list")),
    }

    for name, response in pages.items():
        html = response.content.decode()
        assert not re.search(r"\son[a-z]+\s*=", html), name  # inline handlers: refused by CSP
        for script in re.findall(r"<script[^>]*>", html):
            assert "src=" in script, (name, script)
    assert 'data-confirm="Withdraw this statement?"' in pages["dashboard"].content.decode()
    assert 'data-confirm="Withdraw the application?"' in pages["status"].content.decode()
    # The language switch is a link: no form, so a public page carries no CSRF token.
    assert 'href="/language/fr/?next=/" lang="fr"' in pages["home"].content.decode()


# --- cookies ----------------------------------------------------------------------------------

COOKIE = """
from django.test import Client
response = Client().post("/i18n/setlang/", {"language": "fr"}, secure=True,
                         HTTP_HOST="hlm.example.org")
print(response.cookies["django_language"].output())
"""


def test_the_language_cookie_is_secure_and_same_site_lax_in_production():
    result = _manage("shell", "-c", COOKIE, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    flags = result.stdout.strip().lower()
    assert "django_language=fr" in flags
    assert "samesite=lax" in flags
    assert "; secure" in flags


# --- password reset ---------------------------------------------------------------------------


def test_password_reset_does_the_same_work_for_a_known_and_an_unknown_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="fp@mission.example")
    url = reverse("password_reset")
    work = []
    for email in ("fp@mission.example", "nobody@mission.example"):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            response = client.post(url, {"email": email})
        work.append((response.status_code, response["Location"], len(queries), len(callbacks)))

    assert work[0] == work[1]
    assert work[0][3] == 1  # the mail, or nothing, is the queued task's business


def test_password_reset_mails_a_link_to_a_known_address_only(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="fp@mission.example")
    for email in ("fp@mission.example", "nobody@mission.example"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("password_reset"), {"email": email})

    assert [m.to for m in mailoutbox] == [["fp@mission.example"]]
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_reset_is_throttled_per_address_with_a_clear_message(client):
    url = reverse("password_reset")
    for n in range(3):
        response = client.post(url, {"email": "fp@mission.example"}, REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code == 302

    response = client.post(url, {"email": "FP@Mission.example "}, REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 429
    assert "Too many requests for a new password" in text(response)


def test_password_reset_is_throttled_per_client_address(client):
    url = reverse("password_reset")
    for n in range(10):
        assert client.post(url, {"email": f"fp{n}@mission.example"}).status_code == 302

    assert client.post(url, {"email": "other@mission.example"}).status_code == 429


def test_the_throttled_password_reset_speaks_french(client):
    url = reverse("password_reset")
    for _ in range(4):
        response = client.post(url, {"email": "fp@mission.example"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 429
    assert "Trop de demandes de nouveau mot de passe" in text(response)


# --- the client's address behind a reverse proxy ---------------------------------------------


def test_without_a_trusted_proxy_a_forwarded_header_does_not_escape_the_limit(client):
    url = reverse("password_reset")
    for n in range(10):
        forged = {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        assert client.post(url, {"email": f"fp{n}@mission.example"}, **forged).status_code == 302

    response = client.post(
        url,
        {"email": "x@mission.example"},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )

    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    url = reverse("password_reset")

    def post(email, forwarded):
        return client.post(
            url, {"email": email}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    for n in range(10):
        assert post(f"fp{n}@mission.example", "198.51.100.7") == 302

    assert post("a@mission.example", "198.51.100.7") == 429
    assert post("b@mission.example", "198.51.100.8") == 302  # another NGO behind the proxy
    # A client cannot pick its address: the proxy appends the one it saw, last.
    assert post("c@mission.example", "198.51.100.99, 198.51.100.7") == 429


def test_behind_a_trusted_proxy_failed_sign_ins_lock_out_the_client_not_the_user(
    settings, django_user_model
):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    django_user_model.objects.create_user("fp@mission.example", password="right-password-123")
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            login, {"username": "fp@mission.example", "password": "guess"},
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66",
        )  # fmt: skip

    response = Client().post(
        login, {"username": "fp@mission.example", "password": "right-password-123"},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7",
    )  # fmt: skip

    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


def test_behind_a_trusted_proxy_an_application_records_the_clients_address(client, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    apply_url = reverse("stakeholders:apply", args=[CivilSocietyProcessFactory().meeting.slug])

    client.post(
        apply_url, form_data(client, apply_url), REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )  # fmt: skip

    assert Application.objects.get().created_ip == "198.51.100.7"


# --- deployment -----------------------------------------------------------------------------


def test_check_deploy_fails_when_the_limits_would_be_counted_per_process():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "HLM_CELERY_BROKER_URL"}

    result = _manage("check", "--deploy", env=env)

    assert result.returncode != 0
    assert "hlm_portal.E001" in result.stdout + result.stderr
    assert "LocMemCache" in result.stdout + result.stderr
