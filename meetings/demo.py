"""Demo data: the 2017 HLM on trafficking in persons and the 2021 HLM in preparation.

Everything here comes from ``shared/seeds``: the PGA letter of 13 September 2017
with the concept notes and provisional programme (seed 002), the meeting's public
page (seed 004, the later state, which is the programme) and the PGA letter of
12 March 2021 with the zero draft of the 2021 modalities (seed 001). Where seeds
002 and 004 differ, 002 is kept as the participant's history, dated 13 September 2017.

Loading is idempotent: rows are matched on natural keys and only changed values are written.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from meetings.demo_french import load_french_content
from meetings.enums import (
    DocumentKind,
    DraftStage,
    Gender,
    LetterKind,
    MeetingFormat,
    MeetingStatus,
    ParticipantRole,
    ResolutionKind,
    SegmentKind,
    SilenceOutcome,
)
from meetings.models import (
    CoFacilitator,
    ConceptNote,
    CoSponsor,
    Delegation,
    Document,
    LetterTemplate,
    Meeting,
    Modalities,
    ModalitySegment,
    Participant,
    Resolution,
    ResolutionDraft,
    Room,
    Segment,
    SideEvent,
)
from meetings.paragraphs import import_paragraphs
from meetings.reference import DATA_DIR, load_reference_data, load_rooms
from meetings.sync import sync_object

NEW_YORK = ZoneInfo("America/New_York")
DEMO_STAFF_USERNAME = "staff"

GPA_TITLE = (
    "High-level meeting of the General Assembly on the appraisal of the United Nations "
    "Global Plan of Action to Combat Trafficking in Persons"
)
MODALITIES_TITLE = (
    "Modalities, format and organization of the high-level meeting of the General Assembly "
    "on the appraisal of the United Nations Global Plan of Action to Combat Trafficking in Persons"
)
PLENARY_DESCRIPTION = (
    "Plenary meeting with statements by Member States and all observers of the General Assembly."
)
PANEL_1_THEME = (
    "The Global Plan of Action and effective partnerships for the prevention and prosecution "
    "of trafficking in persons: achievements, gaps and challenges, also taking into "
    "consideration the implementation of the Sustainable Development Goals"
)
PANEL_2_THEME = (
    "The Global Plan of Action and effective partnerships for the protection of and assistance "
    "to victims, including through the United Nations Voluntary Trust Fund for Victims of "
    "Trafficking in Persons, Especially Women and Children, also taking into consideration the "
    "implementation of the Sustainable Development Goals"
)
PANEL_1_THEME_2021 = (
    "The Global Plan of Action and enduring trafficking issues and gaps including, inter alia, "
    "the trafficking of women and girls for the purpose of sexual exploitation"
)
PANEL_2_THEME_2021 = (
    "The Global Plan of Action and emerging issues, such as trafficking in persons in the context "
    "of COVID-19, and the misuse of technology to facilitate trafficking, including trafficking "
    "of children for the purpose of online sexual exploitation"
)
PANEL_FORMAT = (
    "The panel will be chaired by a Member State at the invitation of the President of the "
    "General Assembly after consultations with regional groups. The panel will include Member "
    "States, observers, representatives of United Nations organizations and entities, "
    "representatives of international regional and sub-regional organizations, civil society, "
    "academic institutions, the private sector and the media.\n\n"
    "The chairs of the panel will provide an opening statement of 5 minutes each and will be "
    "followed by a 5-minute presentation from the panelists. The floor will then be opened for "
    "discussions with interventions from Member States, observers, UN system and other "
    "stakeholders who will deliver interventions of no more than 3 minutes each."
)
PANEL_OUTCOME = (
    "The outcome will be a summary of the discussions to be presented by the Chair at the "
    "closing plenary meeting."
)
BACKGROUND_OPENING = (
    "In accordance with GA resolution 71/287 on the “modalities, format and organization of the "
    "high-level meeting of the General Assembly on the appraisal of the United Nations Global "
    "Plan of Action to Combat Trafficking in Persons,” a High-Level Meeting will be convened on "
    "27-28 September 2017 to appraise progress achieved in the implementation of the Global Plan "
    "of Action to Combat Trafficking in Persons (resolution 64/293), in order to assess "
    "achievements, gaps and challenges, including in the implementation of the relevant "
    "instruments."
)

CONCEPT_NOTES = {
    "Interactive panel discussion 1": {
        "background": BACKGROUND_OPENING
        + "\n\nTwo interactive panel discussions will be held on 27 September 2017, each to be "
        "chaired by a Member State at the invitation of the President of the General Assembly at "
        "its seventy-first session. Interactive panel discussion 1 of the High-Level Meeting, "
        f"will address the theme “{PANEL_1_THEME}.”",
        "objective": (
            "The interactive panel discussion will provide relevant stakeholders with an "
            "opportunity to contribute to the appraisal on the progress achieved in the "
            "implementation of the United Nations Global Plan of Action to Combat Trafficking in "
            "Persons, including the existing gaps and challenges.\n\n"
            "The interactive panel should inform Member States on existing partnerships for the "
            "prevention, and prosecution of perpetrators of trafficking in persons. Panelists will "
            "examine how the SDGs and the Global Plan of Action are mutually reinforcing in "
            "addressing the root causes of trafficking, as well as filling gaps in prosecution "
            "and prevention of trafficking in persons. The panel will consider the root causes of "
            "trafficking in persons including social, economic, cultural, and political factors, "
            "as well as gender and age specificities, poverty, abuse, and other issues that "
            "contribute to making people vulnerable to trafficking. The panel will also address "
            "the gaps and challenges in tackling the “demand” side and addressing this as a key "
            "aspect of prevention. The panel will reflect upon how to address the impunity gap in "
            "the wake of overall low prosecution and conviction rates. The panel will also take "
            "into account the link to the New York Declaration and ongoing processes towards the "
            "Global Compact for safe, orderly and regular migration and the Refugee Compact – "
            "including the need for more safe, regular and legal pathways to seek protection and "
            "to migrate."
        ),
        "questions": [
            "In what ways is the work towards implementing the 2030 Agenda reinforcing "
            "counter-trafficking efforts? Which age- and gender specific considerations are to be "
            "taken into account? How can UN entities and international organizations, including "
            "through ICAT, further support Member States to achieve all anti-trafficking related "
            "SDGs?",
            "What role does the provision of safe, regular and legal pathways play in the "
            "prevention of trafficking?",
            "How do human rights, age- and gender approaches, feature in offering pathways for "
            "the most vulnerable?",
            "What good practices and lessons learnt can be identified, both at national and "
            "international level, in the promotion and implementation of comprehensive responses "
            "to prevent trafficking?",
            "How can we enhance the capacity of law enforcement and criminal justice systems to "
            "identify, investigate and prosecute cases of trafficking in persons, analyse "
            "financial flows and detect and dismantle criminal networks?",
            "What good practices and lessons learnt can be shared to tackle the demand side of "
            "trafficking at national and regional level?",
        ],
    },
    "Interactive panel discussion 2": {
        "background": BACKGROUND_OPENING
        + "\n\nTwo interactive panel discussions will be held on 27 September 2017, each to be "
        "chaired by a Member State at the invitation of the President of the General Assembly at "
        "its seventy-first session. Interactive panel discussion 2 will address the theme "
        f"“{PANEL_2_THEME}”.",
        "objective": (
            "To promote interactive and substantive discussions on the above named theme, "
            "including to assess achievements, gaps and challenges from the different and unique "
            "perspective of relevant stakeholders, such as Member States, observers, "
            "representatives of United Nations organizations and entities, and representatives "
            "of international, regional and sub-regional organizations, as well as civil society, "
            "including non-governmental organizations, academic institutions, the private sector "
            "and the media."
        ),
        "questions": [
            "What good practices and lessons learnt can be identified in the promotion and "
            "implementation of comprehensive and coordinated responses, including partnerships, "
            "at the national, regional and international levels, to protect and assist victims of "
            "trafficking?",
            "How can the United Nations Voluntary Trust Fund for Victims of Trafficking in "
            "Persons, Especially Women and Children increase its strategic support to "
            "organisations that provide direct assistance and protection to victims of "
            "trafficking, including access to remedies?",
            "How can we incorporate a human rights based approach to addressing trafficking in "
            "persons?",
            "At national level, are national referral mechanisms the best approach to assisting "
            "and protecting victims of trafficking? What challenges do they face? How can we "
            "improve them and ensure that they identify, protect and find solutions for all "
            "victims of trafficking, including refugees or migrants?",
            "How can UN entities and international organisations, including through ICAT, further "
            "support Member States to achieve all anti-trafficking related SDGs, including "
            "through designing and implementing effective responses to protect and assist "
            "trafficking victims, in a manner that 'leaves no one behind'?",
        ],
    },
}

H_E_MR, H_E_MS, MR, MS, DR = "H.E. Mr.", "H.E. Ms.", "Mr.", "Ms.", "Dr."
F, M = Gender.FEMALE, Gender.MALE

# (honorific, name, function, gender, confirmed, delegation code or "")
OPENING_SPEAKERS = [
    (H_E_MR, "Miroslav Lajčák", "President of the UN General Assembly", M, True, ""),
    (H_E_MR, "António Guterres", "UN Secretary-General", M, True, ""),
    (
        H_E_MR,
        "Yuri Fedotov",
        "Executive Director of the United Nations Office on Drugs and Crime",
        M,
        True,
        "",
    ),
    (
        MS,
        "Mira Sorvino",
        "UNODC Goodwill Ambassador for the global fight against human trafficking",
        F,
        True,
        "",
    ),
    (
        MS,
        "Grizelda Grootboom",
        "Civil society representative and victim of human trafficking",
        F,
        True,
        "",
    ),
]
# The provisional programme of 13 September 2017 (seed 002), kept as history.
OPENING_SPEAKERS_13_SEPTEMBER = [
    (H_E_MR, "Miroslav Lajcák", "President of the General Assembly", M, True, ""),
    (H_E_MR, "António Guterres", "Secretary General", M, True, ""),
    (MR, "Yury Fedotov", "Under Secretary General, Executive Director of UNODC", M, True, ""),
    (
        MS,
        "Maria Grazia Giammarinaro",
        "Special Rapporteur of the Human Rights Council on trafficking in persons, especially "
        "women and children",
        F,
        False,
        "",
    ),
    (
        MS,
        "Mira Sorvino",
        "UNODC Goodwill Ambassador for the global fight against human trafficking",
        F,
        True,
        "",
    ),
    (
        MS,
        "Grizelda Grootboom",
        "Civil society representative and victim of human trafficking",
        F,
        True,
        "",
    ),
]
PANEL_1_CHAIR = (
    H_E_MR,
    "Marc Pecsteen de Buytswerve",
    "Ambassador, Permanent Representative of Belgium to the United Nations",
    M,
    True,
    "BEL",
)
PANEL_1_PANELLISTS = [
    (DR, "Purna Sen", "Director of Policy, UN Women", F, True, "UNWOMEN"),
    (
        MR,
        "Moussa Oumarou",
        "Director of the Governance and Tripartism Department, International Labour Organization",
        M,
        True,
        "ILO",
    ),
    (MS, "Rani Hong", "CEO of The Tronie Foundation", F, True, ""),
]
PANEL_1_PANELLISTS_13_SEPTEMBER = [
    (
        MS,
        "Phumzile Mlambo-Ngcuka",
        "Under Secretary General, Executive Director of UN Women",
        F,
        True,
        "UNWOMEN",
    ),
    PANEL_1_PANELLISTS[1],
    (MS, "Carmen Carmen Martinez", "Legal Regional Director, Women's Link Worldwide", F, True, ""),
]
PANEL_2_CHAIR = (
    H_E_MS,
    "Alya Ahmed Saif Al-Thani",
    "Ambassador, Permanent Representative of Qatar to the United Nations",
    F,
    True,
    "QAT",
)
PANEL_2_PANELLISTS = [
    (
        MS,
        "Benita Ferrero-Waldner",
        "Chair of the UN Voluntary Trust Fund for Victims of Trafficking in Persons",
        F,
        True,
        "",
    ),
    (
        MR,
        "Andrew Gilmour",
        "Assistant Secretary-General for Human Rights, Head of the Office of the High "
        "Commissioner for Human Rights (OHCHR) in New York",
        M,
        True,
        "OHCHR",
    ),
    (MS, "Joy Ezeilo", "Executive Director of Women Aid Collective", F, True, ""),
]
PGA_LETTER_2017 = date(2017, 9, 13)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=NEW_YORK)


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


def _load_resolutions() -> dict[str, Resolution]:
    resolutions = [
        (
            "A/RES/64/293",
            "United Nations Global Plan of Action to Combat Trafficking in Persons",
            ResolutionKind.MANDATE,
            date(2010, 7, 30),
        ),
        (
            "A/RES/70/179",
            "Improving the coordination of efforts against trafficking in persons",
            ResolutionKind.MANDATE,
            date(2015, 12, 17),
        ),
        ("A/RES/71/287", MODALITIES_TITLE, ResolutionKind.MODALITIES, date(2017, 5, 4)),
        (
            "A/RES/72/1",
            "Political declaration on the implementation of the United Nations Global Plan of "
            "Action to Combat Trafficking in Persons",
            ResolutionKind.DECLARATION,
            date(2017, 9, 27),
        ),
        (
            "A/RES/74/176",
            "Improving the coordination of efforts against trafficking in persons",
            ResolutionKind.MANDATE,
            date(2020, 1, 23),
        ),
    ]
    return {
        symbol: sync_object(
            Resolution,
            {"symbol": symbol},
            title=title,
            kind=kind,
            adopted_on=adopted_on,
            adoption_vote="without a vote",
            url=f"https://undocs.org/{symbol}",
        )
        for symbol, title, kind, adopted_on in resolutions
    }


FRENCH_SEGMENT_TITLES = {
    1: "Séance d'ouverture",
    2: "Séance plénière",
    3: "Réunion-débat interactive 1",
    4: "Réunion-débat interactive 2",
    5: "Séance plénière",
    6: "Séance plénière",
    7: "Séance de clôture",
}
FRENCH_FUNCTIONS = {
    "Miroslav Lajčák": "Président de l'Assemblée générale des Nations Unies",
    "António Guterres": "Secrétaire général de l'Organisation des Nations Unies",
}


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


def _load_2021_modalities(modalities: Resolution, rooms: dict[str, Room]) -> None:
    """The zero draft's decisions (OP1, OP2 and OP4) as structured modalities."""
    decided = sync_object(
        Modalities,
        {"resolution": modalities},
        starts_on=date(2021, 11, 22),
        ends_on=date(2021, 11, 23),
        format=MeetingFormat.TO_BE_DECIDED,
        webcast=True,
        individual_time_limit=3,
        group_time_limit=5,
        civil_society_procedure=(
            "ECOSOC-accredited NGOs register with the Secretariat (OP8); the PGA draws up a list "
            "of other organizations, submitted to Member States on a non-objection basis (OP9)."
        ),
    )
    day_1, day_2 = date(2021, 11, 22), date(2021, 11, 23)
    segments = [
        (1, SegmentKind.OPENING_PLENARY, "Opening plenary meeting", "", day_1, time(10), time(11), "OP1, OP2 (a)"),
        (2, SegmentKind.PLENARY, "Plenary meeting", "", day_1, time(11), time(13), "OP1, OP2 (b)"),
        (3, SegmentKind.PANEL, "Interactive panel discussion 1", PANEL_1_THEME_2021, day_1, time(15), time(16, 30), "OP4 (a)"),
        (4, SegmentKind.PANEL, "Interactive panel discussion 2", PANEL_2_THEME_2021, day_1, time(16, 30), time(18), "OP4 (b)"),
        (5, SegmentKind.PLENARY, "Plenary meeting", "", day_2, time(10), time(13), "OP1, OP2 (b)"),
        (6, SegmentKind.PLENARY, "Plenary meeting", "", day_2, time(15), time(17, 30), "OP1, OP2 (b)"),
        (7, SegmentKind.CLOSING_PLENARY, "Closing plenary meeting", "", day_2, time(17, 30), None, "OP1, OP4 (c)"),
    ]  # fmt: skip
    for position, kind, title, theme, day, start, end, paragraph in segments:
        sync_object(
            ModalitySegment,
            {"modalities": decided, "position": position},
            kind=kind, title=title, theme=theme, day=day, start=start, end=end,
            room=rooms["GA Hall"] if kind != SegmentKind.PANEL else None, paragraph=paragraph,
        )  # fmt: skip


def _load_2021(rooms: dict[str, Room], resolutions: dict[str, Resolution]) -> Meeting:
    meeting = sync_object(
        Meeting,
        {"slug": "trafficking-in-persons-2021"},
        title=GPA_TITLE,
        short_title="HLM on trafficking in persons (2021)",
        ga_session=76,
        starts_on=date(2021, 11, 22),
        ends_on=date(2021, 11, 23),
        format=MeetingFormat.TO_BE_DECIDED,
        status=MeetingStatus.SCHEDULED,
        summary=(
            "The General Assembly decided in resolution 74/176 to convene a high-level meeting on "
            "the progress achieved in the implementation of the Global Plan of Action at its "
            "seventy-sixth session and no later than December 2021. The modalities of the meeting "
            "are under negotiation, co-facilitated by Georgia and the Philippines."
        ),
        contact_name="Office of the President of the General Assembly",
    )
    meeting.mandate_resolutions.set([resolutions["A/RES/74/176"], resolutions["A/RES/64/293"]])
    modalities = sync_object(
        Resolution,
        {"meeting": meeting, "kind": ResolutionKind.MODALITIES},
        title=MODALITIES_TITLE,
    )
    zero_draft = sync_object(
        ResolutionDraft,
        {"resolution": modalities, "stage": DraftStage.ZERO, "revision": 0},
        circulated_on=date(2021, 3, 12),
    )
    if not zero_draft.paragraphs.exists():
        text = (DATA_DIR / "modalities_2021_zero_draft.txt").read_text(encoding="utf-8")
        import_paragraphs(draft=zero_draft, text=text)
    _load_2021_modalities(modalities, rooms)
    for code, honorific, name in [
        ("GEO", H_E_MR, "Kaha Imnadze"),
        ("PHL", H_E_MR, "Enrique A. Manalo"),
    ]:
        sync_object(
            CoFacilitator,
            {"resolution": modalities, "delegation": Delegation.objects.get(code=code)},
            honorific=honorific,
            name=name,
            function="Ambassador and Permanent Representative",
        )
    consultation_day = date(2021, 3, 30)
    sync_object(
        Segment,
        {"meeting": meeting, "position": 1},
        kind=SegmentKind.INFORMAL_CONSULTATION,
        title="First informal consultations on the modalities resolution",
        resolution=modalities,
        starts_at=_at(consultation_day, 15),
        ends_at=_at(consultation_day, 18),
        room=rooms["GA Hall"],
        description=(
            "Convened by the co-facilitators, H.E. Mr. Kaha Imnadze (Georgia) and H.E. Mr. "
            "Enrique A. Manalo (Philippines), on the zero draft of the modalities resolution."
        ),
    )
    for kind, title in [
        (DocumentKind.LETTER, "Letter of the President of the General Assembly: first informal "
         "consultations on the modalities resolution"),
        (DocumentKind.DRAFT, "Zero draft: modalities resolution"),
    ]:  # fmt: skip
        sync_object(
            Document,
            {"meeting": meeting, "title": title},
            kind=kind,
            published_on=date(2021, 3, 12),
        )
    return meeting


LETTER_13_SEPTEMBER = (
    "Pursuant to General Assembly resolution 71/287 of 4 May 2017 related to modalities, format "
    "and organization of the {{ meeting.title|lower }} that is scheduled for {{ meeting.dates }}, "
    "I have the honour to enclose herewith a draft programme of the meeting as well as concept "
    "notes for the interactive panel discussions.\n\n"
    "Let me seize this opportunity to encourage all Member States to participate at the highest "
    "level possible in order to renew commitment and political will to take decisive action to "
    "end human trafficking.\n\n"
    "Further information related to the high-level meeting will also be available on the "
    "website of the President of the General Assembly: {{ meeting.url }}"
)
PANELLIST_INVITATION = (
    "I have the honour to invite you to take part, as {{ recipient.role|lower }}, in the "
    "{{ recipient.segment|lower }} of the {{ meeting.title|lower }}, on the theme "
    "“{{ recipient.theme }}”.\n\n"
    "{% for segment in segments %}{% if segment.title == recipient.segment %}The panel will be "
    "held on {{ segment.when }}, in the {{ segment.room }}.{% endif %}{% endfor %}\n\n"
    "I should be grateful if you would confirm your participation{% if deadline %} by "
    "{{ deadline }}{% endif %} through this personal link: {{ response_url }}"
)


def _load_letters() -> None:
    sync_object(
        LetterTemplate,
        {"name": "Draft programme and concept notes (13 September 2017)"},
        kind=LetterKind.LETTER,
        subject="{{ meeting.short_title }}: draft programme and concept notes",
        body=LETTER_13_SEPTEMBER,
        signatory_name="Miroslav Lajčák",
    )
    sync_object(
        LetterTemplate,
        {"name": "Personal invitation to a panellist"},
        kind=LetterKind.PERSONAL_INVITATION,
        subject="Invitation: {{ recipient.segment }}, {{ meeting.short_title }}",
        body=PANELLIST_INVITATION,
        signatory_name="Miroslav Lajčák",
    )
    # Demo addresses only (example.org): real ones are entered by staff.
    for delegation in Delegation.objects.filter(mission_email=""):
        delegation.mission_email = f"mission.{delegation.code.lower()}@missions.example.org"
        delegation.save(update_fields=["mission_email"])


ROUNDTABLE_CO_SPONSORS = [
    "BHR",
    "BGD",
    "BLR",
    "BOL",
    "CHL",
    "ECU",
    "EGY",
    "ERI",
    "IND",
    "KAZ",
    "KGZ",
    "LAO",
    "LBY",
    "NIC",
    "NGA",
    "PHL",
    "QAT",
    "RUS",
    "SGP",
    "TJK",
    "TKM",
    "ARE",
    "UZB",
    "VEN",
]
ROUNDTABLE_BACKGROUND = (
    "The Global Plan of Action to Combat Trafficking in Persons adopted at the 64th session of "
    "the United Nations General Assembly in July 2010 reaffirmed the commitment by Member States "
    "to end the “heinous crime” of trafficking in persons, to protect and assist victims, to "
    "prosecute perpetrators and to promote partnerships to strengthen cooperation for those "
    "purposes.\n\n"
    "By its resolution 70/179 “Improving the coordination of efforts against trafficking”, the UN "
    "General Assembly decided to convene a high-level meeting in October 2017 to review the "
    "progress achieved in the implementation of the Global Plan of Action to Combat Trafficking "
    "in Persons in order to assess achievements, gaps and challenges, including in the "
    "implementation of the relevant legal instruments."
)
ROUNDTABLE_OBJECTIVES = (
    "The informal discussion will seek to identify a pool of ideas that could help the President "
    "of the UN General Assembly and his facilitators to define the circumstances of the Review "
    "Meeting thus allowing Member States to focus in the process of negotiations on the "
    "substance."
)
ROUNDTABLE_QUESTIONS = [
    "How to prepare a review document that goes beyond a wordy compilation of agreed paragraphs "
    "and inconsequential repetition of known truths and presents succinct practical guidance on "
    "what has to be done to make the global struggle against all forms of human trafficking, "
    "including modern slavery, more effective?",
    "How to make sure that all relevant non-governmental stakeholders can actively contribute "
    "ideas and suggestions regardless of their speaking rights at the negotiation table?",
    "How to ensure that the zero draft of the outcome document is as representative as possible "
    "of new ideas and timely analysis? Is there a way to envisage wider participation of all "
    "ICAT members in the formulation of the zero draft?",
]


def _load_roundtable(rooms: dict[str, Room], meeting: Meeting) -> SideEvent:
    """The working roundtable of 5 December 2016 (seed 003) with its 24 co-sponsors."""
    day = date(2016, 12, 5)
    event = sync_object(
        SideEvent,
        {"slug": "roundtable-2017-review-2016-12-05"},
        title="Preparing for 2017 Review of the Global Plan of Action to Combat Trafficking in "
        "Persons: How to Bring Partners and Ideas Together?",
        kind_label="No-nonsense working roundtable",
        meeting=meeting,
        organizer=Delegation.objects.get(code="BLR"),
        background=ROUNDTABLE_BACKGROUND,
        objectives=ROUNDTABLE_OBJECTIVES,
        questions="\n\n".join(ROUNDTABLE_QUESTIONS),
        starts_at=_at(day, 15),
        ends_at=_at(day, 16, 30),
        room=rooms["CR 8"],
        seats=30,  # not in the notice ("seating capacity is limited"): a demo figure
        registration_closes_at=_at(date(2016, 12, 2), 18),
        contact_name="Ms Irina Velichko",
        contact_function="Minister Counsellor",
        contact_email="roundtable@missions.example.org",  # a demo address, not the notice's
        is_published=True,
    )
    for code in ROUNDTABLE_CO_SPONSORS:
        sync_object(
            CoSponsor, {"side_event": event, "delegation": Delegation.objects.get(code=code)}
        )
    return event


@transaction.atomic
def load_demo(*, staff_password: str | None = None) -> list[Meeting]:
    """Load the reference data and the two demo meetings; return the meetings.

    With ``staff_password``, also create (or reset) the demo staff user ``staff``.
    """
    load_reference_data()
    rooms = load_rooms()  # meetings/data/rooms.csv, with their French names
    resolutions = _load_resolutions()
    meetings = [_load_2017(rooms, resolutions), _load_2021(rooms, resolutions)]
    _load_letters()
    _load_roundtable(rooms, meetings[0])
    load_french_content()
    if staff_password:
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_STAFF_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "staff@example.org"},
        )
        if not user.check_password(staff_password):
            user.set_password(staff_password)
            user.save(update_fields=["password"])
    return meetings
