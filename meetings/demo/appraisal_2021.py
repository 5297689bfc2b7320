"""The 2021 high-level meeting in preparation: its modalities zero draft (seed 001)."""

from datetime import date, time

from meetings.demo.common import (
    GPA_TITLE,
    MODALITIES_TITLE,
    _at,
)
from meetings.demo.texts_2017 import (
    H_E_MR,
)
from meetings.enums import (
    DocumentKind,
    DraftStage,
    MeetingFormat,
    MeetingStatus,
    ResolutionKind,
    SegmentKind,
    WhenFixed,
)
from meetings.models import (
    CoFacilitator,
    Delegation,
    Document,
    Meeting,
    Modalities,
    ModalitySegment,
    Resolution,
    ResolutionDraft,
    Room,
    Segment,
)
from meetings.services.delegations import DATA_DIR
from meetings.services.resolutions import import_paragraphs
from meetings.sync import sync_object

PANEL_1_THEME_2021 = (
    "The Global Plan of Action and enduring trafficking issues and gaps including, inter alia, "
    "the trafficking of women and girls for the purpose of sexual exploitation"
)
PANEL_2_THEME_2021 = (
    "The Global Plan of Action and emerging issues, such as trafficking in persons in the context "
    "of COVID-19, and the misuse of technology to facilitate trafficking, including trafficking "
    "of children for the purpose of online sexual exploitation"
)


def _load_2021_modalities(modalities: Resolution) -> None:
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
        political_declaration=True,  # OP11
        declaration_title=(
            "Political declaration on the implementation of the United Nations Global Plan of "
            "Action to Combat Trafficking in Persons"
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
            room=None, paragraph=paragraph,  # the zero draft names no room
        )  # fmt: skip
    # OP10: the hearing, part of the preparatory process, "no later than August 2021". The zero
    # draft fixes no day and no hours: the limit only orders it (never printed), the note says
    # when. (The panels' hours are OP4's: "from 3 to 4.30 p.m.", "from 4.30 to 6 p.m.".)
    sync_object(
        ModalitySegment,
        {"modalities": decided, "position": 8},
        kind=SegmentKind.HEARING,
        title="Informal interactive multi-stakeholder hearing",
        description=(
            "Two meetings presided over by the President of the General Assembly, to be held no "
            "later than August 2021 (the date is to be set); the President prepares a summary."
        ),
        day=date(2021, 8, 31), start=time(10), end=None, when_fixed=WhenFixed.NONE,
        when_note_en="No later than August 2021 (date to be set)",
        when_note_fr="Au plus tard en août 2021 (date à fixer)",
        room=None, paragraph="OP10",  # the zero draft names no room
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
    # Seed 001: 74/176 decided to convene the meeting; 64/293 adopted the Global Plan.
    meeting.mandate_resolutions.set([resolutions["A/RES/74/176"]])
    meeting.background_resolutions.set([resolutions["A/RES/64/293"]])
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
    _load_2021_modalities(modalities)
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
