"""A resolution as its public page tells it: the steps of its history and its text."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from meetings.enums import DraftStage, ParagraphKind, SilenceOutcome
from meetings.models import Paragraph, Resolution, ResolutionDraft
from meetings.symbols import official_url

#: Words that continue the opening of a preambular paragraph ("Recalling also").
OPENING_ADVERBS = {"also", "further", "furthermore", "again", "moreover"}


@dataclass
class Step:
    """One step of a resolution's history: a draft, the L-document or the adoption."""

    label: str
    on: date | None
    symbol: str = ""
    url: str = ""


def history(resolution: Resolution, drafts: list[ResolutionDraft]) -> list[Step]:
    """The drafts in the order they were recorded, the L-document, then the adoption."""
    steps = []
    adopted_text = None
    for draft in drafts:
        url = draft.url or official_url(draft.symbol)
        if draft.file:
            url = ""  # drafts' files stay with the delegations' pages
        if draft.stage == DraftStage.ADOPTED:
            adopted_text = draft
            continue
        label = draft.label
        if draft.stage == DraftStage.SILENCE and draft.silence_outcome:
            label = _("Silence procedure: %(outcome)s") % {
                "outcome": SilenceOutcome(draft.silence_outcome).label.lower()
            }
        elif draft.stage == DraftStage.SILENCE and not draft.silence_deadline:
            label = _("Silence procedure")  # recorded afterwards, its outcome not given
        steps.append(Step(label=label, on=draft.circulated_on, symbol=draft.symbol, url=url))
    if adopted_text is not None and adopted_text.symbol:
        steps.append(
            Step(
                label=_("Draft resolution submitted to the General Assembly"),
                on=adopted_text.circulated_on,
                symbol=adopted_text.symbol,
                url=official_url(adopted_text.symbol),
            )
        )
    if resolution.adopted_on or resolution.symbol:
        label = _("Adopted by the General Assembly")
        if resolution.adoption_vote:
            label = f"{label} ({resolution.adoption_vote})"
        steps.append(
            Step(
                label=label,
                on=resolution.adopted_on,
                symbol=resolution.symbol or "",
                url=resolution.official_url,
            )
        )
    return steps


def opening_words(paragraph: Paragraph) -> tuple[str, str]:
    """The words printed in italics and the rest: the operative's action verb, or the
    preambular paragraph's opening ("Recalling also", "Reaffirming")."""
    if paragraph.action_verb:
        return paragraph.action_verb, paragraph.text
    if paragraph.kind != ParagraphKind.PREAMBULAR:
        return "", paragraph.text
    words = paragraph.text.split()
    count = 1
    while count < len(words) - 1 and (
        words[count] in OPENING_ADVERBS or words[count - 1].endswith("ly")
    ):
        count += 1
    return " ".join(words[:count]), " ".join(words[count:])
