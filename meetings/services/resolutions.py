"""The negotiation of a resolution: drafts circulated, Member States' input, revisions,
the silence procedure and the adoption. Each step is also listed as a public document."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.access import may_speak_for_group
from meetings.enums import (
    DelegationKind,
    DocumentKind,
    DraftStage,
    ParagraphKind,
    ProposalKind,
    ResolutionKind,
    SilenceOutcome,
)
from meetings.models import (
    Delegation,
    Document,
    GroupOfStates,
    Paragraph,
    Proposal,
    Resolution,
    ResolutionDraft,
    SilenceBreak,
)
from meetings.names import fill
from meetings.paragraphs import parse_resolution, split_verb

#: Who may give input on a text, object to it or break silence: States and the EU.
NEGOTIATING_KINDS = (
    DelegationKind.MEMBER_STATE,
    DelegationKind.OBSERVER_STATE,
    DelegationKind.EUROPEAN_UNION,
)
#: The longest input on one paragraph: a page of wording or comment.
PROPOSAL_MAX_LENGTH = 5000
KIND_NAMES = {
    ResolutionKind.MODALITIES: "modalities resolution",
    ResolutionKind.DECLARATION: "political declaration",
}


def _record_step(
    resolution: Resolution, title: str, on: date, kind=DocumentKind.DRAFT, symbol: str = ""
) -> None:
    """List a step of the negotiation on the meeting's public page (once)."""
    if resolution.meeting_id:
        Document.objects.get_or_create(
            meeting_id=resolution.meeting_id,
            title=title,
            defaults={"kind": kind, "published_on": on, "symbol": symbol},
        )


def _name(resolution: Resolution) -> str:
    return KIND_NAMES.get(resolution.kind, "resolution")


@transaction.atomic
def circulate_draft(
    *,
    resolution: Resolution,
    stage: str,
    circulated_on: date,
    text: str,
    input_deadline=None,
) -> ResolutionDraft:
    """Record a new version of the text (zero, revised n, final) with its paragraphs."""
    revision = 0
    if stage == DraftStage.REVISED:
        last = resolution.drafts.filter(stage=DraftStage.REVISED).aggregate(n=Max("revision"))["n"]
        revision = (last or 0) + 1
    draft = ResolutionDraft.objects.create(
        resolution=resolution,
        stage=stage,
        revision=revision,
        circulated_on=circulated_on,
        input_deadline=input_deadline,
    )
    import_paragraphs(draft=draft, text=text)
    label = {DraftStage.ZERO: "Zero draft", DraftStage.FINAL: "Final draft"}.get(
        stage, f"Revised draft (Rev.{revision})"
    )
    _record_step(resolution, f"{label}: {_name(resolution)}", circulated_on)
    return draft


def _negotiating(delegation: Delegation) -> None:
    if delegation.kind not in NEGOTIATING_KINDS:
        raise PermissionDenied(_("Only Member States and observer States take part in this."))


#: The paragraphs a new one may follow (footnotes are the Secretariat's).
NEW_PARAGRAPH_AFTER = (
    ParagraphKind.PREAMBULAR,
    ParagraphKind.OPERATIVE,
    ParagraphKind.SUBPARAGRAPH,
)
#: Added paragraphs keep the numbers around them: OP3, OP3 bis, OP3 ter, OP4.
ADDED_SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies")


@transaction.atomic
def propose(
    *,
    delegation: Delegation,
    kind: str,
    text: str,
    actor,
    paragraph: Paragraph | None = None,
    draft: ResolutionDraft | None = None,
    on_behalf_of: GroupOfStates | None = None,
) -> Proposal:
    """A delegation gives input on a draft before the deadline.

    On ``paragraph``: a comment, new wording, its deletion, or a new paragraph after it.
    On the whole ``draft``: a general comment. ``on_behalf_of``: the group the delegation
    chairs today, for which it gives the input.
    """
    _negotiating(delegation)
    if on_behalf_of is not None and not may_speak_for_group(
        delegation=delegation, group=on_behalf_of, on=timezone.localdate()
    ):
        raise ValidationError(
            fill(
                _("Only the chair of %(group)s for this period may give input on its behalf."),
                group=on_behalf_of,
            )
        )
    if kind == ProposalKind.GENERAL:
        paragraph = None
    elif paragraph is None:
        raise ValidationError(_("Choose the paragraph your input is on."))
    draft = ResolutionDraft.objects.get(pk=paragraph.draft_id if paragraph else draft.pk)
    if draft.input_deadline is None or timezone.now() >= draft.input_deadline:
        raise ValidationError(_("This text is not open for input."))
    text = " ".join(text.split()) if kind == ProposalKind.NEW_PARAGRAPH else text.strip()
    if kind == ProposalKind.NEW_PARAGRAPH and paragraph.kind not in NEW_PARAGRAPH_AFTER:
        raise ValidationError(
            _("A new paragraph follows a preambular or operative paragraph or a sub-paragraph.")
        )
    if kind != ProposalKind.DELETION and not text:
        raise ValidationError(_("Write the comment or the wording you propose."))
    if len(text) > PROPOSAL_MAX_LENGTH:
        raise ValidationError(
            _("A proposal is at most %(max)s characters; this one has %(n)s. Shorten it or "
              "send it in parts.") % {"max": f"{PROPOSAL_MAX_LENGTH:,}", "n": f"{len(text):,}"}
        )  # fmt: skip
    # The same input sent twice (a double click, a resent form) is recorded once: input on
    # a paragraph (or, for a general comment, on the draft) is taken one at a time.
    if paragraph is not None:
        Paragraph.objects.select_for_update().get(pk=paragraph.pk)
    else:
        ResolutionDraft.objects.select_for_update().get(pk=draft.pk)
    proposal, _created = Proposal.objects.get_or_create(
        draft=draft,
        paragraph=paragraph,
        delegation=delegation,
        on_behalf_of=on_behalf_of,
        kind=kind,
        text=text,
        defaults={"submitted_by": actor},
    )
    return proposal


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, delegation: Delegation) -> None:
    """The delegation withdraws its own input while the text is open for input and before a
    revision takes it in; the history keeps it."""
    proposal = Proposal.objects.select_for_update().select_related("draft").get(pk=proposal.pk)
    if proposal.delegation_id != delegation.pk:
        raise PermissionDenied
    deadline = proposal.draft.input_deadline
    if deadline is None or timezone.now() >= deadline or proposal.taken_into_id:
        raise ValidationError(_("The deadline for input has passed: this input stays."))
    proposal.delete()


def _line(kind: str, number: str, verb: str, text: str) -> str:
    """A paragraph as the importer reads it back."""
    if kind == ParagraphKind.OPERATIVE:
        return f"{number}. *{verb}* {text}"
    if kind == ParagraphKind.SUBPARAGRAPH:
        return f"{number} {text}"
    if kind == ParagraphKind.FOOTNOTE:
        return f"{''.join('⁰¹²³⁴⁵⁶⁷⁸⁹'[int(d)] for d in number)} {text}"
    return text[:1].upper() + text[1:]


def _added_lines(after: Paragraph, proposals: list[Proposal]) -> list[str]:
    """The new paragraphs proposed after ``after``, numbered "bis", "ter" … after it."""
    lines = []
    for index, proposal in enumerate(proposals):
        suffix = ADDED_SUFFIXES[index] if index < len(ADDED_SUFFIXES) else str(index + 2)
        if after.kind == ParagraphKind.OPERATIVE:
            verb, text = split_verb(proposal.text)
            lines.append(_line(after.kind, f"{after.number} {suffix}", verb, text))
        elif after.kind == ParagraphKind.SUBPARAGRAPH:
            number = f"({after.number.strip('()')} {suffix})"
            lines.append(_line(after.kind, number, "", proposal.text))
        else:
            lines.append(_line(after.kind, "", "", proposal.text))
    return lines


@transaction.atomic
def revise(
    *, draft: ResolutionDraft, circulated_on: date, take: list[Proposal], stage=DraftStage.REVISED
) -> ResolutionDraft:
    """Circulate the next version: the paragraphs of ``draft`` with the proposals taken in.

    New wording replaces a paragraph, a deletion drops it, a new paragraph follows the one
    it was proposed after (a new operative paragraph after that paragraph's sub-paragraphs);
    comments and general comments change no text.
    """
    wording = {p.paragraph_id: p for p in take if p.kind == ProposalKind.NEW_WORDING}
    deleted = {p.paragraph_id for p in take if p.kind == ProposalKind.DELETION}
    added: dict[int, list[Proposal]] = {}
    for proposal in sorted(take, key=lambda p: (p.created_at, p.pk)):
        if proposal.kind == ProposalKind.NEW_PARAGRAPH:
            added.setdefault(proposal.paragraph_id, []).append(proposal)
    lines, pending = [], []  # pending: new operative paragraphs, after the sub-paragraphs
    for paragraph in draft.paragraphs.select_related("parent"):
        if paragraph.kind != ParagraphKind.SUBPARAGRAPH:
            lines += pending
            pending = []
        if paragraph.pk not in deleted:
            proposal = wording.get(paragraph.pk)
            verb, text = paragraph.action_verb, paragraph.text
            if proposal and paragraph.kind == ParagraphKind.OPERATIVE:
                verb, text = split_verb(proposal.text)
            elif proposal:
                text = proposal.text
            lines.append(_line(paragraph.kind, paragraph.number, verb, text))
        new_lines = _added_lines(paragraph, added.get(paragraph.pk, []))
        if paragraph.kind == ParagraphKind.OPERATIVE:
            pending += new_lines
        else:
            lines += new_lines
    lines += pending
    new = circulate_draft(
        resolution=draft.resolution, stage=stage, circulated_on=circulated_on, text="\n".join(lines)
    )
    Proposal.objects.filter(pk__in=[p.pk for p in take]).update(taken_into=new)
    return new


# --- Silence procedure and adoption -----------------------------------------------------------


@transaction.atomic
def put_under_silence(*, draft: ResolutionDraft, deadline) -> ResolutionDraft:
    """Put the final draft under silence until ``deadline``."""
    if deadline <= timezone.now():
        raise ValidationError(_("The silence deadline must be in the future."))
    draft = ResolutionDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.stage not in (DraftStage.FINAL, DraftStage.SILENCE):
        raise ValidationError(_("Only the final draft goes under silence."))
    draft.stage = DraftStage.SILENCE
    draft.silence_deadline = deadline
    draft.silence_outcome = SilenceOutcome.UNDER_SILENCE
    draft.save(update_fields=["stage", "silence_deadline", "silence_outcome", "updated_at"])
    _record_step(
        draft.resolution,
        f"Silence procedure: {_name(draft.resolution)}",
        timezone.localdate(),
    )
    return draft


@transaction.atomic
def break_silence(
    *, draft: ResolutionDraft, delegation: Delegation, paragraphs, explanation: str, actor
):
    """A State breaks silence on given paragraphs; the text goes back to consultations."""
    _negotiating(delegation)
    draft = ResolutionDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.silence_outcome not in (SilenceOutcome.UNDER_SILENCE, SilenceOutcome.BROKEN):
        raise ValidationError(_("This text is not under silence."))
    if timezone.now() >= draft.silence_deadline:
        raise ValidationError(_("The silence procedure is over."))
    paragraphs = list(paragraphs)
    if not paragraphs or not explanation.strip():
        raise ValidationError(_("Name the paragraphs and explain briefly."))
    silence_break = SilenceBreak.objects.create(
        draft=draft, delegation=delegation, explanation=explanation.strip(), broken_by=actor
    )
    silence_break.paragraphs.set(paragraphs)
    draft.silence_outcome = SilenceOutcome.BROKEN
    draft.save(update_fields=["silence_outcome", "updated_at"])
    return silence_break


def conclude_silence_procedures(*, now=None) -> int:
    """Mark as passed every text whose silence deadline passed unbroken (run by beat)."""
    now = now or timezone.now()
    due = ResolutionDraft.objects.filter(
        silence_outcome=SilenceOutcome.UNDER_SILENCE, silence_deadline__lte=now
    ).select_related("resolution")
    count = 0
    for draft in due:
        with transaction.atomic():
            updated = ResolutionDraft.objects.filter(
                pk=draft.pk, silence_outcome=SilenceOutcome.UNDER_SILENCE
            ).update(silence_outcome=SilenceOutcome.PASSED)
            if updated:
                _record_step(
                    draft.resolution,
                    f"Consensus on draft {_name(draft.resolution)}",
                    timezone.localdate(draft.silence_deadline),
                    kind=DocumentKind.LETTER,
                )
                count += 1
    return count


@transaction.atomic
def record_adoption(
    *, resolution: Resolution, l_symbol: str, symbol: str, adopted_on: date, vote: str
) -> Resolution:
    """Record the adoption: the L-document, the A/RES symbol, the date and the vote."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    resolution.symbol = symbol
    resolution.adopted_on = adopted_on
    resolution.adoption_vote = vote or "without a vote"
    resolution.full_clean()
    resolution.save()
    ResolutionDraft.objects.update_or_create(
        resolution=resolution,
        stage=DraftStage.ADOPTED,
        revision=0,
        defaults={"symbol": l_symbol, "circulated_on": adopted_on},
    )
    number = symbol.removeprefix("A/RES/")
    _record_step(
        resolution,
        f"GA resolution {number}: {resolution.title}",
        adopted_on,
        DocumentKind.RESOLUTION,
        symbol=symbol,
    )
    return resolution


@transaction.atomic
def import_paragraphs(*, draft: ResolutionDraft, text: str) -> int:
    """Replace the paragraphs of ``draft`` with those read from ``text``; return how many.

    Refused once a delegation has given input on a paragraph, or broken silence on one: that
    input would go with the paragraphs. A changed text is then a new draft."""
    if (
        draft.proposals.filter(paragraph__isnull=False).exists()
        or draft.silence_breaks.filter(paragraphs__isnull=False).exists()
    ):
        raise ValidationError(
            _(
                "Delegations have given input on the paragraphs of this draft; reading its text "
                "again would delete it. Circulate the new text as a new draft."
            )
        )
    draft.paragraphs.all().delete()
    position = 0
    for parsed in parse_resolution(text):
        position += 1
        parent = Paragraph.objects.create(
            draft=draft, position=position, kind=parsed.kind, number=parsed.number,
            action_verb=parsed.action_verb, text=parsed.text,
        )  # fmt: skip
        for child in parsed.children:
            position += 1
            Paragraph.objects.create(
                draft=draft, position=position, kind=child.kind, number=child.number,
                parent=parent, text=child.text,
            )  # fmt: skip
    return position
