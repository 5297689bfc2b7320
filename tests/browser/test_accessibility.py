"""Accessibility in a real browser: axe-core on every public page and on the delegations'
pages fails on any serious or critical violation; the forms work from the keyboard."""

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from meetings.demo import load_everything
from meetings.demo.living import BELGIUM as DEMO_FOCAL_POINT_EMAIL
from meetings.models import Resolution, ResolutionDraft, Segment
from tests.browser.a11y import axe_violations, describe, tab_stops
from tests.meetings.factories import MeetingFactory
from tests.speakers.factories import SpeakersListFactory
from tests.stakeholders.factories import CivilSocietyProcessFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a11y-pass-2017"
MEETING_2017 = "/meetings/trafficking-in-persons-2017/"
ROUNDTABLE = "/side-events/roundtable-2017-review-2016-12-05/"


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe-core is injected as an inline script, which the portal's own policy refuses: these
    tests look at accessibility only (tests/browser/test_csp_*.py check the policy)."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def site(live_server, settings, tmp_path):
    """The demo as ``make run`` leaves it, and a meeting to come whose list and call are open."""
    settings.MEDIA_ROOT = tmp_path
    load_everything(password=PASSWORD)
    coming = MeetingFactory(slug="coming-hlm", short_title="Coming HLM")
    speakers_list = SpeakersListFactory(meeting=coming)
    CivilSocietyProcessFactory(meeting=coming)
    return {"url": live_server.url, "list": speakers_list, "meeting": coming}


def public_pages(site) -> dict[str, str]:
    panel = Segment.objects.filter(meeting__slug="trafficking-in-persons-2017", kind="panel")
    resolution_2021 = Resolution.objects.get(meeting__slug="trafficking-in-persons-2021")
    return {
        "home": "/",
        "meeting 2017": MEETING_2017,
        "meeting 2021": "/meetings/trafficking-in-persons-2021/",
        "panel": panel.order_by("position").first().get_absolute_url(),
        "lists of speakers": "/meetings/demo-hlm/speakers/",
        "provisional list": "/meetings/coming-hlm/speakers/",
        "civil society": "/meetings/demo-hlm/civil-society/",
        "application form": "/meetings/coming-hlm/civil-society/apply/",
        "side event": ROUNDTABLE,
        "notice": ROUNDTABLE + "notice/",
        "resolution": reverse("meetings:resolution", args=[resolution_2021.pk]),
        "sign-in": "/accounts/login/",
        "password reset": "/accounts/password_reset/",
    }


def is_submit(stop: str) -> bool:
    return stop.startswith(("button[submit]", "input[submit]"))


def is_field(stop: str) -> bool:
    return stop.startswith(("input", "select", "textarea")) and not is_submit(stop)


def sign_in_as_belgium(page: Page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(DEMO_FOCAL_POINT_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Belgium")


def test_no_public_page_has_a_serious_accessibility_violation(page: Page, site):
    found = {}
    for name, url in public_pages(site).items():
        response = page.goto(site["url"] + url)
        assert response.status == 200, (name, url)
        violations = axe_violations(page)
        if violations:
            found[name] = describe(violations)
    assert found == {}, "\n\n".join(f"{name}:\n{text}" for name, text in found.items())


def test_no_delegation_page_has_a_serious_accessibility_violation(page: Page, site):
    draft = ResolutionDraft.objects.filter(
        resolution__meeting__slug="trafficking-in-persons-2021"
    ).first()
    pages = {
        "dashboard": "/delegation/",
        "inscription form": f"/delegation/lists/{site['list'].pk}/inscribe/",
        "objections": "/delegation/civil-society/",
        "draft input": f"/delegation/drafts/{draft.pk}/input/",
        "side event registration": "/delegation/side-events/roundtable-2017-review-2016-12-05/",
        "new side event": "/delegation/side-events/new/",
    }
    sign_in_as_belgium(page, site["url"])
    found = {}
    for name, url in pages.items():
        page.goto(site["url"] + url)
        violations = axe_violations(page)
        if violations:
            found[name] = describe(violations)
    assert found == {}, "\n\n".join(f"{name}:\n{text}" for name, text in found.items())


def test_the_inscription_form_is_used_from_the_keyboard(page: Page, site):
    sign_in_as_belgium(page, site["url"])
    page.goto(f"{site['url']}/delegation/lists/{site['list'].pk}/inscribe/")

    stops = tab_stops(page)

    assert stops[0].startswith("a[") and "Skip to main content" in stops[0]
    fields = [stop for stop in stops if is_field(stop)]
    assert any("Speaker's name" in stop for stop in fields), stops
    assert all(stop.split("] ", 1)[1] for stop in fields), fields  # each has a label
    submit = [i for i, stop in enumerate(stops) if "Inscribe the speaker" in stop]
    assert submit and submit[0] > max(stops.index(f) for f in fields if "language" not in f)


def test_the_application_form_is_used_from_the_keyboard(page: Page, site):
    page.goto(site["url"] + "/meetings/coming-hlm/civil-society/apply/")

    stops = tab_stops(page, limit=120)

    fields = [stop for stop in stops if is_field(stop)]
    assert len(fields) > 8, stops
    assert all(stop.split("] ", 1)[1] for stop in fields), fields
    assert any("Submit" in stop or "Send" in stop for stop in stops if is_submit(stop)), stops


def test_the_check_fails_on_what_a_screen_reader_user_would_meet(page: Page):
    page.set_content(
        '<html lang="en"><title>t</title><main><form><input name="speaker">'
        '<button></button></form><p style="color:#009edb">UN blue text on white</p></main></html>'
    )

    found = {v["id"] for v in axe_violations(page)}

    assert {"label", "button-name", "color-contrast"} <= found
