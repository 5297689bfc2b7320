from collections import Counter

from django.apps import apps

import pytest

from meetings.demo import load_demo
from meetings.enums import DelegationKind, ParticipantRole, RegionalGroup
from meetings.models import Delegation, GroupOfStates, Meeting, Participant, Segment
from meetings.services.delegations import load_reference_data

pytestmark = pytest.mark.django_db


def test_reference_data_has_every_member_state_in_its_regional_group(reference_data):
    member_states = Delegation.objects.filter(kind=DelegationKind.MEMBER_STATE)

    groups = Counter(member_states.values_list("regional_group", flat=True))

    assert member_states.count() == 193
    assert groups == {
        RegionalGroup.AFRICAN: 54,
        RegionalGroup.ASIA_PACIFIC: 54,
        RegionalGroup.EASTERN_EUROPEAN: 23,
        RegionalGroup.LATIN_AMERICAN_CARIBBEAN: 33,
        RegionalGroup.WESTERN_EUROPEAN_OTHER: 28,
        "": 1,
    }
    assert member_states.get(regional_group="").name == "United States of America"


def test_reference_data_has_observer_states_the_eu_and_groups_of_states(reference_data):
    observer_states = Delegation.objects.filter(kind=DelegationKind.OBSERVER_STATE)

    assert sorted(observer_states.values_list("name", flat=True)) == [
        "Holy See",
        "State of Palestine",
    ]
    assert Delegation.objects.get(code="EU").kind == DelegationKind.EUROPEAN_UNION
    assert GroupOfStates.objects.get(short_name="G77").name == "Group of 77 and China"
    assert GroupOfStates.objects.count() == 12  # the European Union speaks in its own right


def test_loading_reference_data_twice_changes_nothing(reference_data):
    history_before = Delegation.history.count()

    counts = load_reference_data()

    assert counts == reference_data
    assert Delegation.history.count() == history_before


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"meetings", "auth"}
    }


def test_load_demo_twice_gives_the_same_rows():
    load_demo(staff_password="demo-pass-2017")
    first = _row_counts()

    load_demo(staff_password="demo-pass-2017")

    assert _row_counts() == first
    assert first["meetings.Meeting"] == 3  # 2017, 2021 and the living demo
    assert first["meetings.Segment"] == 9 + 6


def test_demo_programme_is_the_later_state_and_keeps_the_earlier_as_history(demo_meetings):
    panel_1 = Segment.objects.get(meeting__slug="trafficking-in-persons-2017", position=4)

    panellists = panel_1.participants.filter(role=ParticipantRole.PANELLIST)

    assert [p.name for p in panellists] == ["Purna Sen", "Moussa Oumarou", "Rani Hong"]
    earlier_names = set(
        Participant.history.filter(segment_id=panel_1.pk).values_list("name", flat=True)
    )
    assert {"Phumzile Mlambo-Ngcuka", "Carmen Carmen Martinez"} <= earlier_names
    first_record = Participant.history.filter(name="Phumzile Mlambo-Ngcuka").earliest()
    assert first_record.history_date.date().isoformat() == "2017-09-13"


def test_demo_2021_meeting_is_in_preparation_with_its_co_facilitators(demo_meetings):
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2021")
    modalities = meeting.resolutions.get()

    co_facilitators = [str(c.delegation) for c in modalities.co_facilitators.all()]

    assert co_facilitators == ["Georgia", "Philippines"]
    assert modalities.drafts.get().get_stage_display() == "Zero draft"
    consultation = meeting.segments.get()
    assert consultation.room.name == "General Assembly Hall"
    assert consultation.starts_at.isoformat() == "2021-03-30T19:00:00+00:00"
