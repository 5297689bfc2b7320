import io
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

import pytest

from meetings.enums import DraftStage, SilenceOutcome
from meetings.models import Delegation, ResolutionDraft
from meetings.validators import UploadedFileValidator, validate_document_file
from tests.meetings.factories import MeetingFactory, ResolutionFactory, SegmentFactory, new_york

pytestmark = pytest.mark.django_db

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_segment_ending_before_it_starts_is_refused_by_the_database():
    segment = SegmentFactory.build(
        meeting=MeetingFactory(), starts_at=new_york(2026, 9, 28, 15), position=1
    )
    segment.room.save()
    segment.room_id = segment.room.pk
    segment.ends_at = new_york(2026, 9, 28, 14)

    with pytest.raises(IntegrityError), transaction.atomic():
        segment.save()


def test_segment_ending_before_it_starts_gets_a_clear_message():
    segment = SegmentFactory()
    segment.ends_at = segment.starts_at.replace(hour=9)

    with pytest.raises(ValidationError) as error:
        segment.full_clean()

    assert "A segment must end after it starts." in error.value.messages


def test_open_ended_segment_is_allowed():
    segment = SegmentFactory(ends_at=None)

    segment.full_clean()

    assert segment.duration is None


def test_two_segments_of_a_meeting_cannot_share_an_order():
    first = SegmentFactory(position=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        SegmentFactory(meeting=first.meeting, position=1)


def test_two_meetings_may_each_have_a_first_segment():
    SegmentFactory(position=1)
    SegmentFactory(position=1)


def test_segment_outside_the_meeting_dates_is_refused():
    segment = SegmentFactory.build(meeting=MeetingFactory(), starts_at=new_york(2026, 10, 5, 10))
    segment.ends_at = None

    with pytest.raises(ValidationError) as error:
        segment.full_clean(exclude=["room"])

    assert error.value.message_dict["starts_at"] == [
        "This segment falls outside the dates of the meeting."
    ]


def test_meeting_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(starts_on=date(2026, 9, 28), ends_on=date(2026, 9, 27))


def test_draft_under_silence_needs_a_deadline_one_recorded_afterwards_may_give_none():
    """A silence running on the portal ends at its deadline; a past one, recorded from a
    record that gives neither its deadline nor its outcome (seed 004), stands without."""
    running = ResolutionDraft(
        resolution=ResolutionFactory(), stage=DraftStage.SILENCE,
        silence_outcome=SilenceOutcome.UNDER_SILENCE, circulated_on=date(2017, 4, 26),
    )  # fmt: skip
    recorded = ResolutionDraft(resolution=ResolutionFactory(), stage=DraftStage.SILENCE)

    with pytest.raises(ValidationError) as error:
        running.full_clean()
    recorded.full_clean()

    assert "A draft under silence procedure needs a deadline." in error.value.messages


def test_revised_draft_is_labelled_with_its_revision():
    draft = ResolutionDraft(stage=DraftStage.REVISED, revision=2, circulated_on=date(2017, 3, 1))

    assert draft.label == "Revised draft (Rev.2)"


def test_delegations_sort_as_the_un_lists_them(reference_data):
    names = list(
        Delegation.objects.filter(
            name__in=["Czechia", "Côte d'Ivoire", "Costa Rica", "Croatia"]
        ).values_list("name", flat=True)
    )

    assert names == ["Costa Rica", "Côte d'Ivoire", "Croatia", "Czechia"]


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_upload_of_a_real_pdf_is_accepted():
    validate_document_file(_upload("zero-draft.pdf", MINIMAL_PDF))


def test_upload_named_pdf_but_holding_something_else_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_document_file(_upload("zero-draft.pdf", b"MZ\x90\x00 an executable"))

    assert error.value.messages == ["The content of the file is not a valid PDF document."]


def test_upload_of_an_unlisted_type_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_document_file(_upload("tool.exe", b"MZ\x90\x00"))

    assert error.value.code == "invalid_extension"


def test_upload_over_the_size_limit_is_refused():
    validator = UploadedFileValidator(max_bytes=1024)

    with pytest.raises(ValidationError) as error:
        validator(_upload("big.pdf", MINIMAL_PDF + b"0" * 2048))

    assert error.value.code == "file_too_large"


def test_upload_of_a_docx_is_recognised_by_its_content():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")

    validate_document_file(_upload("input.docx", buffer.getvalue()))
