"""Member States' input on a draft: a new paragraph after a given one, a general comment on
the text as a whole, and the compilation that shows each with its author."""

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.enums import DelegationKind, DraftStage, ParagraphKind, ProposalKind
from meetings.paragraphs import compare_drafts
from meetings.services import resolutions
from tests.meetings.factories import DelegationFactory, FocalPointFactory, ResolutionFactory

pytestmark = pytest.mark.django_db
ZERO_DRAFT = (
    Path(__file__).resolve().parents[2] / "meetings" / "data" / "modalities_2021_zero_draft.txt"
).read_text(encoding="utf-8")


@pytest.fixture
def zero():
    return resolutions.circulate_draft(
        resolution=ResolutionFactory(symbol=None, title="Modalities of the high-level meeting"),
        stage=DraftStage.ZERO,
        circulated_on=date(2021, 3, 12),
        text=ZERO_DRAFT,
        input_deadline=timezone.now() + timedelta(days=5),
    )


def state(name, code):
    return DelegationFactory(name=name, code=code, kind=DelegationKind.MEMBER_STATE)


def operative(draft, number):
    return draft.paragraphs.get(kind=ParagraphKind.OPERATIVE, number=number)


def test_a_new_paragraph_after_op3_becomes_op3_bis_in_the_revision(zero):
    new = resolutions.propose(
        paragraph=operative(zero, "3"), delegation=state("Peru", "PER"),
        kind=ProposalKind.NEW_PARAGRAPH, actor=None,
        text="Also decides that the high-level meeting will be accessible to persons with "
        "disabilities;",
    )  # fmt: skip
    sub = resolutions.propose(
        paragraph=zero.paragraphs.get(kind=ParagraphKind.SUBPARAGRAPH, number="(b)", parent__number="4"),
        delegation=state("Chile", "CHL"), kind=ProposalKind.NEW_PARAGRAPH, actor=None,
        text="A third panel will address the protection of survivors;",
    )  # fmt: skip

    revised = resolutions.revise(draft=zero, circulated_on=date(2021, 4, 20), take=[new, sub])

    labels = [p.label for p in revised.paragraphs.all()]
    assert labels[labels.index("OP3") + 1] == "OP3 bis"
    assert labels[labels.index("OP3 bis") + 1] == "OP4"
    assert labels[labels.index("OP4 (b)") + 1] == "OP4 (b bis)"
    bis = revised.paragraphs.get(number="3 bis")
    assert (bis.action_verb, bis.text) == (
        "Also decides",
        "that the high-level meeting will be accessible to persons with disabilities;",
    )
    changes = {c.label: c.status for c in compare_drafts(zero, revised)}
    assert changes["OP3 bis"] == "added"
    assert changes["OP4 (b bis)"] == "added"
    assert {changes["OP3"], changes["OP4"], changes["OP5"]} == {"same"}


def test_a_general_comment_is_on_the_text_as_a_whole(zero):
    comment = resolutions.propose(
        draft=zero, delegation=state("Peru", "PER"), kind=ProposalKind.GENERAL, actor=None,
        text="The text should be short and concise.",
    )  # fmt: skip

    assert (comment.paragraph, comment.draft) == (None, zero)
    with pytest.raises(ValidationError) as error:
        resolutions.propose(
            draft=zero, delegation=state("Chile", "CHL"), kind=ProposalKind.COMMENT, actor=None,
            text="On which paragraph?",
        )  # fmt: skip
    assert error.value.messages == ["Choose the paragraph your input is on."]


def test_a_new_paragraph_cannot_follow_a_footnote(zero):
    footnote = zero.paragraphs.filter(kind=ParagraphKind.FOOTNOTE).first()

    with pytest.raises(ValidationError) as error:
        resolutions.propose(
            paragraph=footnote, delegation=state("Peru", "PER"), actor=None,
            kind=ProposalKind.NEW_PARAGRAPH, text="Another footnote.",
        )  # fmt: skip

    assert error.value.messages == [
        "A new paragraph follows a preambular or operative paragraph or a sub-paragraph."
    ]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_the_delegation_gives_each_kind_of_input_from_its_page(client, zero):
    peru = FocalPointFactory(delegation=state("Peru", "PER"))
    client.force_login(peru.user)
    url = reverse("meetings:draft_input", args=[zero.pk])
    op3 = operative(zero, "3")

    client.post(url, {"kind": "general", "text": "The text should be short and concise."})
    client.post(
        url,
        {"paragraph": op3.pk, "kind": "new", "text": "Also decides that the meeting is open;"},
    )
    page = text_of(client.get(url).content.decode())

    assert "General comment: The text should be short and concise." in page
    assert "New paragraph after this one: Also decides that the meeting is open;" in page


def test_the_compilation_shows_each_input_with_its_author_in_html_and_pdf(zero, tmp_path):
    peru, chile = state("Peru", "PER"), state("Chile", "CHL")
    resolutions.propose(
        draft=zero, delegation=peru, kind=ProposalKind.GENERAL, actor=None,
        text="The text should be short and concise.",
    )  # fmt: skip
    resolutions.propose(
        paragraph=operative(zero, "3"), delegation=chile, kind=ProposalKind.NEW_PARAGRAPH,
        actor=None, text="Also decides that the meeting is open to survivors;",
    )  # fmt: skip
    staff = Client()
    staff.force_login(FocalPointFactory(user__is_staff=True).user)
    url = reverse("meetings:compilation", args=[zero.pk])

    page = text_of(staff.get(url).content.decode())
    pdf = staff.get(url, {"format": "pdf"}).content

    assert "General comments Peru: The text should be short and concise." in page
    assert "Chile (New paragraph after this one): Also decides that the meeting is open" in page
    (tmp_path / "compilation.pdf").write_bytes(pdf)
    text = subprocess.run(  # noqa: S603 - a fixed command on a file of the test
        ["/usr/bin/pdftotext", str(tmp_path / "compilation.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Peru: The text should be short and concise." in " ".join(text.split())
    assert "Chile (New paragraph after this one)" in " ".join(text.split())


def test_a_delegation_withdraws_its_own_input_until_the_deadline_and_only_its_own(client, zero):
    """A proposal sent by mistake is withdrawn from the delegation's page: it leaves the
    compilation. Another delegation cannot withdraw it, nor anyone after the deadline."""
    peru = FocalPointFactory(delegation=state("Peru", "PER"))
    chile = FocalPointFactory(delegation=state("Chile", "CHL"))
    op3 = operative(zero, "3")
    kept, mistaken = (
        resolutions.propose(
            delegation=peru.delegation, kind="comment", text=text, actor=peru.user, paragraph=op3
        )
        for text in ("A comment we keep.", "A comment sent by mistake.")
    )
    url = reverse("meetings:draft_input", args=[zero.pk])
    client.force_login(chile.user)
    refused = client.post(url, {"withdraw": mistaken.pk})
    client.force_login(peru.user)

    page = client.get(url).content.decode()
    done = client.post(url, {"withdraw": mistaken.pk}, follow=True)

    assert refused.status_code == 404 and 'name="withdraw"' in page
    assert "A comment sent by mistake." not in text_of(done.content.decode())
    assert list(zero.proposals.values_list("text", flat=True)) == ["A comment we keep."]
    assert mistaken.history.filter(history_type="-", history_user=peru.user).exists()
    zero.input_deadline = timezone.now() - timedelta(minutes=1)
    zero.save()
    with pytest.raises(ValidationError):
        resolutions.withdraw_proposal(proposal=kept, delegation=peru.delegation)
