"""Messages that put a delegation's or a group's name into a sentence read right in French.

French names a State with its article ("la Belgique", "le Bélarus", "les Philippines"),
contracts it after "de" ("du Bélarus", "des Philippines") and agrees the verb with the name;
as the portal cannot know every name's gender and number, the French is worded so the verb
agrees with "la délégation". A group is named as its "on behalf of" phrase gives it ("au nom
du Groupe des 77 et de la Chine": French repeats "de" before each name it joins). English
reads as before, with "the" before a group's name.
"""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from meetings.models import Delegation, GroupChair, GroupOfStates, Room, SideEvent
from meetings.services import side_events
from speakers import services
from stakeholders.services import applications
from tests.meetings.factories import FocalPointFactory, UserFactory
from tests.speakers.factories import FORM, SpeakersListFactory, inscribe
from tests.stakeholders.factories import CivilSocietyProcessFactory
from tests.stakeholders.test_services import submit
from tests.test_french import french_catalogue  # noqa: F401

pytestmark = pytest.mark.usefixtures("french_catalogue", "reference_data")


def state(code: str) -> Delegation:
    return Delegation.objects.get(code=code)


def group(short_name: str) -> GroupOfStates:
    return GroupOfStates.objects.get(short_name=short_name)


def refusal(language: str, call) -> str:
    with translation.override(language), pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


def page_text(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(text.replace("&#x27;", "'").replace("&#39;", "'").split())


@pytest.fixture(autouse=True)
def _english_after():
    """A request in French leaves French active in the thread: the next test starts in English."""
    yield
    translation.activate("en")


@pytest.fixture
def speakers_list():
    with translation.override("en"):  # its rooms are the reference data's English names
        return SpeakersListFactory()


def test_a_second_speaker_is_refused_naming_the_delegation_the_french_way(speakers_list):
    belgium = FocalPointFactory(delegation=state("BEL"))
    client = Client()
    client.force_login(belgium.user)
    url = reverse("speakers:inscribe", args=[speakers_list.pk])
    client.post(url, FORM, HTTP_ACCEPT_LANGUAGE="fr")

    french = client.post(url, {**FORM, "speaker_name": "Other"}, HTTP_ACCEPT_LANGUAGE="fr")
    english = client.post(url, {**FORM, "speaker_name": "Other"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "La délégation de la Belgique est déjà inscrite sur cette liste." in page_text(french)
    assert "Belgium is already inscribed on this list." in page_text(english)


@pytest.mark.parametrize(
    ("code", "french"),
    [
        ("BLR", "La délégation du Bélarus est déjà inscrite sur cette liste."),
        ("PHL", "La délégation des Philippines est déjà inscrite sur cette liste."),
        ("ECU", "La délégation de l'Équateur est déjà inscrite sur cette liste."),
        ("CUB", "La délégation de Cuba est déjà inscrite sur cette liste."),
    ],
)
def test_the_refusal_contracts_the_article_after_de(speakers_list, code, french):
    delegation = state(code)
    inscribe(speakers_list, delegation)

    again = lambda: inscribe(speakers_list, delegation, speaker_name="Other")  # noqa: E731

    assert refusal("fr", again) == french
    assert refusal("en", again) == f"{delegation.name_en} is already inscribed on this list."


@pytest.mark.parametrize(
    ("short_name", "french", "english"),
    [
        (
            "G77",
            "Une déclaration au nom du Groupe des 77 et de la Chine est déjà inscrite sur cette liste.",
            "A statement on behalf of the Group of 77 and China is already inscribed on this list.",
        ),
        (
            "NORDIC",
            "Une déclaration au nom des pays nordiques est déjà inscrite sur cette liste.",
            "A statement on behalf of the Nordic countries is already inscribed on this list.",
        ),
    ],
)
def test_a_second_statement_for_a_group_names_the_group_with_its_article(
    speakers_list, short_name, french, english
):
    inscribe(speakers_list, state("ECU"), group=group(short_name), by_staff=True)

    again = lambda: inscribe(speakers_list, state("NPL"), group=group(short_name), by_staff=True)  # noqa: E731

    assert refusal("fr", again) == french
    assert refusal("en", again) == english


@pytest.mark.parametrize(
    ("short_name", "french"),
    [
        ("AG", "Seule la présidence du Groupe des États d'Afrique pour cette période"),
        ("AOSIS", "Seule la présidence de l'Alliance des petits États insulaires pour cette"),
        ("NORDIC", "Seule la présidence des pays nordiques pour cette période, ou le"),
    ],
)
def test_only_the_chair_speaks_for_the_group_said_with_the_groups_article(
    speakers_list, short_name, french
):
    attempt = lambda: inscribe(speakers_list, state("BEL"), group=group(short_name))  # noqa: E731

    assert refusal("fr", attempt).startswith(french)
    assert refusal("en", attempt).startswith(f"Only the chair of the {group(short_name).name_en}")


def test_the_record_of_a_groups_chair_names_state_and_group_the_french_way():
    g77 = group("G77")
    g77.members.add(state("ECU"))
    GroupChair.objects.create(
        group=g77, delegation=state("ECU"), starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    not_member = GroupChair(
        group=g77, delegation=state("PHL"), starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    overlapping = GroupChair(
        group=g77, delegation=state("ECU"), starts_on=date(2026, 6, 1), ends_on=date(2027, 5, 31)
    )

    assert refusal("fr", not_member.full_clean) == (
        "Seul un membre du Groupe des 77 et de la Chine peut assurer sa présidence, ce qui n'est "
        "pas "
        "le cas des Philippines."
    )
    assert refusal("en", not_member.full_clean) == (
        "Philippines is not a member of the Group of 77 and China."
    )
    assert refusal("fr", overlapping.full_clean) == (
        "Une autre présidence du Groupe des 77 et de la Chine est enregistrée pour une partie de "
        "cette période."
    )


def test_the_dashboard_and_the_swap_request_name_the_other_delegation_the_french_way(
    speakers_list,
):
    belarus, philippines = (FocalPointFactory(delegation=state(c)) for c in ("BLR", "PHL"))
    own = inscribe(speakers_list, belarus.delegation)
    other = inscribe(speakers_list, philippines.delegation)
    client = Client()
    client.force_login(belarus.user)

    sent = client.post(
        reverse("speakers:request_swap", args=[own.pk]),
        {"counterpart": other.pk},
        HTTP_ACCEPT_LANGUAGE="fr",
        follow=True,
    )
    client.force_login(philippines.user)
    dashboard = client.get(reverse("speakers:dashboard"), HTTP_ACCEPT_LANGUAGE="fr")

    assert "Votre demande d'échange de rang avec les Philippines a été envoyée." in page_text(sent)
    assert "La délégation du Bélarus demande à échanger son rang avec le vôtre" in page_text(
        dashboard
    )


def test_the_inscription_mail_names_the_delegation_with_its_article(
    speakers_list, mailoutbox, django_capture_on_commit_callbacks
):
    focal_point = FocalPointFactory(
        delegation=state("BLR"), user=UserFactory(email="fp@belarus.example"), language="fr"
    )

    with django_capture_on_commit_callbacks(execute=True):
        inscription = inscribe(speakers_list, state("BLR"))
    focal_point.language = "en"  # signed in on an English page since
    focal_point.save()
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.withdraw(inscription=inscription, actor=None)

    french, english = (" ".join(mail.body.split()) for mail in mailoutbox)
    assert "accuse réception de l'inscription du Bélarus sur la liste des orateurs" in french
    assert "The statement of Belarus on the list of speakers:" in english


def test_the_side_event_mails_name_the_delegation_without_a_wrong_agreement(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = SideEvent.objects.create(
        title="Roundtable", slug="roundtable", organizer=state("BLR"), seats=1,
        room=Room.objects.get(name_en="Conference Room 8"), is_published=True,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1),
        registration_closes_at=timezone.now() + timedelta(days=2),
        contact_name="Ms Irina", contact_email="c@example.org",
    )  # fmt: skip
    FocalPointFactory(
        delegation=state("PHL"), user=UserFactory(email="fp@philippines.example"), language="fr"
    )
    register = lambda code: side_events.register(  # noqa: E731
        side_event=event, delegation=state(code), attendee_name="A", attendee_function="Counsellor",
        wishes_to_speak=False, actor=None,
    )  # fmt: skip

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        seated = register("CUB")
        register("PHL")
        side_events.withdraw(registration=seated)

    waiting, seat_freed = (" ".join(mail.body.split()) for mail in mailoutbox)
    assert "la délégation des Philippines figure sur la liste d'attente" in waiting
    assert "la délégation des Philippines quitte la liste d'attente" in seat_freed


def test_the_mails_to_an_organization_name_it_whatever_its_first_word(
    mailoutbox, django_capture_on_commit_callbacks
):
    # French cannot put "de" before any name ("de Association des femmes", "de Oxfam"): the mails
    # say "de l'organisation « … »", as they say "la délégation de …" for a State.
    process = CivilSocietyProcessFactory()

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        application = submit(process, name="Association des femmes pour la dignité")
        applications.confirm_application(application=application)

    asked, received = (" ".join(mail.body.split()) for mail in mailoutbox)
    named = "l'organisation « Association des femmes pour la dignité »"
    assert f"de la candidature de {named} en vue de participer" in asked
    assert f"La candidature de {named} a été soumise" in received
    assert "de Association" not in asked + received


def test_the_state_of_a_list_reads_on_its_own_beside_the_lists_name(client, speakers_list):
    """“Séances plénières · Inscriptions ouvertes”: a bare “Ouverte” read as agreeing with
    the plenary meetings beside it, not with the list."""
    page = page_text(
        client.get(f"/meetings/{speakers_list.meeting.slug}/speakers/", HTTP_ACCEPT_LANGUAGE="fr")
    )

    assert re.search(r"Inscriptions (pas encore ouvertes|ouvertes|closes)", page), page[:400]
