"""The announcements of the Journal of the United Nations, written from the data.

For a meeting, each of its segments, and each informal consultation, the notice in the
Journal's form in English and in French: the organ and session, the title, the mandate,
the date, time and room, who chairs, and what delegations are invited to do and by when
(inscribe on the list of speakers, send their input, register). The text is generated
anew from the facts each time; what was last sent to the Journal's editors is kept, so
staff see what changed before sending again.

Content that staff have not given in French (a resolution's title, a delegation's name)
appears in English in the French notice, as it does on the French pages.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from meetings.enums import ParticipantRole, SegmentKind
from meetings.models import CoFacilitator, JournalNotice, Meeting, Segment
from meetings.names import with_honorific
from meetings.selectors import with_programme_data
from meetings.when import after_day, when_of

LANGUAGES = ("en", "fr")
CHAIRING_ROLES = (ParticipantRole.PRESIDING_OFFICER, ParticipantRole.CHAIR)

# --- Words and forms of each language ---------------------------------------------------------

_UNITS_EN = "zero one two three four five six seven eight nine".split()
_TEENS_EN = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_TENS_EN = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_EN = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip
_UNITS_FR = "zéro un deux trois quatre cinq six sept huit neuf".split()
_TEENS_FR = "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
_TENS_FR = "_ _ vingt trente quarante cinquante soixante".split()
_ORDINAL_FR = {"un": "unième", "cinq": "cinquième", "neuf": "neuvième"}


def _cardinal_en(n: int) -> str:
    if n < 10:
        return _UNITS_EN[n]
    if n < 20:
        return _TEENS_EN.split()[n - 10]
    tens, unit = divmod(n, 10)
    return _TENS_EN[tens] + (f"-{_UNITS_EN[unit]}" if unit else "")


def _cardinal_fr(n: int) -> str:
    if n < 10:
        return _UNITS_FR[n]
    if n < 20:
        return _TEENS_FR[n - 10]
    if n < 70:
        tens, unit = divmod(n, 10)
        joint = " et " if unit == 1 else "-"
        return _TENS_FR[tens] + (f"{joint}{_UNITS_FR[unit]}" if unit else "")
    if n < 80:
        return "soixante" + (" et " if n == 71 else "-") + _cardinal_fr(n - 60)
    rest = n - 80
    return "quatre-vingts" if rest == 0 else f"quatre-vingt-{_cardinal_fr(rest)}"


def ordinal(n: int, language: str) -> str:
    """Return the ordinal of ``n`` (1–99) in words: "seventy-sixth", "soixante-seizième"."""
    if language == "fr":
        if n == 1:
            return "première"  # la première session
        words = "quatre-vingt" if n == 80 else _cardinal_fr(n)
        head, last = re.match(r"(.*?)([a-zé]+)$", words).groups()
        return head + _ORDINAL_FR.get(last, last.removesuffix("e") + "ième")
    head, last = re.match(r"(.*?)([a-z]+)$", _cardinal_en(n)).groups()
    if last in _ORDINAL_EN:
        return head + _ORDINAL_EN[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")


def session_on(day: date) -> int:
    """Return the GA session running on ``day``: each opens in the third week of September."""
    return day.year - 1945 if (day.month, day.day) >= (9, 15) else day.year - 1946


def day_text(day: date, language: str) -> str:
    """ "Tuesday, 30 March 2021" or "mardi 30 mars 2021"."""
    with translation.override(language):
        return date_format(day, "l, j F Y" if language == "en" else "l j F Y")


def clock_text(moment: datetime, language: str) -> str:
    """ "15:00" in English; "15 heures" or "16 h 30" in French, as the Journal prints them."""
    local = timezone.localtime(moment)
    if language == "fr":
        return f"{local.hour} h {local.minute:02d}" if local.minute else f"{local.hour} heures"
    return f"{local:%H:%M}"


def hours_text(starts_at: datetime, ends_at: datetime | None, language: str) -> str:
    start = clock_text(starts_at, language)
    if ends_at is None:
        return f"à partir de {start}" if language == "fr" else f"from {start}"
    end = clock_text(ends_at, language)
    return f"de {start} à {end}" if language == "fr" else f"from {start} to {end}"


def journal_when(segment: Segment, language: str) -> str:
    """ "Tuesday, 30 March 2021, from 15:00 to 18:00"; what is not fixed yet is not printed:
    "Monday, 22 November 2021, in the afternoon", "No later than August 2021 (date to be set)"."""
    with translation.override(language):
        when = when_of(segment, language)
    if when.starts_at:
        hours = hours_text(when.starts_at, when.ends_at, language)
    else:
        hours = after_day(when.note) if when.day else when.note
    return f"{day_text(when.day, language)}, {hours}" if when.day else hours


def moment_text(moment: datetime, language: str) -> str:
    """ "Friday, 26 March 2021 at 18:00" or "vendredi 26 mars 2021 à 18 heures"."""
    day = day_text(timezone.localdate(moment), language)
    return f"{day} {'à' if language == 'fr' else 'at'} {clock_text(moment, language)}"


def room_text(room, language: str) -> str:
    """The room in running text: "General Assembly Hall"; "salle de l'Assemblée générale"."""
    if room is None:
        return ""
    name = getattr(room, f"name_{language}", None) or room.name
    return name[0].lower() + name[1:] if name.startswith("Salle ") else name


def person_text(honorific: str, name: str, delegation, language: str) -> str:
    """ "H.E. Mr. Marc Pecsteen de Buytswerve (Belgium)", in the notice's language."""
    with translation.override(language):
        text = with_honorific(honorific, name)
    if delegation is None:
        return text
    return f"{text} ({getattr(delegation, f'name_{language}', None) or delegation.name})"


def join_names(names: list[str], language: str) -> str:
    """ "A and B", "A, B and C"; "A et B" in French."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + (" et " if language == "fr" else " and ") + names[-1]


def mandate_text(resolutions, language: str) -> str:
    """ "pursuant to General Assembly resolutions 74/176 and 64/293", in the notice's language."""
    numbers = [r.symbol.removeprefix("A/RES/") for r in resolutions if r.symbol]
    if not numbers:
        return ""
    joined = join_names(numbers, language)
    if language == "fr":
        if len(numbers) == 1:
            return f"en application de la résolution {joined} de l'Assemblée générale"
        return f"en application des résolutions {joined} de l'Assemblée générale"
    plural = "s" if len(numbers) > 1 else ""
    return f"pursuant to General Assembly resolution{plural} {joined}"


# --- The facts --------------------------------------------------------------------------------


@dataclass
class Notice:
    """One notice in both languages; ``segment`` is None for the notice of the whole meeting."""

    meeting: Meeting
    segment: Segment | None
    label: str
    english: str
    french: str

    @property
    def key(self) -> str:
        return str(self.segment.pk) if self.segment else "meeting"

    def text(self, language: str) -> str:
        return self.english if language == "en" else self.french


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _common(meeting: Meeting, language: str) -> dict:
    with translation.override(language):
        return {
            "meeting_title": meeting.title,
            "mandate": mandate_text(meeting.mandate_resolutions.all(), language),
            "contact": ", ".join(p for p in (meeting.contact_name, meeting.contact_email) if p),
            "webcast": meeting.webcast_url,
            "url": _absolute(meeting.get_absolute_url()),
        }


def _list_facts(speakers_list, language: str) -> dict | None:
    if speakers_list is None:
        return None
    return {
        "opens": moment_text(speakers_list.opens_at, language),
        "closes": moment_text(speakers_list.closes_at, language),
        "url": _absolute(reverse("speakers:dashboard")),
        "individual": speakers_list.individual_time_limit,
        "group": speakers_list.group_time_limit,
    }


def _segment_facts(segment: Segment, lists: dict, language: str) -> dict:
    """What a segment's notice says, in ``language``."""
    with translation.override(language):
        people = list(segment.participants.all())
        chairs = [
            person_text(p.honorific, p.name, p.delegation, language)
            for p in people
            if p.role in CHAIRING_ROLES
        ]
        facts = {
            "segment": segment,
            "title": segment.title,
            "kind": segment.get_kind_display(),
            "theme": segment.theme,
            "session": ordinal(segment.meeting.ga_session, language).capitalize(),
            "when": journal_when(segment, language),
            "room": room_text(segment.room, language),
            "chairs": chairs,
            "individual_limit": segment.individual_time_limit,
            "group_limit": segment.group_time_limit,
            "until_exhausted": segment.until_list_exhausted,
            "list": _list_facts(lists.get(segment.pk if segment.is_panel else None), language)
            if segment.kind in (SegmentKind.PLENARY, SegmentKind.PANEL)
            else None,
        }
        if segment.kind == SegmentKind.INFORMAL_CONSULTATION:
            facts.update(_consultation_facts(segment, language))
        return facts


def _consultation_facts(segment: Segment, language: str) -> dict:
    """The text negotiated, its co-facilitators, its latest draft and the input deadline."""
    resolution = segment.resolution
    facts = {
        "session": ordinal(session_on(timezone.localdate(segment.starts_at)), language).capitalize()
    }
    if resolution is None:
        return facts
    day = timezone.localdate(segment.starts_at)
    drafts = [d for d in resolution.drafts.all() if d.circulated_on <= day]
    draft = drafts[-1] if drafts else None
    earlier = Segment.objects.filter(
        resolution=resolution,
        kind=SegmentKind.INFORMAL_CONSULTATION,
        starts_at__lt=segment.starts_at,
    ).count()
    number = ordinal(earlier + 1, language)
    facts.update(
        resolution=resolution,
        ordinal=(number + "s" if language == "fr" else number).capitalize(),
        co_facilitators=join_names(
            [
                person_text(c.honorific, c.name, c.delegation, language)
                for c in resolution.co_facilitators.all()
            ],
            language,
        ),
        draft=draft
        and {"label": draft.label, "circulated": day_text(draft.circulated_on, language)},
        input_deadline=draft
        and draft.input_deadline
        and moment_text(draft.input_deadline, language),
        input_url=_absolute(reverse("meetings:draft_input", kwargs={"pk": draft.pk}))
        if draft
        else "",
    )
    return facts


def _civil_society(meeting: Meeting, language: str) -> dict | None:
    try:
        process = meeting.civil_society
    except ObjectDoesNotExist:
        return None
    return {
        "closes": moment_text(process.closes_at, language),
        "url": _absolute(reverse("stakeholders:apply", kwargs={"slug": meeting.slug})),
    }


def _render(template: str, language: str, context: dict) -> str:
    with translation.override(language):
        text = render_to_string(f"meetings/journal/{template}_{language}.txt", context)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def journal_segments(meeting: Meeting) -> list[Segment]:
    """The segments of ``meeting`` with everything their notices print, the preparatory
    process (informal consultations, the hearing) included, in order."""
    segments = with_programme_data(meeting.segments.all()).select_related(
        "meeting", "resolution"
    ).prefetch_related(
        "resolution__drafts",
        Prefetch("resolution__co_facilitators", CoFacilitator.objects.select_related("delegation")),
    )  # fmt: skip
    return list(segments)


def notices_for(meeting: Meeting) -> list[Notice]:
    """Return the notices of ``meeting``: the whole meeting first, then each segment."""
    prefetch_related_objects([meeting], "mandate_resolutions")
    segments = journal_segments(meeting)
    lists = {sl.segment_id: sl for sl in meeting.speakers_lists.all()}
    notices = []
    texts = {}
    for language in LANGUAGES:
        context = {
            **_common(meeting, language),
            "session": ordinal(meeting.ga_session, language).capitalize(),
            "dates": _dates_text(meeting, language),
            "segments": [
                _segment_facts(s, lists, language)
                for s in segments
                if s.kind != SegmentKind.INFORMAL_CONSULTATION
            ],
            "list": _list_facts(lists.get(None), language),
            "civil_society": _civil_society(meeting, language),
        }
        texts[language] = _render("meeting", language, context)
    notices.append(Notice(meeting, None, meeting.short_title, texts["en"], texts["fr"]))
    for segment in segments:
        template = (
            "consultation" if segment.kind == SegmentKind.INFORMAL_CONSULTATION else "segment"
        )
        english, french = (
            _render(
                template,
                language,
                {**_common(meeting, language), **_segment_facts(segment, lists, language)},
            )
            for language in LANGUAGES
        )
        notices.append(Notice(meeting, segment, segment.title, english, french))
    return notices


def _dates_text(meeting: Meeting, language: str) -> str:
    if meeting.starts_on == meeting.ends_on:
        return day_text(meeting.starts_on, language)
    joint = " et " if language == "fr" else " and "
    first, last = day_text(meeting.starts_on, language), day_text(meeting.ends_on, language)
    return first + joint + last


# --- What was sent, what changed, sending -----------------------------------------------------


def last_sent(*, meeting: Meeting) -> dict[str, JournalNotice]:
    """Return the latest notice sent for the meeting and for each segment, by notice key."""
    latest = {}
    for sent in meeting.journal_notices.order_by("sent_at", "pk"):
        latest[str(sent.segment_id) if sent.segment_id else "meeting"] = sent
    return latest


def changes_since(notice: Notice, sent: JournalNotice | None) -> list[str]:
    """Return the lines that changed since ``sent`` (a unified diff), empty if none."""
    if sent is None:
        return []
    diff = []
    for language, before in (("en", sent.english), ("fr", sent.french)):
        diff += difflib.unified_diff(
            before.splitlines(),
            notice.text(language).splitlines(),
            fromfile=f"{language}: {timezone.localtime(sent.sent_at):%d %b %Y %H:%M}",
            tofile=f"{language}: now",
            lineterm="",
        )
    return diff
