"""Who speaks for a group of States, the European Union among the groups, and the national
statement beside the group's (DOMAIN §3; issue 12, points 1 to 3)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from meetings.enums import DelegationKind
from meetings.models import GroupChair, GroupOfStates
from speakers import services
from speakers.enums import Level
from speakers.selectors import ordered_list, statement_minutes
from tests.meetings.factories import DelegationFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db

REFUSED_G77 = (
    "Only the chair of the Group of 77 and China for this period, or the Secretariat, may "
    "inscribe a statement on its behalf."
)


@pytest.fixture
def speakers_list():
    return SpeakersListFactory()  # its meeting opens on 28 September 2026


@pytest.fixture
def g77():
    return GroupOfStates.objects.create(name="Group of 77 and China", short_name="G77")


@pytest.fixture
def african_group():
    return GroupOfStates.objects.create(name="African Group", short_name="AG")


def chair(group, delegation, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)):
    return GroupChair.objects.create(
        group=group, delegation=delegation, starts_on=starts_on, ends_on=ends_on
    )


def entries(speakers_list):
    return [
        (row.inscription.entity_name, row.inscription.capacity)
        for row in ordered_list(speakers_list=speakers_list).rows
    ]


def test_a_delegation_that_does_not_chair_the_group_is_refused_with_a_message(
    speakers_list, african_group
):
    nigeria = DelegationFactory(name="Nigeria")
    chair(african_group, nigeria, date(2026, 9, 1), date(2026, 9, 30))

    with pytest.raises(ValidationError) as error:
        inscribe(speakers_list, DelegationFactory(name="Belgium"), group=african_group)
    inscribe(speakers_list, nigeria, group=african_group)

    assert error.value.messages == [
        "Only the chair of the African Group for this period, or the Secretariat, may "
        "inscribe a statement on its behalf."
    ]
    assert entries(speakers_list) == [("Nigeria", "on behalf of the African Group")]


def test_the_chair_of_another_month_no_longer_speaks_for_a_rotating_group(
    speakers_list, african_group
):
    august, september = DelegationFactory(name="Morocco"), DelegationFactory(name="Nigeria")
    chair(african_group, august, date(2026, 8, 1), date(2026, 8, 31))
    chair(african_group, september, date(2026, 9, 1), date(2026, 9, 30))

    with pytest.raises(ValidationError):
        inscribe(speakers_list, august, group=african_group)
    inscribe(speakers_list, september, group=african_group)

    assert entries(speakers_list) == [("Nigeria", "on behalf of the African Group")]


def test_the_secretariat_inscribes_for_a_group_without_a_chair_recorded(speakers_list, g77):
    inscribe(speakers_list, DelegationFactory(name="Ecuador"), group=g77, by_staff=True)

    assert entries(speakers_list) == [("Ecuador", "on behalf of the Group of 77 and China")]


def test_a_national_statement_cannot_be_turned_into_a_group_statement_by_another(
    speakers_list, g77
):
    own = inscribe(speakers_list, DelegationFactory(name="Belgium"))
    details = services.SpeakerDetails(
        honorific="H.E.", speaker_name="X", function="Y", level=Level.MINISTER, on_behalf_of=g77
    )

    with pytest.raises(ValidationError) as error:
        services.change_speaker(inscription=own, details=details, actor=None)

    assert error.value.messages == [REFUSED_G77]


def test_the_g77_chair_speaks_for_the_group_and_for_its_country(speakers_list, g77):
    ecuador = DelegationFactory(name="Ecuador")
    chair(g77, ecuador)
    inscribe(speakers_list, DelegationFactory(name="Nepal"), Level.MINISTER)

    national = inscribe(speakers_list, ecuador, Level.MINISTER, speaker_name="Minister")
    group = inscribe(speakers_list, ecuador, Level.MINISTER, group=g77, speaker_name="Minister")
    again = inscribe(speakers_list, ecuador, Level.MINISTER, group=g77, speaker_name="Minister")

    assert again.pk == group.pk  # the same form sent twice
    assert entries(speakers_list) == [
        ("Ecuador", "on behalf of the Group of 77 and China"),
        ("Nepal", ""),
        ("Ecuador", ""),
    ]
    assert statement_minutes(speakers_list, group) == 5
    assert statement_minutes(speakers_list, national) == 3
    with pytest.raises(ValidationError) as error:
        inscribe(speakers_list, ecuador, speaker_name="Another minister")
    assert error.value.messages == ["Ecuador is already inscribed on this list."]


def test_the_database_allows_one_national_statement_and_one_per_group(speakers_list, g77):
    ecuador = DelegationFactory()
    chair(g77, ecuador)
    national = inscribe(speakers_list, ecuador)
    group = inscribe(speakers_list, ecuador, group=g77)

    assert (national.on_behalf_of, group.on_behalf_of) == (None, g77)
    for original in (national, group):
        original.pk = None
        with pytest.raises(IntegrityError), transaction.atomic():
            original.save()


def test_turning_the_group_statement_into_a_second_national_one_is_refused(speakers_list, g77):
    ecuador = DelegationFactory(name="Ecuador")
    chair(g77, ecuador)
    inscribe(speakers_list, ecuador)
    group = inscribe(speakers_list, ecuador, group=g77)
    details = services.SpeakerDetails(
        honorific="H.E.", speaker_name="X", function="Y", level=Level.MINISTER
    )

    with pytest.raises(ValidationError) as error:
        services.change_speaker(inscription=group, details=details, actor=None)

    assert error.value.messages == ["Ecuador is already inscribed on this list."]


def test_the_european_union_is_inscribed_among_the_groups_by_level(speakers_list, g77):
    ecuador = DelegationFactory(name="Ecuador")
    chair(g77, ecuador)
    eu = DelegationFactory(name="European Union", code="EU", kind=DelegationKind.EUROPEAN_UNION)
    inscribe(speakers_list, DelegationFactory(name="Ghana"), Level.HEAD_OF_STATE)
    eu_statement = inscribe(speakers_list, eu, Level.HEAD_OF_DELEGATION)
    inscribe(speakers_list, ecuador, Level.MINISTER, group=g77)

    assert entries(speakers_list) == [
        ("Ecuador", "on behalf of the Group of 77 and China"),
        ("European Union", "on behalf of the European Union and its member States"),
        ("Ghana", ""),
    ]
    assert statement_minutes(speakers_list, eu_statement) == 5


def test_a_groups_chair_must_be_a_member_and_periods_must_not_overlap(g77):
    ecuador, belgium = DelegationFactory(name="Ecuador"), DelegationFactory(name="Belgium")
    g77.members.add(ecuador)
    chair(g77, ecuador, date(2026, 1, 1), date(2026, 12, 31))

    not_member = GroupChair(
        group=g77, delegation=belgium, starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    overlapping = GroupChair(
        group=g77, delegation=ecuador, starts_on=date(2026, 6, 1), ends_on=date(2027, 5, 31)
    )

    with pytest.raises(ValidationError) as error:
        not_member.full_clean()
    assert error.value.messages == ["Belgium is not a member of the Group of 77 and China."]
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert error.value.messages == [
        "Another chair of the Group of 77 and China is recorded for part of this period."
    ]


def test_the_demo_list_has_the_european_union_among_the_groups_and_no_workaround(demo_lists):
    from speakers.demo import DEMO_CHAIR_NOTE

    rows = ordered_list(speakers_list=demo_lists[0]).rows
    first_six = [(r.inscription.entity_name, r.inscription.capacity) for r in rows[:6]]

    assert ("European Union", "on behalf of the European Union and its member States") in (
        first_six
    )
    assert not GroupOfStates.objects.filter(name="European Union").exists()
    assert all(capacity for _name, capacity in first_six)  # five groups and the EU, then States
    assert set(GroupChair.objects.values_list("note", flat=True)) == {DEMO_CHAIR_NOTE}
    assert GroupChair.objects.get(group__short_name="G77").delegation.code == "ECU"


def test_the_form_offers_a_delegation_only_the_groups_it_chairs_on_the_day(
    client, speakers_list, g77, african_group
):
    """Groups speak through their chair: Belgium is not offered the G77, Ecuador (its chair on
    the day of the list) is, and the African Group, which Ecuador does not chair, is not."""
    from django.urls import reverse

    from tests.meetings.factories import FocalPointFactory

    ecuador, belgium = DelegationFactory(name="Ecuador"), DelegationFactory(name="Belgium")
    chair(g77, ecuador)
    url = reverse("speakers:inscribe", args=[speakers_list.pk])
    offered = {}
    for delegation in (ecuador, belgium):
        client.force_login(FocalPointFactory(delegation=delegation).user)
        page = client.get(url).content.decode()
        offered[delegation.name] = [name for name in (g77.name, african_group.name) if name in page]

    assert offered == {"Ecuador": [g77.name], "Belgium": []}


def test_the_chair_is_not_offered_to_swap_a_statement_with_its_own_other_one(
    client, speakers_list, g77
):
    """Ecuador's group statement and its national one: a swap is between two delegations."""
    from django.urls import reverse

    from tests.meetings.factories import FocalPointFactory

    ecuador = DelegationFactory(name="Ecuador")
    chair(g77, ecuador)
    inscribe(speakers_list, DelegationFactory(name="Nepal"), Level.MINISTER)
    inscribe(speakers_list, ecuador, Level.MINISTER, speaker_name="Minister")
    inscribe(speakers_list, ecuador, Level.MINISTER, group=g77, speaker_name="Minister")
    client.force_login(FocalPointFactory(delegation=ecuador).user)

    page = client.get(reverse("speakers:dashboard")).content.decode()

    offered = re.findall(r'<option value="\d+">\d+\. ([^<]+)</option>', page)
    assert offered and "Ecuador" not in offered and set(offered) == {"Nepal"}
    national, group = speakers_list.inscriptions.filter(delegation=ecuador).order_by("pk")
    with pytest.raises(ValidationError):
        services.request_swap(requester=group, counterpart=national, actor=None)


def test_the_chairs_two_acknowledgements_say_which_statement_each_is(
    speakers_list, g77, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.meetings.factories import FocalPointFactory

    ecuador = DelegationFactory(name="Ecuador")
    chair(g77, ecuador)
    FocalPointFactory(delegation=ecuador)
    with django_capture_on_commit_callbacks(execute=True):
        inscribe(speakers_list, ecuador, Level.MINISTER, speaker_name="Minister")
        inscribe(speakers_list, ecuador, Level.MINISTER, group=g77, speaker_name="Minister")

    national, group = (mail.subject for mail in mailoutbox)
    assert national != group
    assert group.endswith("(on behalf of the Group of 77 and China)")
