from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from meetings.enums import MessageStatus
from meetings.models import GroupOfStates, OutgoingMessage
from speakers import services
from speakers.enums import ChangeKind, InscriptionStatus, Level, SpeakerCategory
from speakers.models import Inscription, ListChange
from speakers.selectors import ordered_list
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def speakers_list():
    return SpeakersListFactory()


@pytest.fixture
def group():
    return GroupOfStates.objects.create(name="Group of 77 and China", short_name="G77")


def places(speakers_list):
    return [
        row.inscription.delegation.name for row in ordered_list(speakers_list=speakers_list).rows
    ]


def test_inscription_is_acknowledged_by_mail_to_every_focal_point(
    speakers_list, mailoutbox, django_capture_on_commit_callbacks
):
    delegation = DelegationFactory(name="Nepal")
    FocalPointFactory(delegation=delegation, user=UserFactory(email="one@nepal.example"))
    FocalPointFactory(delegation=delegation, user=UserFactory(email="two@nepal.example"))

    with django_capture_on_commit_callbacks(execute=True):
        inscription = inscribe(speakers_list, delegation, Level.MINISTER)

    assert inscription.category == SpeakerCategory.STATE
    assert sorted(m.to[0] for m in mailoutbox) == ["one@nepal.example", "two@nepal.example"]
    assert "acknowledges the inscription of Nepal" in mailoutbox[0].body
    assert "Level of representation: Minister" in mailoutbox[0].body
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    change = ListChange.objects.get()
    assert (change.kind, change.to_position) == (ChangeKind.INSCRIBED, 1)


def test_inscription_before_opening_is_refused_with_a_message():
    speakers_list = SpeakersListFactory(
        opens_at=timezone.now() + timedelta(hours=2), closes_at=timezone.now() + timedelta(days=2)
    )

    with pytest.raises(ValidationError) as error:
        inscribe(speakers_list, DelegationFactory())

    assert error.value.messages[0].startswith("Inscription opens on ")


def test_inscription_after_closing_is_refused_but_staff_can_still_add():
    speakers_list = SpeakersListFactory(
        opens_at=timezone.now() - timedelta(days=2), closes_at=timezone.now() - timedelta(hours=1)
    )

    with pytest.raises(ValidationError) as error:
        inscribe(speakers_list, DelegationFactory())
    inscribe(speakers_list, DelegationFactory(), by_staff=True)

    assert error.value.messages == ["The list of speakers is closed."]
    assert speakers_list.inscriptions.count() == 1


def test_final_list_refuses_even_staff(speakers_list):
    services.finalize_list(speakers_list=speakers_list)

    with pytest.raises(ValidationError):
        inscribe(speakers_list, DelegationFactory(), by_staff=True)


def test_same_form_sent_twice_creates_one_inscription(speakers_list):
    delegation = DelegationFactory()

    first = inscribe(speakers_list, delegation)
    second = inscribe(speakers_list, delegation)

    assert first.pk == second.pk
    assert speakers_list.inscriptions.count() == 1


def test_second_speaker_for_the_same_delegation_is_refused(speakers_list):
    delegation = DelegationFactory(name="Chile")
    inscribe(speakers_list, delegation)

    with pytest.raises(ValidationError) as error:
        inscribe(speakers_list, delegation, speaker_name="Someone else")

    assert error.value.messages == ["Chile is already inscribed on this list."]


def test_database_refuses_two_statements_of_one_delegation(speakers_list):
    inscription = inscribe(speakers_list, DelegationFactory())
    inscription.pk = None

    with pytest.raises(IntegrityError), transaction.atomic():
        inscription.save()


def test_one_statement_per_group_of_states(speakers_list, group):
    inscribe(speakers_list, DelegationFactory(), group=group, by_staff=True)

    with pytest.raises(ValidationError) as error:
        inscribe(speakers_list, DelegationFactory(), group=group, by_staff=True)

    assert error.value.messages == [
        "A statement on behalf of the Group of 77 and China is already inscribed on this list."
    ]


def test_withdrawn_statement_frees_its_place_and_may_inscribe_again(speakers_list):
    delegation = DelegationFactory(name="Peru")
    first = inscribe(speakers_list, delegation)
    inscribe(speakers_list, DelegationFactory(name="Fiji"))

    services.withdraw(inscription=first, actor=None)
    assert places(speakers_list) == ["Fiji"]
    inscribe(speakers_list, delegation, speaker_name="New speaker")

    assert places(speakers_list) == ["Fiji", "Peru"]


def test_change_of_level_moves_the_statement_and_says_from_where(speakers_list):
    early = inscribe(speakers_list, DelegationFactory(name="Early"), Level.HEAD_OF_DELEGATION)
    inscribe(speakers_list, DelegationFactory(name="Minister"), Level.MINISTER)

    details = services.SpeakerDetails(
        honorific="H.E. Mr.",
        speaker_name="Prime Minister",
        function="Prime Minister",
        level=Level.HEAD_OF_GOVERNMENT,
    )
    before, after = services.change_speaker(inscription=early, details=details, actor=None)

    assert (before, after) == (2, 1)
    assert places(speakers_list) == ["Early", "Minister"]


def test_staff_move_stays_put_when_others_inscribe_later(speakers_list):
    inscribe(speakers_list, DelegationFactory(name="A"))
    inscribe(speakers_list, DelegationFactory(name="B"))
    c = inscribe(speakers_list, DelegationFactory(name="C"))
    staff = UserFactory(is_staff=True)

    services.move(inscription=c, to_position=1, actor=staff)
    inscribe(speakers_list, DelegationFactory(name="Minister"), Level.MINISTER)

    assert places(speakers_list) == ["C", "Minister", "A", "B"]
    moved = ListChange.objects.get(kind=ChangeKind.MOVED)
    assert (moved.from_position, moved.to_position, moved.actor) == (3, 1, staff)


def test_move_outside_the_list_is_refused(speakers_list):
    a = inscribe(speakers_list, DelegationFactory())

    with pytest.raises(ValidationError) as error:
        services.move(inscription=a, to_position=5, actor=None)

    assert error.value.messages == ["Choose a place between 1 and 1."]


def test_swap_agreed_by_both_delegations_and_approved_by_staff(speakers_list):
    first = inscribe(speakers_list, DelegationFactory(name="First"))
    inscribe(speakers_list, DelegationFactory(name="Middle"))
    last = inscribe(speakers_list, DelegationFactory(name="Last"))
    staff = UserFactory(is_staff=True)

    request = services.request_swap(requester=last, counterpart=first, actor=None)
    with pytest.raises(ValidationError):
        services.approve_swap(swap_request=request, actor=staff)  # not accepted yet
    services.answer_swap(swap_request=request, delegation=first.delegation, accept=True, actor=None)
    services.approve_swap(swap_request=request, actor=staff)

    assert places(speakers_list) == ["Last", "Middle", "First"]
    swaps = ListChange.objects.filter(kind=ChangeKind.SWAPPED).order_by("pk")
    assert [(c.inscription.delegation.name, c.from_position, c.to_position) for c in swaps] == [
        ("Last", 3, 1),
        ("First", 1, 3),
    ]


def test_only_the_other_delegation_can_answer_a_swap(speakers_list):
    first = inscribe(speakers_list, DelegationFactory())
    second = inscribe(speakers_list, DelegationFactory())
    request = services.request_swap(requester=first, counterpart=second, actor=None)

    with pytest.raises(Exception) as error:
        services.answer_swap(
            swap_request=request, delegation=first.delegation, accept=True, actor=None
        )

    assert error.type.__name__ == "PermissionDenied"


def test_speakers_not_reached_carry_over_to_the_next_meeting(speakers_list):
    entries = [inscribe(speakers_list, DelegationFactory()) for _ in range(3)]
    services.mark_heard(inscription=entries[0], actor=None)

    carried = services.advance_meeting(speakers_list=speakers_list, actor=None)

    ordered = ordered_list(speakers_list=speakers_list)
    assert carried == 2
    assert ordered.rows[0].projection is None  # heard
    assert ordered.rows[1].projection.starts_at.hour == 15  # the afternoon meeting
    assert Inscription.objects.get(pk=entries[0].pk).status == InscriptionStatus.HEARD


def test_civil_society_speaks_last_where_the_list_allows_it():
    panel = SpeakersListFactory(civil_society_allowed=True)
    details = services.SpeakerDetails(
        honorific="Ms.", speaker_name="Rani Hong", function="CEO", level=Level.HEAD_OF_DELEGATION
    )
    services.inscribe(
        speakers_list=panel, delegation=None, organization="The Tronie Foundation",
        details=details, actor=None, by_staff=True,
    )  # fmt: skip
    inscribe(panel, DelegationFactory(name="Sweden"))

    rows = ordered_list(speakers_list=panel).rows

    assert [r.inscription.entity_name for r in rows] == ["Sweden", "The Tronie Foundation"]
    assert rows[1].inscription.category == SpeakerCategory.CIVIL_SOCIETY


def test_civil_society_is_refused_where_the_list_does_not_allow_it(speakers_list):
    details = services.SpeakerDetails(honorific="", speaker_name="X", function="Y", level=7)

    with pytest.raises(ValidationError) as error:
        services.inscribe(
            speakers_list=speakers_list, delegation=None, organization="NGO",
            details=details, actor=None, by_staff=True,
        )  # fmt: skip

    assert error.value.messages == ["Civil society does not take the floor on this list."]


def test_demo_lists_load_twice_without_change(demo_lists):
    from speakers.demo import load_demo_lists

    before = Inscription.objects.count()
    lists = load_demo_lists(meeting=demo_lists[0].meeting)

    assert Inscription.objects.count() == before == 67
    plenary = ordered_list(speakers_list=lists[0])
    assert plenary.rows[0].inscription.on_behalf_of.short_name == "G77"
    assert plenary.timetable.can_be_exhausted


def test_closing_reminder_goes_once_to_delegations_not_yet_inscribed(
    mailoutbox, django_capture_on_commit_callbacks
):
    speakers_list = SpeakersListFactory(closes_at=timezone.now() + timedelta(hours=5))
    waiting = FocalPointFactory(user=UserFactory(email="late@mission.example"))
    done = FocalPointFactory(user=UserFactory(email="early@mission.example"))
    inscribe(speakers_list, done.delegation)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_closing_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.send_closing_reminders()

    assert (first, second) == (1, 0)
    reminders = [m for m in mailoutbox if m.subject.startswith("Reminder")]
    assert [m.to for m in reminders] == [["late@mission.example"]]
    assert waiting.delegation.name in reminders[0].body


def test_the_opening_of_a_list_is_told_in_the_delegations_language():
    """“Les inscriptions seront ouvertes le 27 novembre 2036, 7 h 30.”: the month and the time
    as each language writes them (the month was printed in English on French pages)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.core.management import call_command
    from django.utils import translation

    call_command("compilemessages", "--ignore=.venv", verbosity=0)
    opens = datetime(2036, 11, 27, 7, 30, tzinfo=ZoneInfo("America/New_York"))
    speakers_list = SpeakersListFactory(opens_at=opens, closes_at=opens + timedelta(days=2))

    messages = {}
    for language in ("en", "fr"):
        with translation.override(language), pytest.raises(ValidationError) as error:
            inscribe(speakers_list, DelegationFactory())
        messages[language] = error.value.messages[0]

    assert messages["en"] == "Inscription opens on 27 November 2036, 7.30\u00a0a.m."
    assert (
        messages["fr"] == "Les inscriptions seront ouvertes le 27 novembre 2036, 7\u00a0h\u00a030."
    )
