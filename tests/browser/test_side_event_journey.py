"""Two delegations register for a one-seat roundtable: the second waits, then moves up."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.meetings.test_side_events import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register(page: Page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("Who attends").fill(name)
    page.get_by_label("Function").fill("Minister Counsellor")
    page.get_by_role("button", name="Register the delegation's attendance").click()


def test_the_room_fills_and_the_waiting_list_moves_up(page: Page, live_server):
    event = make_event(seats=1)
    chile = FocalPointFactory(delegation=DelegationFactory(name="Chile"))
    egypt = FocalPointFactory(delegation=DelegationFactory(name="Egypt"))
    for focal_point in (chile, egypt):
        focal_point.user.set_password(PASSWORD)
        focal_point.user.save()
    url = f"{live_server.url}/delegation/side-events/{event.slug}/"

    sign_in(page, live_server.url, chile.user.username)
    register(page, url, "Ana Pérez")
    expect(page.get_by_test_id("registration")).to_contain_text(
        "has a seat and a nameplate (seat 1)"
    )
    expect(page.get_by_test_id("seats")).to_have_text("1 of 1 seats taken.")

    other = page.context.browser.new_context().new_page()
    sign_in(other, live_server.url, egypt.user.username)
    register(other, url, "Omar Said")
    expect(other.get_by_test_id("registration")).to_contain_text("on the waiting list, in place 1")

    page.get_by_role("button", name="Withdraw the registration").click()
    other.reload()
    expect(other.get_by_test_id("registration")).to_contain_text(
        "has a seat and a nameplate (seat 1)"
    )
