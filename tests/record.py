"""Read the seed documents (``shared/seeds`` beside the repository, as CI lays it) into data
that tests compare pages and PDFs with: the programme's days, times, rooms and people, the
documents' order, the dates the record gives. Nothing here copies an expected value."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from html import unescape
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?\.?m?\.?"
RANGE = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?\s*[-–]\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?",
    re.IGNORECASE,
)
OPEN_ENDED = re.compile(r"(?:from|after)\s+(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?", re.I)
LONE = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?$", re.IGNORECASE)
DAY = re.compile(rf"{WEEKDAY},?\s+(\d{{1,2}}) ({MONTHS})(?: (\d{{4}}))?")
DAY_LINE = re.compile(rf"\d{{1,2}} ({MONTHS}) \d{{4}}")  # a day heading of seed 004
PERSON = re.compile(r"\b(?:H\.E\.?\s*)?(?:Mr|Ms|Dr)\.\s+([^,]+),")


def calendar_date(text: str, form: str = "%d %B %Y") -> date:
    """The calendar date ``text`` writes (no time, so no time zone)."""
    return datetime.strptime(text, form).date()  # noqa: DTZ007


def seed(number: str) -> str:
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Whitespace made single spaces."""
    return " ".join(text.split())


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, whitespace squashed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return squash(unescape(re.sub(r"<[^>]+>", " ", html)))


def _clock(hour: str, minute: str | None, meridiem: str | None) -> time:
    h = int(hour) % 12 + (12 if (meridiem or "").lower().startswith("p") else 0)
    return time(h, int(minute or 0))


def _range(match: re.Match) -> tuple[time, time]:
    end = _clock(match[4], match[5], match[6])
    start = _clock(match[1], match[2], match[3] or match[6])
    if start > end:
        start = _clock(match[1], match[2], "a")
    return start, end


Slot = tuple[date, time, time | None]


def surname(name: str) -> str:
    return name.split()[-1]


def people(text: str) -> list[tuple[str, bool]]:
    """The people named in ``text`` ("Ms. Name, function …"), as (surname, marked TBC)."""
    matches = list(PERSON.finditer(text))
    found = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        found.append((surname(match[1]), "(TBC)" in text[match.end() : end]))
    return found


@dataclass
class Row:
    """A row of seed 002's provisional programme."""

    day: date
    slots: list[Slot]
    room: str  # as the seed writes it, e.g. "GA Hall"
    title: str
    text: str = ""
    people: list[tuple[str, bool]] = field(default_factory=list)


def programme_002() -> list[Row]:
    """The provisional programme of 13 September 2017 (seed 002), row by row."""
    text = seed("002")
    rows: list[Row] = []
    day = None
    for line in text[text.rindex("Provisional Programme") :].splitlines():
        if "\t" not in line:
            continue
        when, *cells = (text_of(cell) for cell in line.split("\t"))
        parts = [
            text_of(part)
            for cell in line.split("\t")[1:]
            for part in re.split(r"</p>|</ul>", cell)
            if text_of(part)
        ]
        for part in list(parts):
            if match := DAY.fullmatch(part):
                day = calendar_date(f"{match[1]} {match[2]} {match[3]}")
                parts.remove(part)
        if not parts:
            continue
        if not when:
            rows[-1].text = f"{rows[-1].text} {' '.join(parts)}"
            rows[-1].people = people(rows[-1].text)
            continue
        slots = [(day, *_range(m)) for m in RANGE.finditer(when)]
        room = RANGE.sub("", when)
        if not slots and (lone := LONE.match(when)):
            slots, room = [(day, _clock(lone[1], lone[2], lone[3]), None)], ""
        body = " ".join(parts[1:])
        rows.append(Row(day, slots, squash(room), parts[0], body, people(body)))
    return rows


def programme_004() -> dict[Slot, list[tuple[str, bool]]]:
    """The people of each time slot of the meeting's public page (seed 004), later than 002."""
    lines = seed("004").splitlines()
    by_slot: dict[Slot, list[tuple[str, bool]]] = {}
    day = slot = None
    for line in lines:
        line = line.strip()
        if DAY_LINE.fullmatch(line):
            day = calendar_date(line)
        elif (match := RANGE.fullmatch(line)) and day:
            slot = (day, *_range(match))
            by_slot[slot] = []
        elif (match := OPEN_ENDED.fullmatch(line)) and day:
            slot = (day, _clock(match[1], match[2], match[3]), None)
            by_slot[slot] = []
        elif slot is not None:
            by_slot[slot] += people(line)
    return by_slot


def slots_in(text: str, *, year: int) -> list[tuple[Slot, str]]:
    """The time slots a page or PDF prints under its day headings, in order, each with the
    text that follows it up to the next slot."""
    marks = []
    for match in DAY.finditer(text):
        marks.append((match.start(), "day", match))
    for match in RANGE.finditer(text):
        marks.append((match.start(), "range", match))
    for match in OPEN_ENDED.finditer(text):
        marks.append((match.start(), "open", match))
    marks.sort(key=lambda mark: mark[0])
    found: list[tuple[Slot, str]] = []
    day = None
    for index, (_start, kind, match) in enumerate(marks):
        if kind == "day":
            day = calendar_date(f"{match[1]} {match[2]} {match[3] or year}")
            continue
        if day is None:
            continue
        end = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        if kind == "range":
            slot = (day, *_range(match))
        else:
            slot = (day, _clock(match[1], match[2], match[3]), None)
        found.append((slot, text[match.end() : end]))
    return found


def organization_004() -> list[str]:
    """The paragraphs of seed 004 between its programme (the last slot's line) and its list
    of documents: how the meeting is organized, whitespace squashed."""
    lines = seed("004").splitlines()
    last_slot = max(i for i, line in enumerate(lines) if OPEN_ENDED.fullmatch(line.strip()))
    first_document = len(lines) - len(documents_004())
    return [squash(line) for line in lines[last_slot + 2 : first_document] if line.strip()]


def documents_004() -> list[str]:
    """The lines of seed 004's list of documents, newest first as the page lists them."""
    text = seed("004")
    return [line for line in text[text.index("updates here") :].splitlines()[1:] if line.strip()]


def dates_in(text: str) -> set[date]:
    """Every calendar date written in ``text``, in the forms the seeds use."""
    found = set()
    for d1, d2, month, year in re.findall(
        rf"\b(\d{{1,2}})\s*[-–]\s*(\d{{1,2}}) ({MONTHS}) (\d{{4}})", text
    ):
        for day in (d1, d2):
            found.add(calendar_date(f"{day} {month} {year}"))
    for day, month, year in re.findall(rf"\b(\d{{1,2}}) ({MONTHS}),? (\d{{4}})", text):
        found.add(calendar_date(f"{day} {month} {year}"))
    for month, day, year in re.findall(rf"({MONTHS}) (\d{{1,2}}),? (\d{{4}})", text):
        found.add(calendar_date(f"{day} {month} {year}"))
    return found


def seed_dates() -> set[date]:
    return set().union(*(dates_in(seed(n)) for n in ("001", "002", "003", "004")))
