"""No inline style either: under the Content-Security-Policy, the pages that had a <style> block
or style attributes keep their look from the portal's files, and Chromium refuses nothing."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from meetings.models import Resolution, SideEvent
from speakers.models import SpeakersList
from stakeholders.models import CivilSocietyProcess
from tests.browser.helpers import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="officer", password=PASSWORD, is_staff=True, is_superuser=True
    )


def test_the_pages_look_right_with_no_inline_style(
    page: Page, live_server, demo_lists, demo_civil_society, staff
):
    CivilSocietyProcess.objects.update(closes_at=timezone.now() + timedelta(days=30))
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    speakers_list = SpeakersList.objects.order_by("pk").first()
    meeting = demo_civil_society.meeting
    event = SideEvent.objects.order_by("pk").first()
    resolution = Resolution.objects.exclude(drafts=None).order_by("pk").first()
    process = CivilSocietyProcess.objects.get(meeting=meeting)
    base = live_server.url

    page.goto(base + reverse("stakeholders:apply", args=[meeting.slug]))
    trap = page.locator("#div_id_homepage")
    assert trap.bounding_box()["x"] < -1000  # the robots' field stays out of sight

    sign_in(page, base, staff.username, admin=True)
    page.goto(base + reverse("speakers:rostrum", args=[speakers_list.pk]))
    expect(page.get_by_test_id("countdown")).to_have_css("font-size", "80px")
    page.goto(base + reverse("admin:meetings_meeting_journal", args=[meeting.pk]))
    page.get_by_role("button", name="Copy").first.click()
    first_notice = page.locator("textarea").first.input_value()
    assert page.evaluate("navigator.clipboard.readText()") == first_notice
    expect(page.locator("section.notice").first).to_have_css("padding-top", "8px")
    for url in [
        reverse("admin:speakers_speakerslist_order", args=[speakers_list.pk]),
        reverse("admin:speakers_speakerslist_print", args=[speakers_list.pk]),
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        reverse("admin:stakeholders_balance", args=[process.pk]),
        reverse("meetings:resolution", args=[resolution.pk]),
        reverse("meetings:side_event_notice", args=[event.slug]),
        reverse("meetings:side_event_seating", args=[event.slug]),
    ]:
        assert page.goto(base + url).status == 200, url
    expect(page.locator("th").first).to_have_css("text-align", "left")  # the seating's own style

    assert refused == []
