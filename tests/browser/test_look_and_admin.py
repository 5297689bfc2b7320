"""What staff and visitors see in a real browser: the meeting's admin home and its progress bar
that moves by itself, the time-zone note once, the rostrum's buttons, print, no missing file;
screenshots of the main pages in test-results/."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from meetings.demo import load_everything
from meetings.enums import MessageStatus
from meetings.models import (
    Delegation,
    LetterTemplate,
    Mailing,
    Meeting,
    OutgoingMessage,
    ProgrammeRun,
)
from meetings.services.programme import run_programme_generation
from speakers.demo import load_demo_lists
from stakeholders.demo import load_demo_civil_society
from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import UserFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_2017 = "/meetings/trafficking-in-persons-2017/"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_everything(password=PASSWORD)
    # The record gives no list of speakers and no application for 2017: synthetic ones are laid
    # over it for these tests only (a concluded meeting with lists, an admin home with items).
    meeting_2017 = Meeting.objects.get(slug="trafficking-in-persons-2017")
    load_demo_lists(meeting=meeting_2017)
    load_demo_civil_society(meeting=meeting_2017)
    return live_server.url


@pytest.fixture
def officer_page(page: Page, demo):
    officer = UserFactory(username="officer", is_staff=True, is_superuser=True)
    officer.set_password(PASSWORD)
    officer.save()
    sign_in(page, demo, "officer", admin=True)
    return page


def test_public_pages_ask_for_no_missing_file(page: Page, demo):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)

    for url in ["/", MEETING_2017, MEETING_2017 + "speakers/"]:
        page.goto(demo + url)
        page.wait_for_load_state("networkidle")

    assert missing == []
    icon = page.evaluate(
        "() => document.querySelector('link[rel=icon][type=\"image/svg+xml\"]').href"
    )
    assert page.request.get(icon).status == 200


def test_the_public_pages_carry_the_offices_identity_and_print_cleanly(page: Page, demo):
    page.goto(demo + MEETING_2017)
    header = page.locator("header.portal-header")
    expect(header).to_contain_text("Office of the President of the General Assembly")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(29, 63, 110)"
    page.screenshot(path="test-results/public-meeting-page.png", full_page=True)

    page.emulate_media(media="print")

    expect(header).to_be_hidden()
    expect(page.get_by_role("link", name="Lists of speakers")).to_be_hidden()
    title = page.get_by_role("heading", level=1)
    assert title.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    days = page.locator(".programme-day")
    assert days.nth(0).evaluate("e => getComputedStyle(e).breakBefore") != "page"
    assert days.nth(1).evaluate("e => getComputedStyle(e).breakBefore") == "page"
    page.pdf(path="test-results/public-meeting-page.pdf")


def test_the_lists_of_a_concluded_meeting_say_who_was_heard(page: Page, demo):
    page.goto(demo + MEETING_2017 + "speakers/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Lists of speakers")
    expect(page.locator("main")).not_to_contain_text("Projected")
    panel = page.locator("section", has_text="Interactive panel discussion 1")
    expect(panel.locator("tr", has_text="Sweden")).to_contain_text(
        re.compile(r"Heard, Wed 27 Sep, 3\.\d\d\sp\.m\.")
    )
    page.screenshot(path="test-results/lists-of-speakers.png", full_page=True)


def test_staff_find_what_is_due_and_watch_a_generation_to_the_end(officer_page: Page, demo):
    page = officer_page
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")
    page.goto(demo + "/admin/")
    expect(page.locator("#meeting-homes")).to_contain_text("HLM on trafficking in persons (2017)")
    expect(page.locator(".app-system")).to_be_visible()  # a superuser sees the internals
    page.locator("#meeting-homes").get_by_role(
        "link", name="HLM on trafficking in persons (2017)"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What is due: HLM on trafficking in persons (2017)"
    )
    expect(page.locator(".due-section", has_text="Lists of speakers")).to_be_visible()
    expect(page.locator(".due-section", has_text="Civil society")).to_contain_text(
        "applications with the status"
    )
    expect(page.get_by_test_id("programme-latest")).to_have_text(
        "No programme has been generated yet."
    )

    run = ProgrammeRun.objects.create(meeting=meeting, requested_by=None)  # a worker's queue
    page.reload()
    item = page.locator(".progress-item")
    expect(item).to_contain_text("queued")
    assert int(item.locator("progress").get_attribute("value")) < 100
    page.screenshot(path="test-results/admin-meeting-home.png", full_page=True)

    run_programme_generation(run_id=run.pk)  # the worker renders it; the page is not reloaded

    expect(item).to_contain_text("done", timeout=10_000)
    expect(item.locator("progress")).to_have_attribute("value", "100")
    item.get_by_role("link", name="Version 1").click()
    expect(page.locator("ul.changelog")).to_contain_text("First version.")
    page.get_by_role("link", name="HTML").click()
    expect(page.locator("body")).to_contain_text("Opening segment")  # the programme itself


def test_the_meeting_page_says_the_time_zone_once(browser, demo):
    officer = UserFactory(username="officer", is_staff=True, is_superuser=True)
    officer.set_password(PASSWORD)
    officer.save()
    context = browser.new_context(
        timezone_id="Europe/Brussels", viewport={"width": 1400, "height": 900}
    )
    page = context.new_page()
    sign_in(page, demo, "officer", admin=True)
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")

    page.goto(f"{demo}/admin/meetings/meeting/{meeting.pk}/change/")
    page.wait_for_load_state("load")

    expect(page.locator("#timezone-note")).to_be_visible()
    expect(page.locator(".timezonewarning")).to_have_count(0)
    expect(page.locator("text=hours ahead of server time")).to_have_count(0)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 3500, height  # was about 7,000 px: documents and generations collapsed
    page.screenshot(path="test-results/admin-meeting-change.png", full_page=True)
    context.close()


def test_the_rostrum_offers_to_give_the_floor_only_while_nobody_speaks(officer_page: Page, demo):
    speakers_list = SpeakersListFactory()
    for name in ("Nepal", "Chile"):
        inscribe(speakers_list, Delegation.objects.get(name=name))

    officer_page.goto(f"{demo}/rostrum/{speakers_list.pk}/")
    start = officer_page.get_by_role("button", name="Give the floor to the first speaker")
    heard = officer_page.get_by_role("button", name="Heard: next speaker")

    expect(start).to_be_visible()
    expect(heard).to_be_hidden()
    start.click()
    expect(officer_page.get_by_test_id("current")).to_have_text("Nepal")
    expect(start).to_be_hidden()
    expect(heard).to_be_visible()


def test_a_mailings_bar_follows_its_messages_as_they_leave(officer_page: Page, demo):
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")
    mailing = Mailing.objects.create(
        meeting=meeting, template=LetterTemplate.objects.first(), title="Invitations",
        audience="manual", letter_date=date(2017, 9, 13),
    )  # fmt: skip
    messages = [
        OutgoingMessage.objects.create(
            mailing=mailing, to=f"pr{n}@example.org", subject="S", body="B"
        )
        for n in range(4)
    ]

    officer_page.goto(f"{demo}/admin/meetings/mailing/{mailing.pk}/change/")
    item = officer_page.locator(".progress-item")
    expect(item).to_contain_text("Sent: 0 of 4")

    for message in messages:  # the worker delivers them; the page is not reloaded
        OutgoingMessage.objects.filter(pk=message.pk).update(status=MessageStatus.SENT)
    expect(item).to_contain_text("Sent: 4 of 4", timeout=10_000)
    expect(item.locator("progress")).to_have_attribute("value", "100")


def test_the_meetings_edit_page_fits_the_screen_and_its_tools_clear_the_title(
    officer_page: Page, demo
):
    """Staff generate the programme from the meeting's page: at 1,280 px it needs no sideways
    scrolling (each segment's details are on its own page), and the tools do not cover the
    title."""
    page = officer_page
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{demo}/admin/meetings/meeting/{meeting.pk}/change/")
    page.screenshot(path="test-results/admin-meeting-change.png", full_page=True)
    wide = page.evaluate(
        """() => [...document.querySelectorAll('#content *')]
        .filter(e => e.getBoundingClientRect().right > 1280)
        .slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id)"""
    )

    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280, wide
    title = page.locator("#content h2, #content h1").first.bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    overlap = not (
        tools["y"] >= title["y"] + title["height"] or title["y"] >= tools["y"] + tools["height"]
    ) and not (
        tools["x"] >= title["x"] + title["width"] or title["x"] >= tools["x"] + tools["width"]
    )
    assert not overlap


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_applications_list_shows_every_column_at_1280_px(officer_page: Page, demo, language):
    """Staff review applications side by side: at 1,280 px, in either language, the table's
    columns need no sideways scrolling."""
    page = officer_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{demo}/language/{language}/?next=/admin/stakeholders/application/")
    page.screenshot(path=f"test-results/admin-applications-{language}.png", full_page=True)

    results = page.locator("#changelist .results")
    overflow = results.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 0, f"{overflow} px hidden"
