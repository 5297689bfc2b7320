"""Programme generation: the meeting's data laid out as the UN provisional programme (HTML, PDF).

The content is first reduced to plain data (``programme_content``); its checksum keys the
version, so generating again without a change of data makes no new version, and the
plain data of two versions says what changed between them.
"""

import hashlib
import json
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.enums import ParticipantRole, ProgrammeKind
from meetings.formatting import date_range
from meetings.models import Meeting
from meetings.selectors import programme_segments
from meetings.translation import text_in
from meetings.when import undated_last, when_text

#: Functions ``(meeting, language) -> list[dict]`` adding annexes (the speakers app adds its
#: lists). An annex, and each of its ``rows``, may carry a ``mark`` (``language_mark``).
ANNEX_PROVIDERS: list[Callable[[Meeting, str], list[dict]]] = []


def language_mark(text_language: str, language: str) -> str:
    """How a programme in ``language`` marks a text in ``text_language``: "EN" for English in
    the French programme, "FR" for French typed into the English one, nothing in its own."""
    return "" if text_language == language else text_language.upper()


def _in(obj, field: str, language: str) -> tuple[str, bool]:
    """The text of ``field`` for ``language``, and whether it is still in English (an empty
    text is in no language: a plenary without a theme is not marked)."""
    text, its_language = text_in(obj, field, language)
    return text, bool(text) and its_language != language


def programme_content(*, meeting: Meeting, language: str = "en") -> dict:
    """Return everything the programme prints, as plain data in programme order.

    Call it with ``language`` active; text staff did not translate is printed in English
    and flagged, so the programme can say so.
    """
    days: list[dict] = []
    fallbacks = 0
    concept_notes = []
    # What is not fixed yet is not printed; the segments whose day is not fixed come last.
    for when, segment in undated_last(programme_segments(meeting=meeting), language):
        day = capfirst(date_format(when.day, "l j F Y")) if when.day else _("Date to be set")
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "segments": []})
        people = []
        for p in segment.participants.all():  # those who declined are not in it
            function, fell_back = _in(p, "function", language)
            fallbacks += fell_back
            people.append(
                {
                    "role": p.role,
                    "name": p.display_name,
                    "function": function,
                    "tbc": not p.confirmed,
                    "english": fell_back,
                }
            )
        (title, t1), (theme, t2), (description, t3) = (
            _in(segment, field, language) for field in ("title", "theme", "description")
        )
        t4 = when.note_language != language
        fallbacks += t1 + t2 + t3 + t4
        days[-1]["segments"].append(
            {
                "id": segment.pk,
                "kind": segment.get_kind_display(),
                "title": title,
                "theme": theme,
                "description": description,
                "english": t1 or t2 or t3 or t4,
                "time": when_text(segment, day_format=None, language=language),
                "room": segment.room.name if segment.room else "",
                "until_exhausted": segment.until_list_exhausted,
                "speakers": [p for p in people if p["role"] in _LISTED_ROLES],
                "chairs": [p for p in people if p["role"] == ParticipantRole.CHAIR],
                "moderators": [p for p in people if p["role"] == ParticipantRole.MODERATOR],
                "panellists": [p for p in people if p["role"] == ParticipantRole.PANELLIST],
            }
        )
        note = getattr(segment, "concept_note", None)
        if note:
            parts = {f: _in(note, f, language) for f in CONCEPT_NOTE_FIELDS}
            fallbacks += sum(fell_back for _text, fell_back in parts.values())
            questions = parts["questions"][0]
            concept_notes.append(
                {
                    "title": title,
                    "theme": theme,
                    "when": capfirst(when_text(segment, day_format="l j F Y", language=language)),
                    **{f: text for f, (text, _fb) in parts.items() if f != "questions"},
                    "questions": [q.strip() for q in questions.split("\n\n") if q.strip()],
                    "english": any(fell_back for _text, fell_back in parts.values()),
                }
            )
    annexes = [annex for provider in ANNEX_PROVIDERS for annex in provider(meeting, language)]
    marks = [annex.get("mark") for annex in annexes]
    marks += [row.get("mark") for annex in annexes for row in annex.get("rows", [])]
    title, fell_back = _in(meeting, "title", language)
    return {
        "language": language,
        "english_parts": fallbacks + fell_back + marks.count("EN"),
        # Text typed in another language than English or the programme's, printed as typed.
        "other_marks": sorted({mark for mark in marks if mark and mark != "EN"}),
        "title": title,
        "dates": _meeting_dates(meeting),
        "days": days,
        "concept_notes": concept_notes,
        "annexes": annexes,
    }


_LISTED_ROLES = (ParticipantRole.PRESIDING_OFFICER, ParticipantRole.OPENING_SPEAKER)
CONCEPT_NOTE_FIELDS = ("background", "objective", "questions", "format", "outcome")


def _meeting_dates(meeting: Meeting) -> str:
    return date_range(meeting.starts_on, meeting.ends_on)


def checksum_of(content: dict) -> str:
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


PEOPLE_KEYS = ("speakers", "chairs", "moderators", "panellists")


def _names(segment: dict, *, tbc_only: bool = False) -> set[str]:
    return {p["name"] for key in PEOPLE_KEYS for p in segment[key] if p["tbc"] or not tbc_only}


def _annex_names(content: dict) -> set[str]:
    return {name for annex in content["annexes"] for name in annex.get("names", [])}


def describe_changes(before: dict | None, after: dict) -> str:
    """Say in a few lines what changed between two programme contents."""
    if before is None:
        return _("First version.")
    old = {s["id"]: s for day in before["days"] for s in day["segments"]}
    new = {s["id"]: s for day in after["days"] for s in day["segments"]}
    lines = [
        _("Segment added: %(title)s") % {"title": new[pk]["title"]}
        for pk in new.keys() - old.keys()
    ]
    lines += [
        _("Segment removed: %(title)s") % {"title": old[pk]["title"]}
        for pk in old.keys() - new.keys()
    ]
    for pk in sorted(new.keys() & old.keys()):
        a, b = old[pk], new[pk]
        title = b["title"]
        if (a["time"], a["room"]) != (b["time"], b["room"]):
            lines.append(
                _("%(title)s: now %(time)s, %(room)s (was %(old_time)s, %(old_room)s)")
                % {"title": title, "time": b["time"], "room": b["room"],
                   "old_time": a["time"], "old_room": a["room"]}
            )  # fmt: skip
        if a["title"] != b["title"] or a["theme"] != b["theme"]:
            lines.append(_("%(title)s: title or theme changed") % {"title": title})
        for name in sorted(_names(b) - _names(a)):
            lines.append(_("%(title)s: %(name)s added") % {"title": title, "name": name})
        for name in sorted(_names(a) - _names(b)):
            lines.append(_("%(title)s: %(name)s removed") % {"title": title, "name": name})
        for name in sorted((_names(a, tbc_only=True) - _names(b, tbc_only=True)) & _names(b)):
            lines.append(_("%(title)s: %(name)s confirmed") % {"title": title, "name": name})
    added, removed = (
        _annex_names(after) - _annex_names(before),
        _annex_names(before) - _annex_names(after),
    )
    if added:
        lines.append(_("Speakers added: %(names)s") % {"names": ", ".join(sorted(added))})
    if removed:
        lines.append(_("Speakers removed: %(names)s") % {"names": ", ".join(sorted(removed))})
    if before["concept_notes"] != after["concept_notes"]:
        lines.append(_("Concept notes changed."))
    return "\n".join(lines) or _("Layout only: no change of content.")


def render_programme_html(content: dict, *, kind: str, number: int) -> str:
    return render_to_string(
        "meetings/programme.html",
        {"content": content, "final": kind == ProgrammeKind.FINAL, "number": number},
    )
