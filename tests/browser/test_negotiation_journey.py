"""A delegation proposes wording on a paragraph of the zero draft; staff see it in the compilation."""

from datetime import date, timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from meetings.enums import DraftStage
from meetings.services import resolutions
from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import (
    DelegationFactory,
    FocalPointFactory,
    ResolutionFactory,
    UserFactory,
)
from tests.meetings.test_negotiation import ZERO_DRAFT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_delegation_proposes_wording_and_staff_see_it(page: Page, live_server):
    resolution = ResolutionFactory(symbol=None, title="Modalities of the 2021 high-level meeting")
    draft = resolutions.circulate_draft(
        resolution=resolution, stage=DraftStage.ZERO, circulated_on=date(2021, 3, 12),
        text=ZERO_DRAFT, input_deadline=timezone.now() + timedelta(days=3),
    )  # fmt: skip
    philippines = FocalPointFactory(delegation=DelegationFactory(name="Philippines", code="PHL"))
    staff = UserFactory(username="officer", is_staff=True, is_superuser=True)
    for user in (philippines.user, staff):
        user.set_password(PASSWORD)
        user.save()

    sign_in(page, live_server.url, philippines.user.username)
    page.get_by_role("link", name="Modalities of the 2021 high-level meeting — Zero draft").click()
    op3 = page.locator("li[data-paragraph='OP3']")
    op3.get_by_text("Comment or propose wording").click()
    op3.get_by_label("New wording").check()
    op3.get_by_label("Your text on OP3").fill(
        "Also decides that the proceedings will be webcast with captions in all official languages;"
    )
    op3.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Your proposal on OP3 is recorded.")

    staff_page = page.context.browser.new_context().new_page()
    sign_in(staff_page, live_server.url, "officer", admin=True)
    staff_page.goto(f"{live_server.url}/drafts/{draft.pk}/compilation/")
    section = staff_page.locator("section[data-paragraph='OP3']")
    expect(section).to_contain_text("Philippines (New wording)")
    expect(section).to_contain_text("captions in all official languages")
