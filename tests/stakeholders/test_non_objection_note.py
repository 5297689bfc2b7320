"""The note that puts the proposed civil-society list before Member States."""

from datetime import timedelta

from django.utils import timezone

import pytest

from stakeholders.models import Application
from stakeholders.services import proposed_lists, review
from tests.meetings.factories import DelegationFactory, MeetingFactory
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db

MISSIONS = "the Permanent Representatives and Permanent Observers to the United Nations"


def test_the_non_objection_note_is_the_offices_and_encloses_the_list(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(short_title="Women's & children's rights", ga_session=80)
    process = CivilSocietyProcessFactory(meeting=meeting)
    kenya = DelegationFactory(name="Kenya", mission_email="mission@kenya.example")
    for name, acronym in [("Survivors' Voices Network", "SVN"), ("Alpha Institute", "")]:
        ApplicationFactory(process=process, name=name, acronym=acronym, country=kenya)
    review.shortlist(applications=Application.objects.all())
    proposed = proposed_lists.build_proposed_list(process=process)

    with django_capture_on_commit_callbacks(execute=True):
        proposed_lists.submit_to_member_states(
            proposed_list=proposed, deadline=timezone.now() + timedelta(days=10)
        )

    (mail,) = mailoutbox
    body = " ".join(mail.body.split())
    assert mail.subject == (
        "Civil-society list, non-objection procedure: Women's & children's rights"
    )
    assert mail.body.startswith("OFFICE OF THE PRESIDENT OF THE GENERAL ASSEMBLY\n\nReference: ")
    assert timezone.localdate().strftime("%-d %B %Y") in mail.body
    assert (
        "The Office of the President of the General Assembly presents its compliments to "
        f"{MISSIONS} and has the honour to submit for their consideration, on a non-objection "
        "basis,"
    ) in body
    assert (
        "The Office of the President of the General Assembly avails itself of this opportunity "
        f"to renew to {MISSIONS} the assurances of its highest consideration."
    ) in body
    assert "my highest consideration" not in body
    assert "Enclosure: proposed list (version 1), 2 names" in body
    assert "1. Alpha Institute (Kenya)" in mail.body
    assert "2. Survivors' Voices Network (SVN) (Kenya)" in mail.body
