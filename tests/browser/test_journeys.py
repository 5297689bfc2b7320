"""Key journeys in a real browser: Debian's Chromium driven by Playwright."""

import pytest
from playwright.sync_api import Page, expect

from meetings.demo import load_demo
from meetings.models import Segment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "demo-pass-2017"


@pytest.fixture
def demo_site(live_server):
    load_demo(staff_password=STAFF_PASSWORD)
    return live_server.url


def test_visitor_reads_the_demo_programme(page: Page, demo_site):
    page.goto(demo_site + "/")
    page.locator("article", has_text="27–28 September 2017").get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Global Plan of Action")
    panel = page.locator(".programme-row", has_text="Interactive panel discussion 1")
    expect(panel).to_contain_text("3 p.m. – 4.30 p.m.")
    expect(panel).to_contain_text("Trusteeship Council Chamber")
    expect(panel).to_contain_text("Marc Pecsteen de Buytswerve")
    page.get_by_role("link", name="Interactive panel discussion 1").first.click()
    expect(page.get_by_role("heading", name="III. Questions")).to_be_visible()


def test_staff_signs_in_and_changes_a_segment_in_the_admin(page: Page, demo_site):
    segment = Segment.objects.get(meeting__slug="trafficking-in-persons-2017", position=4)

    page.goto(demo_site + "/admin/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{demo_site}/admin/meetings/segment/{segment.pk}/change/")
    page.locator("#id_title_en").fill("Interactive panel discussion 2 (victims)")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    segment.refresh_from_db()
    assert segment.title == "Interactive panel discussion 2 (victims)"
    assert segment.history.first().history_user.username == "staff"
    page.goto(demo_site + "/meetings/trafficking-in-persons-2017/")
    programme_row = page.locator(f"#segment-{segment.pk}")
    expect(programme_row).to_contain_text("Interactive panel discussion 2 (victims)")
    page.screenshot(path="test-results/demo-meeting-page.png", full_page=True)
