"""Under the Content-Security-Policy, Chromium runs what the pages need and refuses nothing:
the language links switch, "now speaking" is fetched by a script, a withdrawal asks first."""

import pytest
from playwright.sync_api import Page, expect

from speakers import rostrum
from speakers.models import Inscription
from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pages_work_under_the_policy_and_break_none_of_it(page: Page, live_server):
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    delegation = DelegationFactory(name="Nepal")
    inscription = inscribe(SpeakersListFactory(), delegation)
    focal_point = FocalPointFactory(delegation=delegation)
    focal_point.user.set_password(PASSWORD)
    focal_point.user.save()

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Français").click()  # a link: the page carries no token
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The meeting's page comes from the cache; its script fetches who has the floor.
    rostrum.start(speakers_list=inscription.speakers_list)
    page.goto(live_server.url + inscription.speakers_list.meeting.get_absolute_url())
    expect(page.get_by_test_id("now-speaking")).to_have_text("Now speaking: Nepal")

    sign_in(page, live_server.url, focal_point.user.username)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Withdraw").click()
    assert Inscription.objects.get(pk=inscription.pk).status == "active"
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Withdraw").click()

    expect(page.get_by_role("alert")).to_contain_text("The statement is withdrawn")
    assert questions == ["Withdraw this statement?"]
    assert refused == []
