"""The 2017 high-level meeting on the appraisal of the Global Plan of Action (seeds 002, 004)."""

from datetime import date

from meetings.demo.common import (
    GPA_TITLE,
    _at,
)
from meetings.demo.texts_2017 import (
    ARRANGEMENTS,
    CONCEPT_NOTES,
    DOCUMENTS,
    FRENCH_FUNCTIONS,
    FRENCH_SEGMENT_TITLES,
    OPENING_SPEAKERS,
    OPENING_SPEAKERS_13_SEPTEMBER,
    PANEL_1_CHAIR,
    PANEL_1_PANELLISTS,
    PANEL_1_PANELLISTS_13_SEPTEMBER,
    PANEL_1_THEME,
    PANEL_2_CHAIR,
    PANEL_2_PANELLISTS,
    PANEL_2_THEME,
    PANEL_OUTCOME,
    PGA_LETTER_2017,
    PLENARY_DESCRIPTION,
)
from meetings.enums import (
    DraftStage,
    MeetingFormat,
    MeetingStatus,
    ParticipantRole,
    SegmentKind,
    WhenFixed,
)
from meetings.models import (
    ConceptNote,
    Delegation,
    Document,
    Meeting,
    Participant,
    Resolution,
    ResolutionDraft,
    Room,
    Segment,
)
from meetings.sync import sync_object


def _load_2017_french(meeting: Meeting) -> None:
    """Part of the 2017 content in French; the rest falls back to English (the themes)."""
    sync_object(
        Meeting,
        {"pk": meeting.pk},
        title_fr="Réunion de haut niveau de l'Assemblée générale sur l'évaluation du Plan "
        "d'action mondial des Nations Unies pour la lutte contre la traite des personnes",
        short_title_fr="Réunion de haut niveau sur la traite des personnes (2017)",
    )


def _load_2017_french_segments(meeting: Meeting) -> None:
    for title, french in FRENCH_SEGMENT_TITLES.items():
        Segment.objects.filter(meeting=meeting, title_en=title, title_fr__isnull=True).update(
            title_fr=french
        )
    for name, function in FRENCH_FUNCTIONS.items():
        Participant.objects.filter(segment__meeting=meeting, name=name).update(function_fr=function)


def _load_2017(rooms: dict[str, Room], resolutions: dict[str, Resolution]) -> Meeting:
    meeting = sync_object(
        Meeting,
        {"slug": "trafficking-in-persons-2017"},
        title=GPA_TITLE,
        short_title="HLM on trafficking in persons (2017)",
        ga_session=72,
        starts_on=date(2017, 9, 27),
        ends_on=date(2017, 9, 28),
        format=MeetingFormat.IN_PERSON,
        status=MeetingStatus.CONCLUDED,
        summary=(
            "In accordance with GA resolution 71/287 on the “Modalities, format and organization "
            "of the high-level meeting of the General Assembly on the appraisal of the United "
            "Nations Global Plan of Action to Combat Trafficking in Persons”, a High-Level "
            "Meeting of the plenary of the General Assembly will be convened on 27 – 28 September "
            "2017 to appraise progress achieved in the implementation of the Global Plan of "
            "Action to Combat Trafficking in Persons (Resolution 64/293), in order to assess "
            "achievements, gaps and challenges, including in the implementation of the relevant "
            "legal instruments."
        ),
        arrangements=ARRANGEMENTS,
        contact_name="Office of the President of the General Assembly",
    )
    # A/RES/70/179 convened the appraisal; A/RES/64/293 adopted the Global Plan it appraises.
    meeting.mandate_resolutions.set([resolutions["A/RES/70/179"]])
    meeting.background_resolutions.set([resolutions["A/RES/64/293"]])
    for symbol in ("A/RES/71/287", "A/RES/72/1"):
        sync_object(Resolution, {"symbol": symbol}, meeting=meeting)
    _load_2017_drafts(resolutions)

    _load_2017_french(meeting)
    day_1, day_2 = meeting.starts_on, meeting.ends_on
    ga_hall, council = rooms["GA Hall"], rooms["Trusteeship Council"]
    plenary_limits = (3, 5)  # seed 004: 3 minutes, 5 on behalf of a group
    segments = [
        # position, kind, title, start, end, room, theme, description, until exhausted, limits
        (1, SegmentKind.OPENING_PLENARY, "Opening segment", _at(day_1, 10), _at(day_1, 11),
         ga_hall, "", "", False, (None, None)),
        (2, SegmentKind.PLENARY, "Plenary meeting", _at(day_1, 11), _at(day_1, 13),
         ga_hall, "", PLENARY_DESCRIPTION, False, plenary_limits),
        # Seed 002: "11Am-1PM 3PM-6PM GA Hall", while the panels sit in the Trusteeship Council.
        (3, SegmentKind.PLENARY, "Plenary meeting", _at(day_1, 15), _at(day_1, 18),
         ga_hall, "", PLENARY_DESCRIPTION, False, plenary_limits),
        (4, SegmentKind.PANEL, "Interactive panel discussion 1", _at(day_1, 15),
         _at(day_1, 16, 30), council, PANEL_1_THEME, "", False, (3, None)),
        (5, SegmentKind.PANEL, "Interactive panel discussion 2", _at(day_1, 16, 30),
         _at(day_1, 18), council, PANEL_2_THEME, "", False, (3, None)),
        (6, SegmentKind.PLENARY, "Plenary meeting", _at(day_2, 10), _at(day_2, 13),
         ga_hall, "", PLENARY_DESCRIPTION, False, plenary_limits),
        (7, SegmentKind.PLENARY, "Plenary meeting", _at(day_2, 15), _at(day_2, 18),
         ga_hall, "", PLENARY_DESCRIPTION, True, plenary_limits),
        # Seed 002: "6PM" and no room; seed 004: "after 6 pm", once the list is exhausted.
        (8, SegmentKind.CLOSING_PLENARY, "Closing segment", _at(day_2, 18), None, None, "",
         "The Chairs of the interactive panel discussions will present summaries of the "
         "discussions at the closing plenary meeting, followed by final remarks by the President "
         "of the General Assembly.", False, (None, None)),
    ]  # fmt: skip
    # The start only orders the closing: the seed words it ("after 6 pm"), not as a time.
    closing_when = {"when_fixed": WhenFixed.DAY, "when_note_en": "After 6 p.m.",
                    "when_note_fr": "Après 18\u00a0h"}  # fmt: skip
    fixed = {"when_fixed": WhenFixed.TIME, "when_note_en": "", "when_note_fr": ""}
    _free_positions(meeting, {(kind, start): pos for pos, kind, _t, start, *_r in segments})
    by_position = {}
    for position, kind, title, starts_at, ends_at, room, theme, desc, exhausted, limits in segments:
        by_position[position] = sync_object(
            Segment,
            {"meeting": meeting, "kind": kind, "starts_at": starts_at},
            position=position,
            title=title,
            ends_at=ends_at,
            room=room,
            theme=theme,
            description=desc,
            until_list_exhausted=exhausted,
            individual_time_limit=limits[0],
            group_time_limit=limits[1],
            **(closing_when if kind == SegmentKind.CLOSING_PLENARY else fixed),
        )

    _sync_people(
        by_position[1],
        ParticipantRole.OPENING_SPEAKER,
        OPENING_SPEAKERS,
        earlier=OPENING_SPEAKERS_13_SEPTEMBER,
    )
    _sync_people(by_position[4], ParticipantRole.CHAIR, [PANEL_1_CHAIR])
    _sync_people(
        by_position[4],
        ParticipantRole.PANELLIST,
        PANEL_1_PANELLISTS,
        first_position=2,
        earlier=PANEL_1_PANELLISTS_13_SEPTEMBER,
    )
    _sync_people(by_position[5], ParticipantRole.CHAIR, [PANEL_2_CHAIR])
    _sync_people(by_position[5], ParticipantRole.PANELLIST, PANEL_2_PANELLISTS, first_position=2)
    _load_2017_french_segments(meeting)
    _sync_concept_note(by_position[4], CONCEPT_NOTES["Interactive panel discussion 1"])
    _sync_concept_note(by_position[5], CONCEPT_NOTES["Interactive panel discussion 2"])

    # Seed 004's list as it stands (newest first): its order is the documents' position.
    for position, (kind, title, published_on, symbol) in enumerate(DOCUMENTS, start=1):
        sync_object(
            Document,
            {"meeting": meeting, "title": title},
            kind=kind,
            published_on=published_on,
            symbol=symbol,
            url="",
            position=position,
        )
    return meeting


def _load_2017_drafts(resolutions: dict[str, Resolution]) -> None:
    """The drafts seed 004 lists, in its order, undated (no seed dates them).

    A/RES/71/287: zero, revised and final drafts (adopted on 4 May 2017, seed 002; no seed gives
    its L-document). A/RES/72/1: zero and revised drafts, the silence procedure (no seed says
    how it ended) and the final draft.
    """
    recorded = {
        "A/RES/71/287": [
            (DraftStage.ZERO, {}),
            (DraftStage.REVISED, {}),
            (DraftStage.FINAL, {}),
        ],
        "A/RES/72/1": [
            (DraftStage.ZERO, {}),
            (DraftStage.REVISED, {}),
            (DraftStage.SILENCE, {}),
            (DraftStage.FINAL, {}),
        ],
    }
    for symbol, drafts in recorded.items():
        resolution = resolutions[symbol]
        resolution.drafts.exclude(stage__in=[stage for stage, _extra in drafts]).delete()
        for stage, extra in drafts:
            sync_object(
                ResolutionDraft,
                {"resolution": resolution, "stage": stage, "revision": 0},
                circulated_on=None,
                silence_deadline=None,
                **{"symbol": "", "silence_outcome": "", **extra},
            )


def _free_positions(meeting: Meeting, wanted: dict[tuple, int]) -> None:
    """Move aside the segments whose order changes, so the unique order is never violated."""
    for segment in meeting.segments.all():
        position = wanted.get((segment.kind, segment.starts_at))
        if position is not None and position != segment.position:
            segment.position = 1000 + segment.pk
            segment.save(update_fields=["position"])


def _sync_people(
    segment: Segment,
    role: ParticipantRole,
    people: list[tuple],
    *,
    first_position: int = 1,
    earlier: list[tuple] | None = None,
) -> None:
    """Set the participants of ``segment`` in ``role``; on first load, replay ``earlier`` first.

    The later record stands: a person it omits (13 September's "TBC" among them) leaves the
    programme, and the history keeps them.
    """
    delegations = {d.code: d for d in Delegation.objects.filter(code__in=[p[5] for p in people])}
    if earlier is not None and not segment.participants.filter(role=role).exists():
        earlier_delegations = Delegation.objects.filter(code__in=[p[5] for p in earlier])
        by_code = {d.code: d for d in earlier_delegations}
        for position, person in enumerate(earlier, start=first_position):
            participant = Participant(segment=segment, role=role, position=position)
            _set_person(participant, person, by_code)
            participant._history_date = _at(PGA_LETTER_2017, 12)
            participant.save()
    existing = list(segment.participants.filter(role=role).order_by("position", "pk"))
    names = {person[1] for person in people}
    unmatched = list(existing)
    matched = []
    for position, person in enumerate(people, start=first_position):
        # Match the same person first, then whoever held this place and is no longer listed.
        participant = next((p for p in unmatched if p.name == person[1]), None) or next(
            (p for p in unmatched if p.position == position and p.name not in names), None
        )
        if participant is None:
            participant = Participant(segment=segment, role=role)
        else:
            unmatched.remove(participant)
        matched.append((participant, person))
    for participant in unmatched:  # omitted by the later record
        participant.delete()
    for position, (participant, person) in enumerate(matched, start=first_position):
        before = (participant.pk, _person_values(participant))
        participant.position = position
        _set_person(participant, person, delegations)
        if before != (participant.pk, _person_values(participant)):
            participant.save()


def _person_values(participant: Participant) -> tuple:
    return (
        participant.position,
        participant.honorific,
        participant.name,
        participant.function,
        participant.gender,
        participant.confirmed,
        participant.delegation_id,
    )


def _set_person(participant: Participant, person: tuple, delegations: dict) -> None:
    honorific, name, function, gender, confirmed, code = person
    participant.honorific = honorific
    participant.name = name
    participant.function = function
    participant.gender = gender
    participant.confirmed = confirmed
    participant.delegation = delegations.get(code)


def _sync_concept_note(segment: Segment, note: dict) -> None:
    sync_object(
        ConceptNote,
        {"segment": segment},
        background=note["background"],
        objective=note["objective"],
        questions="\n\n".join(note["questions"]),
        format=note["format"],
        outcome=PANEL_OUTCOME,
    )
