"""An NGO applies and confirms; staff shortlist and submit; a State objects; the list is final."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from meetings.enums import RegionalGroup
from stakeholders.enums import ApplicationStatus
from stakeholders.models import Application, ProposedList
from stakeholders.services.proposed_lists import close_due_lists
from tests.browser.helpers import PASSWORD, sign_in
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def run_action(page: Page, base: str, changelist: str, pks: list[int], action: str) -> None:
    page.goto(base + changelist)
    for pk in pks:
        page.locator(f"input[name=_selected_action][value='{pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()


def test_from_application_to_final_list(page: Page, live_server):
    process = CivilSocietyProcessFactory()
    DelegationFactory(name="Nigeria", code="NGA", regional_group=RegionalGroup.AFRICAN)
    other = ApplicationFactory(
        process=process, name="Beta Institute", status=ApplicationStatus.SHORTLISTED
    )
    egypt = FocalPointFactory(delegation=DelegationFactory(name="Egypt", code="EGY"))
    for user in (egypt.user, UserFactory(username="officer", is_staff=True, is_superuser=True)):
        user.set_password(PASSWORD)
        user.save()
    base = live_server.url

    # The NGO applies on the public form.
    page.goto(f"{base}/meetings/{process.meeting.slug}/civil-society/apply/")
    page.get_by_label("Application for the PGA's list").check()
    page.get_by_label("Name of the organization").fill("Survivors' Voices Network")
    page.get_by_label("Country of headquarters").select_option(label="Nigeria")
    page.get_by_label("Type of organization").select_option("ngo")
    page.get_by_label("Areas of work").fill("Protection of victims")
    page.get_by_label("Relevance to the theme of the meeting").fill("Survivor-led network")
    page.get_by_label("Focal point's name").fill("Amina Okafor")
    page.get_by_label("Focal point's e-mail").fill("amina@svn.example.org")
    page.locator("#id_rep-0-name").fill("Amina Okafor")
    page.locator("#id_rep-0-title").fill("Founder")
    page.locator("#id_rep-0-gender").select_option("female")
    page.locator("#id_rep-0-nationality").select_option(label="Nigeria")
    page.locator("#id_rep-0-biography").fill("Survivor and advocate.")
    page.locator("#id_rep-0-consents_to_publication").check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirm your e-mail address")

    # … and confirms its address with the link it received.
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0)
    page.goto(base + link[link.index("/civil-society/") :])
    page.get_by_role("button", name="Confirm and submit").click()
    expect(page.get_by_test_id("status")).to_have_text("Submitted")
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"HLM-\d+-0002", reference)  # the second of this meeting
    ngo = Application.objects.get(reference=reference)

    # Staff shortlist it, build the proposed list and submit it to Member States.
    staff = page.context.browser.new_context().new_page()
    sign_in(staff, base, "officer", admin=True)
    run_action(staff, base, "/admin/stakeholders/application/", [ngo.pk], "shortlist")
    expect(staff.locator(".messagelist")).to_contain_text("1 shortlisted.")
    run_action(staff, base, "/admin/stakeholders/civilsocietyprocess/", [process.pk], "build_list")
    proposed = ProposedList.objects.get()
    run_action(staff, base, "/admin/stakeholders/proposedlist/", [proposed.pk], "submit")
    deadline = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    staff.get_by_label("Deadline for objections (New York time)").fill(deadline)
    staff.get_by_role("button", name="Confirm").click()
    expect(staff.locator(".messagelist")).to_contain_text("is before Member States")

    # A Member State objects to the other name.
    state = page.context.browser.new_context().new_page()
    sign_in(state, base, egypt.user.username)
    state.goto(base + "/delegation/civil-society/")
    row = state.locator("li", has_text="Beta Institute")
    row.get_by_text("Object to this name").click()
    row.get_by_label("General basis of the objection").fill("Outside the theme of the meeting")
    row.get_by_role("button", name="Lodge the objection").click()
    expect(state.get_by_role("alert")).to_contain_text(
        "Your objection to Beta Institute is recorded."
    )

    # The deadline passes; beat closes the list; the final list is published.
    ProposedList.objects.update(objection_deadline=timezone.now() - timedelta(seconds=1))
    assert close_due_lists() == 1
    page.goto(f"{base}/meetings/{process.meeting.slug}/civil-society/")
    expect(page.locator("tr", has_text="Survivors' Voices Network")).to_contain_text(
        "Final: no objection"
    )
    expect(page.locator("tr", has_text="Amina Okafor")).to_be_visible()
    expect(page.locator("tr", has_text="Beta Institute")).to_contain_text("Objection")
    expect(page.locator("body")).not_to_contain_text("Egypt")
    other.refresh_from_db()
    assert other.status == ApplicationStatus.OBJECTED
    page.screenshot(path="test-results/civil-society-list.png", full_page=True)
