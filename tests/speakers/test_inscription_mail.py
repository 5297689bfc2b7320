"""The e-mail a delegation's focal points receive for each change of its inscription."""

import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from meetings.enums import DelegationKind
from speakers import services
from speakers.acknowledgements import acknowledge_list, recover_unacknowledged
from speakers.enums import ChangeKind, Level
from speakers.services import SpeakerDetails
from tests.meetings.factories import (
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    UserFactory,
)
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db

SIGNATURE = "Office of the President of the General Assembly"


@pytest.fixture
def nepal():
    delegation = DelegationFactory(name="Nepal")
    FocalPointFactory(delegation=delegation, user=UserFactory(email="fp@nepal.example"))
    return delegation


@pytest.fixture
def speakers_list():
    return SpeakersListFactory(meeting=MeetingFactory(short_title="Women's & children's rights"))


def test_inscription_mail_has_a_plain_subject_and_is_signed_by_the_office(
    speakers_list, nepal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inscribe(speakers_list, nepal, Level.MINISTER)

    (mail,) = mailoutbox
    assert mail.subject == "Inscription acknowledged: Women's & children's rights: Plenary meetings"
    assert "acknowledges the inscription of Nepal" in mail.body
    assert re.search(
        r"Time of inscription: \d{1,2} \w+ \d{4}, \d{1,2}\.\d\d\.\d\d\u00a0[ap]\.m\. ", mail.body
    )
    assert mail.body.rstrip().endswith(SIGNATURE)
    assert "Affairs Branch" not in mail.body


def test_a_changed_speaker_is_told_as_a_change_not_as_an_inscription(
    speakers_list, nepal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inscription = inscribe(speakers_list, nepal, Level.MINISTER)
    details = SpeakerDetails(
        honorific="Mr.", speaker_name="Ram Thapa", function="Deputy Minister", level=Level.MINISTER
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.change_speaker(inscription=inscription, details=details, actor=None)

    mail = mailoutbox[-1]
    assert mail.subject == "Speaker changed: Women's & children's rights: Plenary meetings"
    assert "acknowledges the inscription" not in mail.body
    assert "The speaker of Nepal on the list of speakers" in mail.body
    assert "Speaker: Mr. Ram Thapa, Deputy Minister" in mail.body
    assert "Place on the list: 1\n" in mail.body  # as the delegation's page says
    assert mail.body.rstrip().endswith(SIGNATURE)


def test_a_move_tells_the_delegation_its_new_place(
    speakers_list, nepal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = inscribe(speakers_list, DelegationFactory(name="Peru"), Level.MINISTER)
        mine = inscribe(speakers_list, nepal, Level.MINISTER)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.move(inscription=mine, to_position=1, actor=None)

    assert first.changes.get(kind=ChangeKind.INSCRIBED).to_position == 1
    (mail,) = mailoutbox
    assert mail.to == ["fp@nepal.example"]
    assert mail.subject == "Place changed: Women's & children's rights: Plenary meetings"
    assert "has been moved from place 2 to place 1" in mail.body
    assert mail.body.rstrip().endswith(SIGNATURE)


def test_a_withdrawal_is_acknowledged(
    speakers_list, nepal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inscription = inscribe(speakers_list, nepal, Level.MINISTER)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(inscription=inscription, actor=None)
        services.withdraw(inscription=inscription, actor=None)  # a second click: no second mail

    (mail,) = mailoutbox
    assert mail.subject == "Inscription withdrawn: Women's & children's rights: Plenary meetings"
    assert "The statement of Nepal on the list of speakers" in mail.body
    assert "is withdrawn" in mail.body
    assert mail.body.rstrip().endswith(SIGNATURE)


def test_the_european_unions_acknowledgement_says_it_speaks_for_the_eu_and_its_member_states(
    speakers_list, mailoutbox, django_capture_on_commit_callbacks
):
    eu = DelegationFactory(name="European Union", kind=DelegationKind.EUROPEAN_UNION)
    FocalPointFactory(delegation=eu, user=UserFactory(email="fp@eu.example"))

    with django_capture_on_commit_callbacks(execute=True):
        inscribe(speakers_list, eu, Level.HEAD_OF_DELEGATION)

    (mail,) = mailoutbox
    assert "acknowledges the inscription of European Union" in mail.body
    assert "On behalf of the European Union and its member States\n" in mail.body


def test_a_focal_point_signed_in_in_french_is_acknowledged_in_french_with_the_place(
    speakers_list, nepal, mailoutbox, django_capture_on_commit_callbacks
):
    user = nepal.focal_points.get().user
    user.set_password("a-long-demo-password-2017")
    user.save()
    delegate = Client()
    with translation.override("en"):
        delegate.post(
            reverse("login"),
            {"username": user.username, "password": "a-long-demo-password-2017"},
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    form = {
        "honorific": "S.E. M.",
        "speaker_name": "Ram Thapa",
        "function": "Ministre des affaires étrangères",
        "level": Level.MINISTER,
        "on_behalf_of": "",
        "gender": "male",
    }

    # (the override puts English back for the next tests once the French request is over)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        delegate.post(
            reverse("speakers:inscribe", args=[speakers_list.pk]),
            form,
            HTTP_ACCEPT_LANGUAGE="fr",
        )

    (mail,) = mailoutbox
    assert mail.subject.startswith("Accusé de réception de l'inscription\u00a0: ")
    assert "Rang sur la liste\u00a0: 1\n" in mail.body
    opening = mail.body.split(".\n")[0]  # one colon in its first sentence, before the list
    assert opening.count(":") == 1, opening
    # to the second, as French writes a time ("7 h 58 min 09 s"), not "07:58:09"
    assert re.search(
        r"Heure d'inscription\u00a0: \d{1,2} \w+ \d{4}, \d{1,2}\u00a0h\u00a0\d\d\u00a0min\u00a0\d\d\u00a0s ",
        mail.body,
    ), mail.body


def test_a_change_whose_task_was_lost_is_told_once_by_the_recovery(
    speakers_list, nepal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # the task never reaches a worker
        inscribe(speakers_list, DelegationFactory(name="Peru"), Level.MINISTER)
        inscribe(speakers_list, nepal, Level.MINISTER)
    assert not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        told = recover_unacknowledged(older_than=timedelta(0))
        again = recover_unacknowledged(older_than=timedelta(0))

    assert (told, again) == (1, 0)  # Peru has no focal point: nobody to tell
    (mail,) = mailoutbox
    assert mail.to == ["fp@nepal.example"]
    assert "acknowledges the inscription of Nepal" in mail.body
    assert "Place on the list: 2\n" in mail.body


def test_an_acknowledgement_task_run_twice_sends_one_message(
    speakers_list, nepal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        inscribe(speakers_list, nepal, Level.MINISTER)

    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_commit * 2:  # a worker lost after its work: the task runs again
            callback()

    (mail,) = mailoutbox
    assert "Place on the list: 1\n" in mail.body


def test_a_focal_point_named_after_a_change_is_not_told_of_it(
    speakers_list, mailoutbox, django_capture_on_commit_callbacks
):
    peru = DelegationFactory(name="Peru")
    with django_capture_on_commit_callbacks(execute=True):
        inscribe(speakers_list, peru, Level.MINISTER)
    FocalPointFactory(delegation=peru, user=UserFactory(email="new@peru.example"))

    with django_capture_on_commit_callbacks(execute=True):
        told = recover_unacknowledged(older_than=timedelta(0))

    assert told == 0
    assert not mailoutbox


def test_changes_waiting_for_the_worker_are_told_by_its_next_run_each_with_its_place(
    speakers_list, mailoutbox, django_capture_on_commit_callbacks
):
    # The opening-minute rush: the worker is busy while three delegations inscribe.
    delegations = [DelegationFactory(name=name) for name in ("Nepal", "Peru", "Chile")]
    for delegation in delegations:
        FocalPointFactory(
            delegation=delegation, user=UserFactory(email=f"fp@{delegation.name.lower()}.example")
        )
    with django_capture_on_commit_callbacks() as after_commit:
        for delegation in delegations:
            inscribe(speakers_list, delegation, Level.MINISTER)

    with django_capture_on_commit_callbacks(execute=True):
        told = acknowledge_list(list_id=speakers_list.pk)  # the worker's next run
    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_commit:  # the runs the three requests asked for: nothing left
            callback()

    assert told == 3
    places = {
        mail.to[0]: re.search(r"Place on the list: (\d+)", mail.body)[1] for mail in mailoutbox
    }
    assert places == {"fp@nepal.example": "1", "fp@peru.example": "2", "fp@chile.example": "3"}


def test_the_log_of_changes_shows_staff_which_changes_the_focal_points_were_told_of(
    speakers_list, nepal, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inscribe(speakers_list, nepal, Level.MINISTER)
    with django_capture_on_commit_callbacks():  # the worker has not come to it yet
        inscribe(speakers_list, DelegationFactory(name="Peru"), Level.MINISTER)

    page = admin_client.get(reverse("admin:speakers_listchange_changelist")).content.decode()

    assert "Focal points told" in page
    rows = {row.split("</tr>")[0] for row in page.split("<tr")[1:]}
    nepal_row = next(row for row in rows if "Nepal" in row)
    peru_row = next(row for row in rows if "Peru" in row)
    told = re.compile(r'class="field-told_at[^"]*">([^<]*)<')
    assert told.search(nepal_row)[1] not in ("", "-")  # the time they were told
    assert told.search(peru_row)[1] == "-"  # not told yet
