"""Read a resolution's text into numbered paragraphs, and compare two versions word by word.

The importer takes plain text as the co-facilitators circulate it (the zero draft of
``seeds/001``): preambular paragraphs after "The General Assembly,", operative paragraphs
"1. *Decides* …" with their italic action verb, sub-paragraphs "(a) …" and footnotes "¹ …".
A line that starts in lower case continues the paragraph before it (a page break).
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meetings.enums import ParagraphKind
from meetings.models import Paragraph, ResolutionDraft

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: Paragraphs added between two others keep the numbers around them: "3 bis", "(b ter)".
ADDED = r"(?: (?:bis|ter|quater|quinquies|sexies))?"
OPERATIVE = re.compile(rf"^(\d+{ADDED})\.\s+(?:\*([^*]+)\*\s*)?(.*)$")
SUBPARAGRAPH = re.compile(rf"^[-–•]?\s*\(([a-z]{{1,3}}{ADDED})\)\s+(.*)$")
FOOTNOTE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s+(.*)$")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
TWO_WORD_VERBS = {"Also", "Further", "Strongly", "Calls", "Takes", "Once", "Again"}


@dataclass
class ParsedParagraph:
    kind: str
    number: str = ""
    action_verb: str = ""
    text: str = ""
    children: list = field(default_factory=list)


def _clean(line: str) -> str:
    line = LINK.sub(r"\1", line.strip())
    return line.replace("**", "").replace("*", "").strip()


def split_verb(text: str) -> tuple[str, str]:
    words = text.split()
    if len(words) < 2:
        return "", text
    count = 2 if words[0] in TWO_WORD_VERBS else 1
    return " ".join(words[:count]), " ".join(words[count:])


def parse_resolution(text: str) -> list[ParsedParagraph]:
    """Return the paragraphs of ``text`` in order; sub-paragraphs sit in their operative's
    ``children``, footnotes come last."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if _clean(line).lower().startswith("the general assembly"):
            lines = lines[index + 1 :]
            break
    paragraphs: list[ParsedParagraph] = []
    footnotes: list[ParsedParagraph] = []
    current: ParsedParagraph | None = None
    operative = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if match := FOOTNOTE.match(line):
            number = "".join(str(SUPERSCRIPTS.index(c)) for c in match[1])
            footnotes.append(ParsedParagraph(ParagraphKind.FOOTNOTE, number, text=_clean(match[2])))
            continue
        if match := OPERATIVE.match(line):
            verb, rest = (
                (match[2].strip(), _clean(match[3])) if match[2] else split_verb(_clean(match[3]))
            )
            operative = current = ParsedParagraph(ParagraphKind.OPERATIVE, match[1], verb, rest)
            paragraphs.append(current)
        elif (match := SUBPARAGRAPH.match(line)) and operative is not None:
            current = ParsedParagraph(
                ParagraphKind.SUBPARAGRAPH, f"({match[1]})", text=_clean(match[2])
            )
            operative.children.append(current)
        elif operative is None and (current is None or line[0].isupper()):
            current = ParsedParagraph(ParagraphKind.PREAMBULAR, text=_clean(line))
            paragraphs.append(current)
        elif current is not None:
            current.text = f"{current.text} {_clean(line)}".strip()
    for number, paragraph in enumerate(
        (p for p in paragraphs if p.kind == ParagraphKind.PREAMBULAR), start=1
    ):
        paragraph.number = str(number)
    return paragraphs + footnotes


def full_text(paragraph: Paragraph) -> str:
    return f"{paragraph.action_verb} {paragraph.text}".strip()


def word_diff(old: str, new: str) -> SafeString:
    """Return ``new`` as HTML with <ins> and <del> marking the words changed since ``old``."""
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every word is escaped above


@dataclass
class ParagraphChange:
    label: str
    status: str  # "same", "changed", "added", "removed"
    html: SafeString


def compare_drafts(old: ResolutionDraft, new: ResolutionDraft) -> list[ParagraphChange]:
    """Paragraph by paragraph, in the order of the newer text, what changed between drafts."""
    before = {p.label: p for p in old.paragraphs.select_related("parent")}
    changes = []
    for paragraph in new.paragraphs.select_related("parent"):
        previous = before.pop(
            paragraph.label, None
        )  # the label identifies a paragraph across versions
        if previous is None:
            changes.append(
                ParagraphChange(paragraph.label, "added", word_diff("", full_text(paragraph)))
            )
        elif full_text(previous) == full_text(paragraph):
            changes.append(ParagraphChange(paragraph.label, "same", escape(full_text(paragraph))))
        else:
            html = word_diff(full_text(previous), full_text(paragraph))
            changes.append(ParagraphChange(paragraph.label, "changed", html))
    for paragraph in before.values():
        changes.append(
            ParagraphChange(paragraph.label, "removed", word_diff(full_text(paragraph), ""))
        )
    return changes
