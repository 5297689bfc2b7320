"""Under the Content-Security-Policy, Chromium runs what the pages need and refuses nothing:
the language menu switches on choice and a withdrawal asks first."""

import pytest
from playwright.sync_api import Page, expect

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
    page.get_by_label("Language").select_option("fr")  # no button: the choice sends the form
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Langue").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")

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
