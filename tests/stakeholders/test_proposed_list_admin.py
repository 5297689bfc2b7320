"""Staff submit the proposed civil-society list to Member States from the admin."""

from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from stakeholders.enums import ApplicationStatus
from stakeholders.services import proposed_lists
from tests.meetings.factories import DelegationFactory, FocalPointFactory
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return CivilSocietyProcessFactory()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "“{list}” is before Member States: 1 notification sent."),
        ("fr", "«\u00a0{list}\u00a0» est soumise aux États Membres\u00a0: 1 notification envoyée."),
    ],
)
def test_staff_are_told_in_a_sentence_that_the_list_is_before_member_states(
    staff_client, process, language, said
):
    ApplicationFactory(process=process, status=ApplicationStatus.SHORTLISTED)
    FocalPointFactory(delegation=DelegationFactory(name="Egypt", code="EGY"))
    proposed = proposed_lists.build_proposed_list(process=process)
    staff_client.cookies["django_language"] = language
    deadline = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    page = staff_client.post(
        reverse("admin:stakeholders_proposedlist_changelist"),
        {"action": "submit", "_selected_action": [proposed.pk], "deadline": deadline},
        follow=True,
    )

    with translation.override(language):
        name = str(proposed)
    assert said.format(list=name) in [str(m) for m in page.context["messages"]]


def test_the_french_filters_of_the_applications_read_in_lower_case(staff_client, process):
    ApplicationFactory(process=process)
    staff_client.cookies["django_language"] = "fr"

    page = staff_client.get(reverse("admin:stakeholders_application_changelist"))

    assert "Par statut auprès de l'ECOSOC" in unescape(page.content.decode())


def test_an_action_that_asks_for_a_reason_leads_back_to_the_applications(staff_client, process):
    application = ApplicationFactory(process=process)
    changelist = reverse("admin:stakeholders_application_changelist")

    ask = staff_client.post(
        changelist, {"action": "request_information", "_selected_action": [application.pk]}
    )

    crumbs = ask.content.decode().split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert f'href="{changelist}"' in crumbs
    assert f'href="{reverse("admin:app_list", args=["stakeholders"])}"' in crumbs
