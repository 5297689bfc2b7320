"""Each correspondent is written to in their own language, whoever acts and in whatever
language the page of the person acting is: an NGO in the language it applied in, a focal
point in the language it signs in with; the sender's name too."""

from datetime import timedelta
from email.utils import parseaddr

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from speakers import services
from speakers.enums import Level
from speakers.services import SpeakerDetails
from stakeholders.models import Application
from stakeholders.services import applications, review
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import SpeakersListFactory, inscribe
from tests.stakeholders.factories import CivilSocietyProcessFactory
from tests.stakeholders.test_services import new_application, rep

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-demo-password-2017"


@pytest.fixture(autouse=True)
def french_catalogue():
    call_command("compilemessages", "--ignore=.venv", verbosity=0)


def _sign_in(user, language: str) -> Client:
    """``user`` signs in on the sign-in page in ``language``, as a browser would."""
    user.set_password(PASSWORD)
    user.save()
    browser = Client()
    with translation.override("en"):  # the next tests start in English again
        response = browser.post(
            reverse("login"),
            {"username": user.username, "password": PASSWORD},
            HTTP_ACCEPT_LANGUAGE=language,
        )
    assert response.status_code == 302
    return browser


def test_an_ngo_that_applied_in_french_is_written_to_in_french_by_english_staff(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = new_application(CivilSocietyProcessFactory())
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        applications.submit_application(
            application=application, representatives=[rep(DelegationFactory())]
        )
    application.refresh_from_db()
    applications.confirm_application(application=application)

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        review.request_information(
            applications=Application.objects.filter(pk=application.pk),
            message="Please send your statutes.",
        )

    confirmation, more_information = mailoutbox
    assert "Please send your statutes." in more_information.body
    for mail in (confirmation, more_information):
        assert "Cabinet du Président de l'Assemblée générale" in mail.body
        assert parseaddr(mail.from_email)[0] == "Cabinet du Président de l'Assemblée générale"


def test_staff_in_english_move_a_statement_each_focal_point_is_told_in_its_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    speakers_list = SpeakersListFactory()
    delegation = DelegationFactory(name="Nepal")
    french = FocalPointFactory(delegation=delegation, user=UserFactory(email="fr@np.example"))
    english = FocalPointFactory(delegation=delegation, user=UserFactory(email="en@np.example"))
    _sign_in(french.user, "fr")
    _sign_in(english.user, "en")
    inscription = inscribe(speakers_list, delegation, Level.HEAD_OF_DELEGATION)
    mailoutbox.clear()

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.change_speaker(
            inscription=inscription,
            details=SpeakerDetails(
                honorific="H.E. Mr.", speaker_name="Ram Thapa", function="Minister",
                level=Level.MINISTER, on_behalf_of=None, gender="male",
            ),
            actor=UserFactory(is_staff=True),
            by_staff=True,
        )  # fmt: skip

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert sorted(by_address) == ["en@np.example", "fr@np.example"]
    assert "Ram Thapa" in by_address["fr@np.example"].body
    assert "Cabinet du Président de l'Assemblée générale" in by_address["fr@np.example"].body
    assert "Office of the President of the General Assembly" in by_address["en@np.example"].body
    sender = parseaddr(by_address["en@np.example"].from_email)[0]
    assert sender == "Office of the President of the General Assembly"


@pytest.mark.parametrize(
    ("gender", "french"),
    [
        ("male", "Vice-Premier Ministre"),
        ("female", "Vice-Première Ministre"),
        ("", "Vice-Premier(ère) Ministre"),
    ],
)
def test_the_level_agrees_with_a_speaker_whose_gender_is_known(
    gender, french, mailoutbox, django_capture_on_commit_callbacks
):
    """“Vice-Premier(ère) Ministre” only when the form did not say; otherwise as said of him
    or of her (the mail, the delegation's page, the admin's order of the list, the API)."""
    delegation = DelegationFactory(name="Nepal")
    FocalPointFactory(delegation=delegation, user=UserFactory(email="fp@np.example"), language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        inscription = inscribe(
            SpeakersListFactory(), delegation, Level.DEPUTY_PRIME_MINISTER, gender=gender
        )

    (mail,) = mailoutbox
    assert f"Niveau de représentation\u00a0: {french}\n" in mail.body
    with translation.override("fr"):
        assert inscription.level_label == french


def test_the_non_objection_note_reads_in_each_recipients_language_not_the_staff_members(
    mailoutbox, django_capture_on_commit_callbacks
):
    """Sent from the French admin: a focal point who signed in in English reads it in English,
    a French-speaking one in French, a mission's address in the office's language (English);
    and it says the basis of an objection goes to the organization on request only."""
    from stakeholders.services import proposed_lists
    from tests.stakeholders.factories import ApplicationFactory as Applying

    application = Applying(process=CivilSocietyProcessFactory(), status="shortlisted")
    proposed = proposed_lists.build_proposed_list(process=application.process)
    for code, language in (("ECU", "en"), ("SEN", "fr")):
        FocalPointFactory(
            delegation=DelegationFactory(code=code, name=code, mission_email=f"{code}@pm.example"),
            user=UserFactory(email=f"fp-{code}@pm.example"),
            language=language,
        )

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        proposed_lists.submit_to_member_states(
            proposed_list=proposed, deadline=timezone.now() + timedelta(days=3)
        )

    english = "presents its compliments"
    by_address = {mail.to[0]: mail.body for mail in mailoutbox}
    assert english in by_address["fp-ECU@pm.example"]
    assert english not in by_address["fp-SEN@pm.example"]
    assert english in by_address["ECU@pm.example"] and english in by_address["SEN@pm.example"]
    assert "on request" in " ".join(by_address["ECU@pm.example"].split())
    subjects = {mail.to[0]: mail.subject for mail in mailoutbox}
    title = application.process.meeting.short_title
    assert subjects["fp-SEN@pm.example"] == (
        f"Liste de la société civile, procédure de non-objection\u00a0: {title}"
    )
