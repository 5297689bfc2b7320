"""Two rostrum screens on the same list: the countdown, and one advance each, in step."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from speakers import rostrum
from speakers.models import SpeakersList
from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import DelegationFactory, UserFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_screens_stay_in_step(page: Page, live_server):
    speakers_list = SpeakersListFactory()
    for name in ("Nepal", "Chile", "Fiji", "Peru"):
        inscribe(speakers_list, DelegationFactory(name=name))
    rostrum.start(speakers_list=speakers_list)
    # The first speaker has spoken for 2 min 45 s of 3 minutes.
    SpeakersList.objects.filter(pk=speakers_list.pk).update(
        speaking_since=timezone.now() - timedelta(minutes=2, seconds=45)
    )
    officer = UserFactory(username="officer", is_staff=True, is_superuser=True)
    officer.set_password(PASSWORD)
    officer.save()
    url = f"{live_server.url}/rostrum/{speakers_list.pk}/"

    sign_in(page, live_server.url, "officer", admin=True)
    page.goto(url)
    other = page.context.new_page()  # the second screen, same session
    other.goto(url)
    for screen in (page, other):
        expect(screen.get_by_test_id("current")).to_have_text("Nepal")
        expect(screen.get_by_test_id("countdown")).to_have_class("countdown amber")
    expect(page.get_by_test_id("upcoming")).to_contain_text("Chile")

    page.get_by_role("button", name="Heard: next speaker").click()
    expect(page.get_by_test_id("current")).to_have_text("Chile")
    expect(other.get_by_test_id("current")).to_have_text("Chile", timeout=5000)  # polled
    expect(other.get_by_test_id("countdown")).to_have_text(re.compile(r"^(3:00|2:5\d)$"))
    other.keyboard.press("n")
    expect(other.get_by_test_id("current")).to_have_text("Fiji")
    expect(page.get_by_test_id("current")).to_have_text("Fiji", timeout=5000)

    heard = [
        i.delegation.name
        for i in speakers_list.inscriptions.filter(status="heard").order_by("heard_at")
    ]
    assert heard == ["Nepal", "Chile"]
    SpeakersList.objects.filter(pk=speakers_list.pk).update(
        speaking_since=timezone.now() - timedelta(minutes=3, seconds=10)
    )
    page.reload()
    expect(page.get_by_test_id("countdown")).to_have_class("countdown red")
    expect(page.get_by_test_id("countdown")).to_contain_text("+0:1")
