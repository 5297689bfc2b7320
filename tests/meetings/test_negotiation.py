import re
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.enums import DelegationKind, DraftStage, ParagraphKind, ProposalKind, SilenceOutcome
from meetings.models import Meeting, Modalities, Resolution
from meetings.paragraphs import compare_drafts, parse_resolution
from meetings.services import resolutions
from meetings.services.modalities import apply_modalities, plan
from speakers.models import SpeakersList
from tests.meetings.factories import DelegationFactory, FocalPointFactory, ResolutionFactory

pytestmark = pytest.mark.django_db
ZERO_DRAFT = (
    Path(__file__).resolve().parents[2] / "meetings" / "data" / "modalities_2021_zero_draft.txt"
).read_text(encoding="utf-8")


def test_importer_reads_the_real_zero_draft():
    paragraphs = parse_resolution(ZERO_DRAFT)

    kinds = [p.kind for p in paragraphs]
    operative = [p for p in paragraphs if p.kind == ParagraphKind.OPERATIVE]
    assert kinds.count(ParagraphKind.PREAMBULAR) == 5
    assert [p.number for p in operative] == [str(n) for n in range(1, 16)]
    assert [p.action_verb for p in operative[:4]] == [
        "Decides",
        "Also decides",
        "Also decides",
        "Further decides",
    ]
    assert [c.number for c in operative[1].children] == ["(a)", "(b)", "(c)"]
    assert [c.number for c in operative[3].children] == ["(a)", "(b)", "(c)", "(d)"]
    assert [p.number for p in paragraphs if p.kind == ParagraphKind.FOOTNOTE] == [
        "1",
        "2",
        "3",
        "4",
    ]
    # OP2 (a) runs over a page break and its footnotes.
    assert (
        operative[1]
        .children[0]
        .text.endswith(
            "at least one of whom should be a survivor of human trafficking and both of whom are to be "
            "identified by the President of the Assembly;"
        )
    )
    assert operative[12].text.endswith("where applicable;")  # OP13, after footnotes 3 and 4
    assert paragraphs[0].text.startswith("Recalling its resolution 74/176 of 23 January 2020")
    assert "68/192 of 18 December 2013" in paragraphs[0].text  # the link became plain text


@pytest.fixture
def resolution():
    return ResolutionFactory(symbol=None, title="Modalities of the high-level meeting")


@pytest.fixture
def zero(resolution):
    return resolutions.circulate_draft(
        resolution=resolution,
        stage=DraftStage.ZERO,
        circulated_on=date(2021, 3, 12),
        text=ZERO_DRAFT,
        input_deadline=timezone.now() + timedelta(days=5),
    )


def state(name, code, kind=DelegationKind.MEMBER_STATE):
    return DelegationFactory(name=name, code=code, kind=kind)


def test_revision_takes_proposals_in_and_the_comparison_shows_them(zero):
    op3 = zero.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="3")
    op14 = zero.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="14")
    wording = resolutions.propose(
        paragraph=op3, delegation=state("Georgia", "GEO"), kind=ProposalKind.NEW_WORDING, actor=None,
        text="Also decides that the proceedings of the high-level meeting will be webcast and "
        "accessible to persons with disabilities;",
    )  # fmt: skip
    deletion = resolutions.propose(
        paragraph=op14,
        delegation=state("Peru", "PER"),
        kind=ProposalKind.DELETION,
        text="",
        actor=None,
    )

    revised = resolutions.revise(
        draft=zero, circulated_on=date(2021, 4, 20), take=[wording, deletion]
    )
    changes = {c.label: c for c in compare_drafts(zero, revised)}

    assert revised.label == "Revised draft (Rev.1)"
    assert changes["OP3"].status == "changed"
    assert "<del>webcast,</del> <ins>webcast</ins> and" in changes["OP3"].html
    assert "<ins>persons with disabilities;</ins>" in changes["OP3"].html
    assert "<del>" in changes["OP3"].html
    assert changes["OP14"].status == "removed"
    assert changes["OP1"].status == "same"
    wording.refresh_from_db()
    assert wording.taken_into == revised


def test_input_closes_at_its_deadline_and_is_for_states(zero):
    op1 = zero.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="1")
    with pytest.raises(PermissionDenied):
        resolutions.propose(
            paragraph=op1, delegation=state("UNODC", "UNODC", DelegationKind.UN_ENTITY),
            kind=ProposalKind.COMMENT, text="Comment", actor=None,
        )  # fmt: skip
    zero.input_deadline = timezone.now() - timedelta(minutes=1)
    zero.save()

    with pytest.raises(ValidationError) as error:
        resolutions.propose(
            paragraph=op1,
            delegation=state("Chile", "CHL"),
            kind=ProposalKind.COMMENT,
            text="Late",
            actor=None,
        )

    assert error.value.messages == ["This text is not open for input."]


def test_who_sees_the_compilation(zero, resolution):
    georgia, peru = state("Georgia", "GEO"), state("Peru", "PER")
    resolution.co_facilitators.create(delegation=georgia, name="Kaha Imnadze")
    op1 = zero.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="1")
    resolutions.propose(
        paragraph=op1, delegation=peru, kind=ProposalKind.COMMENT, text="Peru's view", actor=None
    )
    chile = FocalPointFactory(delegation=state("Chile", "CHL"))
    resolutions.propose(
        paragraph=op1,
        delegation=chile.delegation,
        kind=ProposalKind.COMMENT,
        text="Chile's view",
        actor=None,
    )
    co_facilitator = FocalPointFactory(delegation=georgia)
    url = reverse("meetings:compilation", args=[zero.pk])

    as_co_facilitator, as_chile = Client(), Client()
    as_co_facilitator.force_login(co_facilitator.user)
    as_chile.force_login(chile.user)

    page = as_co_facilitator.get(url).content.decode()
    assert "Peru" in page and "Peru&#x27;s view" in page and "Chile&#x27;s view" in page
    assert as_chile.get(url).status_code == 403
    own_page = as_chile.get(reverse("meetings:draft_input", args=[zero.pk])).content.decode()
    assert "Chile&#x27;s view" in own_page
    assert "Peru&#x27;s view" not in own_page
    pdf = as_co_facilitator.get(url, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    # the co-facilitator reaches it from its delegation's page; Chile does not see the link
    dashboard = reverse("speakers:dashboard")
    assert f'href="{url}"' in as_co_facilitator.get(dashboard).content.decode()
    assert f'href="{url}"' not in as_chile.get(dashboard).content.decode()


@pytest.fixture
def under_silence(resolution, zero):
    final = resolutions.circulate_draft(
        resolution=resolution,
        stage=DraftStage.FINAL,
        circulated_on=date(2021, 4, 26),
        text=ZERO_DRAFT,
    )
    return resolutions.put_under_silence(draft=final, deadline=timezone.now() + timedelta(hours=2))


def test_silence_broken_on_a_paragraph(under_silence):
    op4 = under_silence.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="4")

    resolutions.break_silence(
        draft=under_silence, delegation=state("Egypt", "EGY"), paragraphs=[op4],
        explanation="The panel themes need further consultation.", actor=None,
    )  # fmt: skip

    under_silence.refresh_from_db()
    assert under_silence.silence_outcome == SilenceOutcome.BROKEN
    assert resolutions.conclude_silence_procedures(now=timezone.now() + timedelta(hours=3)) == 0
    assert list(under_silence.silence_breaks.get().paragraphs.all()) == [op4]


def test_silence_passes_at_the_deadline_and_the_adoption_is_recorded(resolution, under_silence):
    resolution.meeting = Meeting.objects.create(
        title="T", short_title="T", slug="t", ga_session=76, starts_on=date(2021, 11, 22),
        ends_on=date(2021, 11, 23), status="scheduled",
    )  # fmt: skip
    resolution.save()
    assert resolutions.conclude_silence_procedures() == 0  # not yet

    assert resolutions.conclude_silence_procedures(now=timezone.now() + timedelta(hours=3)) == 1
    with pytest.raises(ValidationError):
        resolutions.break_silence(
            draft=under_silence, delegation=state("Egypt", "EGY"),
            paragraphs=under_silence.paragraphs.all()[:1], explanation="Too late", actor=None,
        )  # fmt: skip
    resolutions.record_adoption(
        resolution=resolution, l_symbol="A/75/L.99", symbol="A/RES/75/999",
        adopted_on=date(2021, 5, 4), vote="without a vote",
    )  # fmt: skip

    under_silence.refresh_from_db()
    resolution.refresh_from_db()
    assert under_silence.silence_outcome == SilenceOutcome.PASSED
    assert (resolution.symbol, resolution.adoption_vote) == ("A/RES/75/999", "without a vote")
    assert resolution.drafts.get(stage=DraftStage.ADOPTED).symbol == "A/75/L.99"
    titles = list(resolution.meeting.documents.values_list("title", flat=True))
    assert "Consensus on draft modalities resolution" in titles
    assert any(t.startswith("GA resolution 75/999") for t in titles)


def test_meeting_is_set_up_from_the_2021_zero_draft_modalities(demo_meetings):
    modalities = Modalities.objects.get(resolution__meeting__slug="trafficking-in-persons-2021")

    meeting = apply_modalities(modalities=modalities)

    assert (meeting.starts_on, meeting.ends_on) == (date(2021, 11, 22), date(2021, 11, 23))
    decided = meeting.segments.filter(decided_by__isnull=False).order_by("starts_at")
    assert [(timezone.localtime(s.starts_at).strftime("%d %H:%M"), s.title) for s in decided] == [
        ("31 10:00", "Informal interactive multi-stakeholder hearing"),  # August: OP10
        ("22 10:00", "Opening plenary meeting"),
        ("22 11:00", "Plenary meeting"),
        ("22 15:00", "Interactive panel discussion 1"),
        ("22 16:30", "Interactive panel discussion 2"),
        ("23 10:00", "Plenary meeting"),
        ("23 15:00", "Plenary meeting"),
        ("23 17:30", "Closing plenary meeting"),
    ]
    assert decided[3].theme.startswith("The Global Plan of Action and enduring trafficking issues")
    assert (decided[2].individual_time_limit, decided[2].group_time_limit) == (3, 5)
    plenary = SpeakersList.objects.get(meeting=meeting, kind="plenary")
    assert (plenary.individual_time_limit, plenary.group_time_limit) == (3, 5)
    assert SpeakersList.objects.filter(meeting=meeting, kind="panel").count() == 2
    assert {c.action for c in plan(modalities=modalities)} == {"unchanged"}


def test_hand_edits_are_not_overwritten_silently(demo_meetings):
    modalities = Modalities.objects.get(resolution__meeting__slug="trafficking-in-persons-2021")
    meeting = apply_modalities(modalities=modalities)
    panel = meeting.segments.get(title="Interactive panel discussion 1")
    panel.title = "Panel 1: enduring issues"  # staff edit the segment by hand
    panel.save()
    item = modalities.segments.get(position=3)

    assert {c.item.pk: c.action for c in plan(modalities=modalities)}[item.pk] == "keep"
    item.start = item.start.replace(hour=14)  # … and a revised draft moves the panel
    item.save()
    conflict = next(c for c in plan(modalities=modalities) if c.item.pk == item.pk)
    assert conflict.action == "conflict"
    assert set(conflict.differences) == {"title", "starts_at"}

    apply_modalities(modalities=modalities)
    panel.refresh_from_db()
    assert panel.title == "Panel 1: enduring issues"
    apply_modalities(modalities=modalities, overwrite={item.pk})
    panel.refresh_from_db()
    assert (panel.title, timezone.localtime(panel.starts_at).hour) == (
        "Interactive panel discussion 1",
        14,
    )


def test_public_page_compares_two_versions(client, zero, resolution):
    resolution.symbol = "A/RES/75/1"
    resolution.save()
    op3 = zero.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="3")
    proposal = resolutions.propose(
        paragraph=op3, delegation=state("Georgia", "GEO"), kind=ProposalKind.NEW_WORDING,
        text="Also decides that the meeting will be webcast;", actor=None,
    )  # fmt: skip
    revised = resolutions.revise(draft=zero, circulated_on=date(2021, 4, 20), take=[proposal])
    url = reverse("meetings:resolution", args=[resolution.pk])

    page = client.get(url, {"a": zero.pk, "b": revised.pk}).content.decode()

    assert "Changes from Zero draft to Revised draft (Rev.1)" in page
    assert re.search(r'data-status="changed"><span class="fw-semibold me-1">OP3</span>', page)
    assert "<del>" in page and "<ins>" in page


def test_demo_2017_modalities_history(demo_meetings):
    resolution = Resolution.objects.get(symbol="A/RES/71/287")

    stages = list(resolution.drafts.values_list("stage", flat=True))

    assert stages == ["zero", "revised", "final"]  # seed 004's, oldest first
    assert not resolution.drafts.exclude(symbol="").exists()  # no seed gives its L-document
    assert not resolution.drafts.exclude(circulated_on=None).exists()  # no seed dates them
    assert resolution.adoption_vote == ""  # no seed records the vote


def test_a_silence_break_refused_comes_back_with_its_paragraphs_ticked(under_silence):
    """Paragraphs ticked but no explanation: the page says what is missing and keeps the ticks."""
    op4 = under_silence.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="4")
    egypt = FocalPointFactory(delegation=state("Egypt", "EGY"))
    client = Client()
    client.force_login(egypt.user)

    response = client.post(
        reverse("meetings:silence", args=[under_silence.pk]),
        {"paragraphs": [op4.pk], "explanation": "  "},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Name the paragraphs and explain briefly." in page
    assert f'value="{op4.pk}" id="sp-{op4.pk}" checked' in page
    under_silence.refresh_from_db()
    assert under_silence.silence_outcome == SilenceOutcome.UNDER_SILENCE
