import os

import pytest

CHROMIUM = "/usr/bin/chromium"


def require_env(name: str) -> str:
    """Return the URL of a service the test needs; fail (never skip) when it is missing."""
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set: run the suite with `make test`, which starts the services."
        )
    return value


@pytest.fixture(scope="session", autouse=True)
def _suite_runs_on_postgresql(django_db_setup, django_db_blocker):
    """``make test`` (and so CI) must run on PostgreSQL, never fall back to SQLite."""
    if os.environ.get("HLM_REQUIRE_SERVICES"):
        from django.db import connection

        assert connection.vendor == "postgresql", (
            "HLM_REQUIRE_SERVICES is set but not on PostgreSQL"
        )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate limits and cached pages counted by an earlier
    test would change what the pages answer."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: the test client leaves the language of its
    last request active in the thread, and a French request would make the next test's
    ``name="General Assembly Hall"`` look up the French column."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def reference_data(db):
    from meetings.services.delegations import load_reference_data

    return load_reference_data()


@pytest.fixture
def demo_meetings(db):
    from meetings.demo import load_demo

    return load_demo()


@pytest.fixture
def demo_lists(demo_meetings):
    """Synthetic lists of speakers laid, for the tests only, over the 2017 programme's slots
    (the demo itself lays them on no real meeting)."""
    from meetings.models import Meeting
    from speakers.demo import load_demo_lists

    return load_demo_lists(meeting=Meeting.objects.get(slug="trafficking-in-persons-2017"))


@pytest.fixture
def demo_civil_society(demo_meetings):
    """Synthetic civil-society applications laid, for the tests only, over the 2017 meeting."""
    from meetings.models import Meeting
    from stakeholders.demo import load_demo_civil_society

    return load_demo_civil_society(meeting=Meeting.objects.get(slug="trafficking-in-persons-2017"))


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_user(
        username="officer", password="officer-pass-123", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium: Playwright cannot download its own browsers here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
