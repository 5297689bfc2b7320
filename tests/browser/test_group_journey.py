"""The chair of the Group of 77 and China inscribes for the group and for its country; another
delegation is not offered the group (a form sent for it anyway is refused with the reason:
tests/speakers/test_views.py)."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from meetings.models import GroupChair, GroupOfStates
from speakers.enums import Level
from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focal_point_of(name, code):
    focal_point = FocalPointFactory(delegation=DelegationFactory(name=name, code=code))
    focal_point.user.set_password(PASSWORD)
    focal_point.user.save()
    return focal_point


def inscribe_from_the_form(page: Page, *, name: str, level: Level, group: str = "") -> None:
    page.get_by_label("Honorific").fill("H.E. Ms.")
    page.get_by_label("Speaker's name").fill(name)
    page.get_by_label("Function or title").fill("Minister for Foreign Affairs")
    page.get_by_label("Level of representation").select_option(str(level))
    if group:
        page.get_by_label("On behalf of").select_option(label=group)
    page.get_by_role("button", name="Inscribe the speaker").click()


def test_the_g77_chair_speaks_for_the_group_and_its_country_others_are_refused(
    page: Page, live_server
):
    speakers_list = SpeakersListFactory()  # the meeting opens on 28 September 2026
    g77 = GroupOfStates.objects.create(name="Group of 77 and China", short_name="G77")
    chair = focal_point_of("Ecuador", "ECU")
    GroupChair.objects.create(
        group=g77, delegation=chair.delegation, starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )  # fmt: skip
    other = focal_point_of("Belgium", "BEL")
    inscribe(speakers_list, DelegationFactory(name="Nepal"), Level.MINISTER)

    sign_in(page, live_server.url, chair.user.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ecuador")
    page.get_by_role("link", name="Inscribe a speaker").click()
    inscribe_from_the_form(page, name="Ana Example", level=Level.MINISTER)
    expect(page.get_by_role("alert")).to_contain_text("place 2 on the list")

    page.get_by_role("link", name="Inscribe another statement").click()
    inscribe_from_the_form(
        page, name="Ana Example", level=Level.MINISTER, group="Group of 77 and China"
    )
    expect(page.get_by_role("alert")).to_contain_text("place 1 on the list")
    statements = page.get_by_test_id("statement")
    expect(statements).to_have_count(2)
    expect(statements.nth(0).get_by_test_id("capacity")).to_have_text("In its national capacity")
    expect(statements.nth(0).get_by_test_id("place")).to_have_text("3")
    expect(statements.nth(1).get_by_test_id("capacity")).to_have_text(
        "On behalf of the Group of 77 and China"
    )
    expect(statements.nth(1).get_by_test_id("place")).to_have_text("1")
    expect(page.get_by_role("link", name="Inscribe another statement")).to_have_count(0)

    belgium = page.context.browser.new_context().new_page()
    sign_in(belgium, live_server.url, other.user.username)
    belgium.get_by_role("link", name="Inscribe a speaker").click()
    groups = belgium.get_by_label("On behalf of").locator("option")
    expect(groups).to_have_text(["— in the name of the delegation —"])
    belgium.screenshot(path="test-results/group-not-offered.png", full_page=True)

    page.goto(f"{live_server.url}/meetings/{speakers_list.meeting.slug}/speakers/")
    rows = page.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text("Ecuador (on behalf of the Group of 77 and China)")
    expect(rows.nth(1)).to_contain_text("Nepal")
    expect(rows.nth(2)).to_contain_text("Ecuador")
