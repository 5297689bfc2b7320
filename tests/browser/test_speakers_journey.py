"""A focal point inscribes a speaker in a real browser; staff then move the statement."""

import pytest
from playwright.sync_api import Page, expect

from speakers.enums import Level
from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_inscribes_and_staff_moves_the_statement(page: Page, live_server):
    speakers_list = SpeakersListFactory()
    inscribe(speakers_list, DelegationFactory(name="Nepal"), Level.MINISTER)
    focal_point = FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))
    focal_point.user.set_password(PASSWORD)
    focal_point.user.save()
    staff = UserFactory(username="officer", is_staff=True, is_superuser=True)
    staff.set_password(PASSWORD)
    staff.save()

    sign_in(page, live_server.url, focal_point.user.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Belgium")
    page.get_by_role("link", name="Inscribe a speaker").click()
    page.get_by_label("Honorific").fill("H.E. Mr.")
    page.get_by_label("Speaker's name").fill("Didier Example")
    page.get_by_label("Function or title").fill("Permanent Representative")
    page.get_by_label("Level of representation").select_option(str(Level.HEAD_OF_DELEGATION))
    page.get_by_role("button", name="Inscribe the speaker").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "is inscribed: the place on the list is shown"
    )
    expect(page.get_by_test_id("place")).to_have_text("2")
    expect(page.get_by_test_id("projected")).to_contain_text("11.03 a.m.")

    staff_page = page.context.browser.new_context().new_page()
    sign_in(staff_page, live_server.url, "officer")
    staff_page.goto(f"{live_server.url}/admin/speakers/speakerslist/{speakers_list.pk}/order/")
    belgium = staff_page.locator("tr", has_text="Belgium")
    belgium.get_by_label("New place").fill("1")
    belgium.get_by_role("button", name="Move").click()
    expect(staff_page.locator("#speakers-order tbody tr").first).to_contain_text("Belgium")

    page.reload()
    expect(page.get_by_test_id("place")).to_have_text("1")
    expect(page.get_by_test_id("projected")).to_contain_text("11 a.m.")
    page.screenshot(path="test-results/delegation-dashboard.png", full_page=True)
