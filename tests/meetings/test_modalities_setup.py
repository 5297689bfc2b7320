"""Setting a meeting up from its modalities: the inscription window, the hearing (OP10),
the political declaration (OP11), and the preparatory process on the meeting's page."""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from meetings.enums import ResolutionKind, SegmentKind
from meetings.models import Meeting, Modalities, Resolution
from meetings.services.modalities import apply_modalities
from speakers.enums import ListKind
from speakers.models import SpeakersList
from speakers.windows import default_window
from tests.meetings.factories import new_york

pytestmark = pytest.mark.django_db


@pytest.fixture
def modalities(demo_meetings):
    return Modalities.objects.get(resolution__meeting__slug="trafficking-in-persons-2021")


def local(moment):
    return timezone.localtime(moment).strftime("%A %d %B %Y %H:%M")


def test_inscription_opens_four_weeks_ahead_and_closes_on_the_working_day_before(modalities):
    meeting = apply_modalities(modalities=modalities)

    lists = SpeakersList.objects.filter(meeting=meeting)
    assert lists.count() == 3  # the plenary list and one per panel
    for speakers_list in lists:
        assert local(speakers_list.opens_at) == "Monday 25 October 2021 10:00"
        # the meeting opens on Monday 22 November: the list closes on Friday, not Sunday
        assert local(speakers_list.closes_at) == "Friday 19 November 2021 18:00"


@pytest.mark.parametrize(
    ("first_day", "opens", "closes"),
    [
        (date(2026, 9, 22), "Tuesday 25 August 2026 10:00", "Monday 21 September 2026 18:00"),
        (date(2026, 9, 26), "Friday 28 August 2026 10:00", "Friday 25 September 2026 18:00"),
        (date(2026, 9, 28), "Monday 31 August 2026 10:00", "Friday 25 September 2026 18:00"),
    ],
)
def test_the_default_window_never_opens_or_closes_on_a_weekend(first_day, opens, closes):
    opens_at, closes_at = default_window(first_day=first_day)

    assert (local(opens_at), local(closes_at)) == (opens, closes)


def test_a_list_closing_after_the_meeting_begins_is_refused_with_a_message(modalities):
    meeting = apply_modalities(modalities=modalities)
    plenary = SpeakersList.objects.get(meeting=meeting, kind=ListKind.PLENARY)
    plenary.closes_at = new_york(2021, 11, 22, 12)

    with pytest.raises(ValidationError) as error:
        plenary.full_clean()

    assert error.value.message_dict["closes_at"] == [
        "Inscription must close before the meeting begins (Monday, 22 November 2021, "
        "10\u00a0a.m., New York time)."
    ]


def test_moving_the_meeting_before_its_lists_close_is_refused(modalities):
    apply_modalities(modalities=modalities)
    modalities.starts_on, modalities.ends_on = date(2021, 11, 15), date(2021, 11, 16)
    modalities.save()
    for item in modalities.segments.exclude(kind=SegmentKind.HEARING):
        item.day -= timedelta(days=7)
        item.save()

    with pytest.raises(ValidationError) as error:
        apply_modalities(modalities=modalities)

    assert error.value.messages == [
        "Inscription must close before the meeting begins (Monday, 15 November 2021, "
        "10\u00a0a.m., New York time)."
    ]
    assert Meeting.objects.get(slug="trafficking-in-persons-2021").starts_on == date(2021, 11, 22)


def test_the_hearing_and_the_political_declaration_are_part_of_the_set_up(modalities):
    meeting = apply_modalities(modalities=modalities)

    hearing = meeting.segments.get(kind=SegmentKind.HEARING)
    assert hearing.title == "Informal interactive multi-stakeholder hearing"
    assert hearing.starts_at < new_york(2021, 11, 22)
    declaration = Resolution.objects.get(meeting=meeting, kind=ResolutionKind.DECLARATION)
    assert declaration.title == (
        "Political declaration on the implementation of the United Nations Global Plan of "
        "Action to Combat Trafficking in Persons"
    )
    apply_modalities(modalities=modalities)  # again: nothing is added twice
    assert meeting.resolutions.filter(kind=ResolutionKind.DECLARATION).count() == 1


def test_a_hearing_after_the_meeting_has_begun_is_refused(modalities):
    hearing = modalities.segments.get(kind=SegmentKind.HEARING)
    hearing.day = date(2021, 11, 22)

    with pytest.raises(ValidationError) as error:
        hearing.full_clean()

    assert error.value.message_dict["day"] == [
        "The multi-stakeholder hearing is held before the meeting, as part of its preparatory "
        "process."
    ]


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_informal_consultations_are_the_preparatory_process_not_the_programme(client, modalities):
    meeting = apply_modalities(modalities=modalities)

    html = client.get(meeting.get_absolute_url()).content.decode()

    programme = section(html, "programme-heading")
    preparatory = section(html, "preparatory-heading")
    assert "Opening plenary meeting" in programme
    assert "informal consultations" not in programme
    assert "hearing" not in programme
    assert "First informal consultations on the modalities resolution" in preparatory
    assert "Informal interactive multi-stakeholder hearing" in preparatory
    assert preparatory.index("First informal consultations") < preparatory.index("hearing")
