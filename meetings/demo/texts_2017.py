"""The record of the 2017 HLM as the seeds give it (data only): texts, concept notes, people."""

from datetime import date

from meetings.enums import (
    Gender,
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

H_E_MR, H_E_MS, MR, MS, DR = "H.E. Mr.", "H.E. Ms.", "Mr.", "Ms.", "Dr."
F, M = Gender.FEMALE, Gender.MALE

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
    (DR, "Purna Sen", "Director of Policy, UN Women", "", True, "UNWOMEN"),  # no seed says
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


LETTER_13_SEPTEMBER = (
    "Pursuant to General Assembly resolution 71/287 of 4 May 2017 related to modalities, format "
    "and organization of the {{ meeting.title }} that is scheduled for {{ meeting.dates }}, "
    "I have the honour to enclose herewith a draft programme of the meeting as well as concept "
    "notes for the interactive panel discussions.\n\n"
    "Let me seize this opportunity to encourage all Member States to participate at the highest "
    "level possible in order to renew commitment and political will to take decisive action to "
    "end human trafficking.\n\n"
    "Further information related to the high-level meeting will also be available on the "
    "website of the President of the General Assembly: {{ meeting.url }}"
)


PLENARY_DESCRIPTION = (
    "Plenary meeting with statements by Member States and all observers of the General Assembly."
)


PANEL_COMPOSITION = (
    "The panel will be chaired by a Member State at the invitation of the President of the "
    "General Assembly after consultations with regional groups. The panel will include Member "
    "States, observers, representatives of United Nations organizations and entities, "
    "representatives of international regional and sub-regional organizations, civil society, "
    "academic institutions, the private sector and the media."
)
FLOOR = (
    "The floor will then be opened for discussions with interventions from Member States, "
    "observers, UN system and other stakeholders who will deliver interventions of no more than "
    "3 minutes each."
)


PANEL_OUTCOME = (
    "The outcome will be a summary of the discussions to be presented by the Chair at the "
    "closing plenary meeting."
)


# The two concept notes share their structure, not all their wording: each is given as the
# letter words it (seed 002), its slips included.
RESOLUTION_71_287 = (
    "In accordance with GA resolution 71/287 on the “modalities, format and organization of the "
    "high-level meeting of the General Assembly on the appraisal of the United Nations Global "
    "Plan of Action to Combat Trafficking in Persons"
)
APPRAISAL = (
    "will be convened on 27-28 September 2017 to appraise progress achieved in the "
    "implementation of the Global Plan of Action to Combat Trafficking in Persons (resolution "
    "64/293), in order to assess achievements, "
)


CONCEPT_NOTES = {
    "Interactive panel discussion 1": {
        "background": f"{RESOLUTION_71_287},” a High-Level Meeting {APPRAISAL}gaps and "
        "challenges, including in the implementation of the relevant instruments."
        "\n\nTwo interactive panel discussions will be held on 27 September 2017, each to be "
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
        "format": f"{PANEL_COMPOSITION}\n\nThe chairs of the panel will provide an opening "
        "statement of 5 minutes each and will be followed by a 5-minute presentation from the "
        f"panelists. {FLOOR}",
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
        "background": f"{RESOLUTION_71_287}”, A high level meeting {APPRAISAL}gaps, and "
        "challenges, including the implementation of relevant instruments ."
        "\n\nTwo interactive panel discussions will be held on 27 September 2017, each to be "
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
        "format": f"{PANEL_COMPOSITION}\n\nThe chairs of the panel will provide an opening "
        "statement of 5 minutes each, to be followed by a 5-minute presentation from the "
        f"panellists. {FLOOR}",
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


FRENCH_SEGMENT_TITLES = {
    "Opening segment": "Séance d'ouverture",
    "Plenary meeting": "Séance plénière",
    "Interactive panel discussion 1": "Réunion-débat interactive 1",
    "Interactive panel discussion 2": "Réunion-débat interactive 2",
    "Closing segment": "Séance de clôture",
}


FRENCH_FUNCTIONS = {
    "Miroslav Lajčák": "Président de l'Assemblée générale des Nations Unies",
    "António Guterres": "Secrétaire général de l'Organisation des Nations Unies",
}


# The documents of seed 004 in its order (newest first), with the seed 002 letter above them.
# Dates only where a seed gives one; symbols link the official texts.
# (kind, title, date or None, symbol)
DOCUMENTS = [
    ("programme", "Letter of the President of the General Assembly: draft programme and concept "
     "notes of the interactive panel discussions", PGA_LETTER_2017, ""),
    ("list", "Trafficking in Persons – Civil Society List", None, ""),
    ("draft", "Final political draft declaration", None, ""),
    ("draft", "Silence procedure: political draft declaration", None, ""),
    ("summary", "Summary of Informal Interactive Multi-stakeholder Hearing", None, ""),
    ("draft", "Revised Draft – Political Declaration", None, ""),
    ("draft", "Zero draft: political declaration", None, ""),
    ("letter", "Negotiations: Global Plan of Action to Combat Trafficking in Persons", None, ""),
    ("programme", "Programme: informal interactive multi-stakeholder hearing", None, ""),
    ("letter", "First informal meeting on Global Plan of Action", None, ""),
    ("letter", "Appointment of co-facilitators", None, ""),
    ("concept_note", "Concept Note: Informal Interactive Multi-stakeholder Hearing", None, ""),
    ("announcement", "Announcement: Multi-stakeholder hearing", None, ""),
    ("letter", "Consensus on draft modalities resolution", None, ""),
    ("draft", "Final draft modalities resolution", None, ""),
    ("draft", "Revised draft modalities resolution", None, ""),
    ("draft", "Member States input to zero draft: modalities resolution", None, ""),
    ("draft", "Zero draft: modalities resolution", None, ""),
    ("resolution", "GA resolution 71/287 on modalities, format and organization of the "
     "High-level meeting", date(2017, 5, 4), "A/RES/71/287"),
    ("resolution", "GA resolution 70/179 on Improving the coordination of efforts against "
     "trafficking in persons", None, "A/RES/70/179"),
    ("resolution", "GA resolution 64/293 on United Nations Global Plan of Action to Combat "
     "Trafficking in Persons", date(2010, 7, 30), "A/RES/64/293"),
]  # fmt: skip


# Seed 004's paragraphs between the programme and the documents, as the page gives them.
ARRANGEMENTS = (
    "The high-level meeting of the General Assembly on the appraisal of the United Nations "
    "Global Plan of Action to Combat Trafficking in Persons will be held on Wednesday, 27 "
    "September, and Thursday, 28 September 2017, and will consist of an opening plenary meeting"
    " on 27 September, plenary meetings on 27 and 28 September, and a closing plenary meeting "
    "after the list of speakers has been exhausted. Additionally, there will be two consecutive"
    " interactive panel discussions on 27 September in the afternoon.\n\n"
    "The objective of the high-level meeting is to appraise on a four-year basis starting this "
    "session, the progress achieved in the implementation of the Global Plan of Action, in "
    "order to assess achievements, gaps and challenges, including in the implementation of the "
    "relevant legal instruments, and therefore decided to convene, within existing resources, a"
    " high-level meeting of the General Assembly at its 72nd session, in October 2017, "
    "immediately after the general debate,\n\n"
    "The list of speakers of Member States and all observers of the General Assembly will be "
    "established in accordance with the rules of procedure and established practices of the "
    "Assembly and the time limits for these statements will be 3 minutes for individual "
    "delegations and 5 minutes for statements made on behalf of a group of States.\n\n"
    "All relevant United Nations system entities, in particular the Inter-Agency Coordination "
    "Group against Trafficking in Persons, including programmes, funds, specialized agencies "
    "and regional commissions, as well as relevant intergovernmental, regional and subregional "
    "organizations, are invited to participate in the high-level meeting.\n\n"
    "In order to promote interactive and substantive discussions, participation in each panel "
    "discussion will include Member States, observers, representatives of United Nations "
    "organizations and entities, and representatives of international, regional and subregional"
    " organizations, as well as of civil society, including non-governmental organizations, "
    "academic institutions, the private sector and the media.\n\n"
    "The list of speakers will be established in accordance with the rules of procedure and "
    "established practices of the Assembly and the time limit for these statements will be "
    "three minutes for individual delegations and five minutes for statements made on behalf of"
    " a group of States.\n\n"
    "Member States and all observers of the General Assembly are invited to be represented at "
    "the highest possible level.\n\n"
    "At the request of the Office of the President of the General Assembly, the UN-NGLS NY "
    "office is facilitating a process to identify stakeholders wishing to speak in either of "
    "the two panel discussions of the High-level Meeting, and stakeholders wishing to attend "
    "this event as observers. Civil Society application deadline has passed. Please find "
    "updates here"
)
