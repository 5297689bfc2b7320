"""The 2017 high-level meeting on the appraisal of the Global Plan of Action (seeds 002, 004)."""

from datetime import date

from meetings.demo.common import (
    GPA_TITLE,
    _at,
)
from meetings.demo.texts_2017 import (
    CONCEPT_NOTES,
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
    PANEL_FORMAT,
    PANEL_OUTCOME,
    PGA_LETTER_2017,
    PLENARY_DESCRIPTION,
)
from meetings.enums import (
    DocumentKind,
    DraftStage,
    MeetingFormat,
    MeetingStatus,
    ParticipantRole,
    SegmentKind,
    SilenceOutcome,
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
    for position, title in FRENCH_SEGMENT_TITLES.items():
        Segment.objects.filter(meeting=meeting, position=position, title_fr__isnull=True).update(
            title_fr=title
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
        contact_name="Office of the President of the General Assembly",
    )
    meeting.mandate_resolutions.set([resolutions["A/RES/64/293"], resolutions["A/RES/70/179"]])
    for symbol in ("A/RES/71/287", "A/RES/72/1"):
        sync_object(Resolution, {"symbol": symbol}, meeting=meeting)

    modalities = resolutions["A/RES/71/287"]
    for stage, circulated_on, extra in [
        (DraftStage.ZERO, date(2017, 2, 13), {}),
        (DraftStage.FINAL, date(2017, 4, 26), {}),
        (
            DraftStage.SILENCE,
            date(2017, 4, 26),
            {
                "silence_deadline": _at(date(2017, 4, 28), 18),
                "silence_outcome": SilenceOutcome.PASSED,
            },
        ),
        (DraftStage.ADOPTED, date(2017, 5, 4), {"symbol": "A/71/L.65"}),
    ]:
        sync_object(
            ResolutionDraft,
            {"resolution": modalities, "stage": stage, "revision": 0},
            circulated_on=circulated_on,
            **extra,
        )

    _load_2017_french(meeting)
    day_1, day_2 = meeting.starts_on, meeting.ends_on
    ga_hall, council = rooms["GA Hall"], rooms["Trusteeship Council"]
    segments = [
        # position, kind, title, start, end, room, theme, description, until exhausted, limits
        (1, SegmentKind.OPENING_PLENARY, "Opening segment", _at(day_1, 10), _at(day_1, 11),
         ga_hall, "", "", False, (None, None)),
        (2, SegmentKind.PLENARY, "Plenary meeting", _at(day_1, 11), _at(day_1, 13),
         ga_hall, "", PLENARY_DESCRIPTION, False, (3, 5)),
        (3, SegmentKind.PANEL, "Interactive panel discussion 1", _at(day_1, 15),
         _at(day_1, 16, 30), council, PANEL_1_THEME, "", False, (3, None)),
        (4, SegmentKind.PANEL, "Interactive panel discussion 2", _at(day_1, 16, 30),
         _at(day_1, 18), council, PANEL_2_THEME, "", False, (3, None)),
        (5, SegmentKind.PLENARY, "Plenary meeting", _at(day_2, 10), _at(day_2, 13),
         ga_hall, "", PLENARY_DESCRIPTION, False, (3, 5)),
        (6, SegmentKind.PLENARY, "Plenary meeting", _at(day_2, 15), _at(day_2, 18),
         ga_hall, "", PLENARY_DESCRIPTION, True, (3, 5)),
        (7, SegmentKind.CLOSING_PLENARY, "Closing segment", _at(day_2, 18), None, ga_hall, "",
         "The Chairs of the interactive panel discussions will present summaries of the "
         "discussions at the closing plenary meeting, followed by final remarks by the President "
         "of the General Assembly.", False, (None, None)),
    ]  # fmt: skip
    by_position = {}
    for position, kind, title, starts_at, ends_at, room, theme, desc, exhausted, limits in segments:
        by_position[position] = sync_object(
            Segment,
            {"meeting": meeting, "position": position},
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            room=room,
            theme=theme,
            description=desc,
            until_list_exhausted=exhausted,
            individual_time_limit=limits[0],
            group_time_limit=limits[1],
        )

    _sync_people(
        by_position[1],
        ParticipantRole.OPENING_SPEAKER,
        OPENING_SPEAKERS,
        earlier=OPENING_SPEAKERS_13_SEPTEMBER,
    )
    _sync_people(by_position[3], ParticipantRole.CHAIR, [PANEL_1_CHAIR])
    _sync_people(
        by_position[3],
        ParticipantRole.PANELLIST,
        PANEL_1_PANELLISTS,
        first_position=2,
        earlier=PANEL_1_PANELLISTS_13_SEPTEMBER,
    )
    _sync_people(by_position[4], ParticipantRole.CHAIR, [PANEL_2_CHAIR])
    _sync_people(by_position[4], ParticipantRole.PANELLIST, PANEL_2_PANELLISTS, first_position=2)
    _load_2017_french_segments(meeting)
    _sync_concept_note(by_position[3], CONCEPT_NOTES["Interactive panel discussion 1"])
    _sync_concept_note(by_position[4], CONCEPT_NOTES["Interactive panel discussion 2"])

    # The documents of seed 004, oldest first; dates only where the seeds give them.
    documents = [
        (DocumentKind.RESOLUTION, "GA resolution 64/293 on United Nations Global Plan of Action "
         "to Combat Trafficking in Persons", date(2010, 7, 30), "https://undocs.org/A/RES/64/293"),
        (DocumentKind.RESOLUTION, "GA resolution 70/179 on Improving the coordination of efforts "
         "against trafficking in persons", date(2015, 12, 17), "https://undocs.org/A/RES/70/179"),
        (DocumentKind.RESOLUTION, "GA resolution 71/287 on modalities, format and organization of "
         "the High-level meeting", date(2017, 5, 4), "https://undocs.org/A/RES/71/287"),
        (DocumentKind.DRAFT, "Zero draft: modalities resolution", date(2017, 2, 13), ""),
        (DocumentKind.DRAFT, "Member States input to zero draft: modalities resolution",
         date(2017, 3, 16), ""),
        (DocumentKind.DRAFT, "Revised draft modalities resolution", None, ""),
        (DocumentKind.DRAFT, "Final draft modalities resolution", date(2017, 4, 26), ""),
        (DocumentKind.LETTER, "Consensus on draft modalities resolution", date(2017, 4, 28), ""),
        (DocumentKind.ANNOUNCEMENT, "Announcement: Multi-stakeholder hearing", None, ""),
        (DocumentKind.CONCEPT_NOTE, "Concept Note: Informal Interactive Multi-stakeholder Hearing",
         None, ""),
        (DocumentKind.LETTER, "Appointment of co-facilitators", None, ""),
        (DocumentKind.LETTER, "First informal meeting on Global Plan of Action", None, ""),
        (DocumentKind.PROGRAMME, "Programme: informal interactive multi-stakeholder hearing", None,
         ""),
        (DocumentKind.LETTER, "Negotiations: Global Plan of Action to Combat Trafficking in "
         "Persons", None, ""),
        (DocumentKind.DRAFT, "Zero draft: political declaration", None, ""),
        (DocumentKind.DRAFT, "Revised Draft – Political Declaration", None, ""),
        (DocumentKind.SUMMARY, "Summary of Informal Interactive Multi-stakeholder Hearing", None,
         ""),
        (DocumentKind.DRAFT, "Silence procedure: political draft declaration", None, ""),
        (DocumentKind.DRAFT, "Final political draft declaration", None, ""),
        (DocumentKind.LIST, "Trafficking in Persons – Civil Society List", None, ""),
        (DocumentKind.PROGRAMME, "Letter of the President of the General Assembly: draft "
         "programme and concept notes of the interactive panel discussions", PGA_LETTER_2017, ""),
    ]  # fmt: skip
    for kind, title, published_on, url in documents:
        sync_object(
            Document,
            {"meeting": meeting, "title": title},
            kind=kind,
            published_on=published_on,
            url=url,
        )
    return meeting


def _sync_people(
    segment: Segment,
    role: ParticipantRole,
    people: list[tuple],
    *,
    first_position: int = 1,
    earlier: list[tuple] | None = None,
) -> None:
    """Set the participants of ``segment`` in ``role``; on first load, replay ``earlier`` first."""
    delegations = {d.code: d for d in Delegation.objects.filter(code__in=[p[5] for p in people])}
    if earlier is not None and not segment.participants.filter(role=role).exists():
        earlier_delegations = Delegation.objects.filter(code__in=[p[5] for p in earlier])
        by_code = {d.code: d for d in earlier_delegations}
        for position, person in enumerate(earlier, start=first_position):
            participant = Participant(segment=segment, role=role, position=position)
            _set_person(participant, person, by_code)
            participant._history_date = _at(PGA_LETTER_2017, 12)
            participant.save()
    existing = list(segment.participants.filter(role=role))
    names = {person[1] for person in people}
    for position, person in enumerate(people, start=first_position):
        # Match the same person first, then whoever held this place and is no longer listed.
        participant = next((p for p in existing if p.name == person[1]), None) or next(
            (p for p in existing if p.position == position and p.name not in names), None
        )
        if participant is None:
            participant = Participant(segment=segment, role=role)
        else:
            existing.remove(participant)
        before = (participant.pk, _person_values(participant))
        participant.position = position
        _set_person(participant, person, delegations)
        if before != (participant.pk, _person_values(participant)):
            participant.save()
    for leftover in existing:
        leftover.delete()


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
        format=PANEL_FORMAT,
        outcome=PANEL_OUTCOME,
    )
