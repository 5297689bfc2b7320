"""The README's journeys, tried on the demo exactly as `make run` leaves it: the only set-up is
`manage.py load_demo` with the demo password."""

import io
import re

from django.core import mail
from django.core.management import call_command

import pytest
from playwright.sync_api import Page, expect

from speakers.enums import Level
from tests.browser.helpers import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO = "Demonstration HLM (synthetic data)"


@pytest.fixture
def demo(live_server) -> str:
    call_command("load_demo", staff_password=PASSWORD, stdout=io.StringIO())
    return live_server.url


def inscribe_on_the_demo_plenary(page: Page, *, speaker: str, on_behalf_of: str = "") -> str:
    """From the delegation's page: inscribe a speaker; return the place the page confirms."""
    card = page.locator("article", has_text=f"{DEMO} · Plenary meetings")
    card.get_by_role("link", name="Inscribe a speaker").click()
    page.get_by_label("Honorific").fill("H.E. Ms.")
    page.get_by_label("Speaker's name").fill(speaker)
    page.get_by_label("Function or title").fill("Minister for Foreign Affairs")
    page.get_by_label("Level of representation").select_option(str(Level.MINISTER))
    if on_behalf_of:
        page.get_by_label("On behalf of").select_option(label=on_behalf_of)
    page.get_by_role("button", name="Inscribe the speaker").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(f"{speaker} is inscribed; place")
    return re.search(r"place (\d+) on the list", alert.inner_text()).group(1)


def test_belgium_inscribes_on_the_demo_plenary_list(page: Page, demo):
    sign_in(page, demo, "focal.point@belgium.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Belgium")

    place = inscribe_on_the_demo_plenary(page, speaker="Demo Speaker of Belgium")

    card = page.locator("article", has_text=f"{DEMO} · Plenary meetings")
    expect(card.get_by_test_id("place")).to_have_text(place)
    page.goto(f"{demo}/meetings/demo-hlm/speakers/")
    expect(page.locator("body")).to_contain_text("Belgium")


def test_the_g77_chair_inscribes_for_the_group(page: Page, demo):
    sign_in(page, demo, "focal.point@ecuador.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ecuador")

    place = inscribe_on_the_demo_plenary(
        page, speaker="Demo Chair of the Group", on_behalf_of="Group of 77 and China"
    )

    assert int(place) <= 3  # groups speak first: after the two group statements made up
    card = page.locator("article", has_text=f"{DEMO} · Plenary meetings")
    expect(card).to_contain_text("Group of 77 and China")


def test_an_ngo_applies_through_the_demo_meetings_page_and_confirms_its_email(page: Page, demo):
    page.goto(demo + "/")
    page.get_by_role("link", name=re.compile("Demonstration")).first.click()
    page.get_by_role("link", name="Civil society").click()
    page.get_by_role("link", name="Apply").click()

    legend = page.get_by_text("The organization", exact=True).bounding_box()
    choice = page.get_by_label("Application for the PGA's list").bounding_box()
    assert choice["y"] > legend["y"] + legend["height"]  # below the heading, not beside it
    assert page.locator("input[name=path]").count() == 2  # no blank choice
    page.get_by_label("Application for the PGA's list").check()
    page.get_by_label("Name of the organization").fill("Demo Women's Shelter Network")
    page.get_by_label("Country of headquarters").select_option(label="Jamaica")
    page.get_by_label("Type of organization").select_option("ngo")
    page.get_by_label("Areas of work").fill("Shelters for survivors")
    page.get_by_label("Relevance to the theme of the meeting").fill("Survivor-led services")
    page.get_by_label("Focal point's name").fill("Marcia Demo")
    page.get_by_label("Focal point's e-mail").fill("marcia@shelter.example.org")
    page.locator("#id_rep-0-name").fill("Marcia Demo")
    page.locator("#id_rep-0-title").fill("President")
    page.locator("#id_rep-0-gender").select_option("female")
    page.locator("#id_rep-0-nationality").select_option(label="Jamaica")
    page.locator("#id_rep-0-biography").fill("Runs shelters.")
    page.locator("#id_rep-0-consents_to_publication").check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirm your e-mail address")

    message = mail.outbox[-1]
    assert message.to == ["marcia@shelter.example.org"]
    link = re.search(r"http://\S+", message.body).group(0)
    page.goto(demo + link[link.index("/civil-society/") :])
    page.get_by_role("button", name="Confirm and submit").click()

    expect(page.get_by_test_id("status")).to_have_text("Submitted")
    expect(page.get_by_test_id("reference")).to_have_text(re.compile(r"DEMO-\d{4}-0004"))


def test_a_delegation_gives_input_on_the_open_demo_draft(page: Page, demo):
    sign_in(page, demo, "focal.point@belgium.example.org")
    page.get_by_role("link", name=re.compile("Political declaration of the demonstration")).click()
    op2 = page.locator("li[data-paragraph='OP2']")
    op2.get_by_text("Comment or propose wording").click()
    op2.get_by_label("New wording").check()
    op2.get_by_label("Your text on OP2").fill(
        "Calls upon Member States to share their experience, data and good practices;"
    )
    op2.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Your proposal on OP2 is recorded.")

    # The co-facilitator (Ireland) sees Belgium's input in the compilation.
    ireland = page.context.browser.new_context().new_page()
    sign_in(ireland, demo, "focal.point@ireland.example.org")
    ireland.get_by_role("link", name=re.compile("Political declaration of the demo")).click()
    ireland.get_by_role("link", name="Compilation of all input").click()
    section = ireland.locator("section[data-paragraph='OP2']")
    expect(section).to_contain_text("Belgium (New wording)")
    expect(section).to_contain_text("data and good practices")


def test_belgium_takes_a_seat_at_one_side_event_and_waits_for_one_at_the_other(page: Page, demo):
    sign_in(page, demo, "focal.point@belgium.example.org")
    for slug in ("demo-side-event-survivors", "demo-side-event-data"):
        page.goto(f"{demo}/side-events/{slug}/")
        page.get_by_role("link", name="Register your delegation").click()
        page.get_by_label("Who attends").fill("Demo Delegate of Belgium")
        page.get_by_label("Function", exact=True).fill("First Secretary")
        page.get_by_role("button", name="Register the delegation's attendance").click()
        if slug.endswith("survivors"):
            expect(page.get_by_test_id("registration")).to_contain_text("(seat 7)")
        else:
            expect(page.get_by_test_id("registration")).to_contain_text("waiting list, in place 3")


def test_the_g77_chair_proposes_wording_for_the_group_and_the_co_facilitator_sees_it(
    page: Page, demo
):
    sign_in(page, demo, "focal.point@ecuador.example.org")
    page.get_by_role("link", name=re.compile("Political declaration of the demonstration")).click()
    op2 = page.locator("li[data-paragraph='OP2']")
    op2.get_by_text("Comment or propose wording").click()
    op2.get_by_label("New wording").check()
    op2.get_by_label("On behalf of").select_option(label="Group of 77 and China")
    op2.get_by_label("Your text on OP2").fill(
        "Calls upon Member States to strengthen international cooperation and capacity-building;"
    )
    op2.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Your proposal on OP2 is recorded.")
    expect(page.locator("li[data-paragraph='OP2']")).to_contain_text(
        "Ecuador on behalf of the Group of 77 and China"
    )

    # The co-facilitator (Ireland) sees the group's input, with its author, in the compilation.
    ireland = page.context.browser.new_context().new_page()
    sign_in(ireland, demo, "focal.point@ireland.example.org")
    ireland.get_by_role("link", name=re.compile("Political declaration of the demo")).click()
    ireland.get_by_role("link", name="Compilation of all input").click()
    section = ireland.locator("section[data-paragraph='OP2']")
    expect(section).to_contain_text("Ecuador on behalf of the Group of 77 and China (New wording)")
    expect(section).to_contain_text("international cooperation and capacity-building")
