"""Every letter to an organization opens the same way, as an office writes: "Dear <name>," in
English, and in French "À l'attention de <name>" then "Madame, Monsieur,"."""

from datetime import timedelta

from django.utils import timezone

import pytest

from meetings.models import OutgoingMessage
from stakeholders.enums import ApplicationStatus
from stakeholders.services.applications import _mail_applicant, send_deadline_reminders
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db

LETTERS = {
    "application_confirm": {"confirm_url": "https://portal.example/confirm/"},
    "application_received": {},
    "application_more_information": {"reason": "Send your statutes."},
    "application_rejected": {"reason": "Outside the theme."},
    "application_approved": {},
    "registration_confirmed": {},
}
OPENING = {
    "en": "Dear Claire Dubois,\n\n",
    "fr": "À l'attention de Claire Dubois\n\nMadame, Monsieur,\n\n",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_letter_to_an_organization_opens_with_the_same_salutation(language):
    process = CivilSocietyProcessFactory(closes_at=timezone.now() + timedelta(days=1))
    application = ApplicationFactory(
        process=process, focal_point_name="Claire Dubois", language=language
    )
    for template, context in LETTERS.items():
        _mail_applicant(application, template, **context)
    ApplicationFactory(
        process=process, focal_point_name="Claire Dubois", language=language,
        status=ApplicationStatus.MORE_INFORMATION,
    )  # fmt: skip
    assert send_deadline_reminders() == 1

    bodies = list(OutgoingMessage.objects.order_by("pk").values_list("body", flat=True))
    assert len(bodies) == len(LETTERS) + 1
    for body in bodies:
        assert body.startswith(OPENING[language]), body[:200]
