"""The 2016 roundtable on the 2017 review (seed 003), a side event of the 2017 meeting."""

from datetime import date

from meetings.demo.common import (
    _at,
)
from meetings.models import (
    CoSponsor,
    Delegation,
    Meeting,
    Room,
    SideEvent,
)
from meetings.sync import sync_object

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


# The notice whole (seed 003): its four Background paragraphs and both Objectives paragraphs.
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
    "implementation of the relevant legal instruments.\n\n"
    "During the 71st session of the General Assembly and under the guidance of facilitators who "
    "have yet to be appointed by the President of the General Assembly, Member States will "
    "negotiate the resolution on the modalities of the high-level meeting and work on a final "
    "outcome document.\n\n"
    "In the six years since the adoption of the Global Plan of Action a number of specific new "
    "or insufficiently addressed manifestations and aspects of trafficking in persons came to "
    "the fore which merit further discussion within the United Nations and beyond. These themes "
    "include, among others, the interrelation of human trafficking and migration, modern-day "
    "slavery, forced and child labour, trafficking in persons in conflict, crisis and disaster "
    "human trafficking for the purpose of organ removal."
)


ROUNDTABLE_OBJECTIVES = (
    "Most of the logistical and organisational aspects of drawing up a modalities’ resolution "
    "and negotiating an outcome document are straightforward and predictable. Yet, there is a "
    "growing interest to make the intergovernmental preparatory process for the review of the "
    "Global Plan of Action as inclusive as possible by encouraging contributions from all "
    "relevant UN entities and other international organisations, civil society, the private "
    "sector and the media, as well as to try to elaborate a result-oriented outcome document.\n\n"
    "The informal discussion will seek to identify a pool of ideas that could help the President "
    "of the UN General Assembly and his facilitators to define the circumstances of the Review "
    "Meeting thus allowing Member States to focus in the process of negotiations on the "
    "substance, including:"
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
        seats=None,  # the notice gives no number: "the room's seating capacity is limited"
        registration_closes_at=_at(day, 15),  # "in advance": until it begins (no date given)
        # As the notice asks for it (no registration on the portal), without the contact's own
        # e-mail address and telephone number, which the portal does not publish.
        attendance="As the room’s seating capacity is limited and to guarantee a nameplate and "
        "a convenient place at the microphone, it is advisable to register your delegation’s "
        "attendance in advance by contacting Ms Irina Velichko, Minister Counsellor of the "
        "Permanent Mission of Belarus.",
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
