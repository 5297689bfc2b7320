"""The French of the demo meetings' content where the seeds give it in English only.

Functions of the 2017 participants and the 2021 meeting's texts, as the Secretariat would
give them in French; the concept notes and themes stay English (the programme marks them
"EN"). Idempotent: only the French columns are written.
"""

from django.db.models import Q

from meetings.enums import ResolutionKind
from meetings.models import Document, Meeting, Participant, Resolution, Segment
from meetings.sync import sync_object

#: The French function of each person of the 2017 programme (the seeds' persons, by name).
FUNCTIONS = {
    "Yuri Fedotov": "Directeur exécutif de l'Office des Nations Unies contre la drogue et le crime",
    "Mira Sorvino": "Ambassadrice de bonne volonté de l'ONUDC pour la lutte mondiale contre la "
    "traite des êtres humains",
    "Grizelda Grootboom": "Représentante de la société civile et victime de la traite des êtres "
    "humains",
    "Maria Grazia Giammarinaro": "Rapporteuse spéciale du Conseil des droits de l'homme sur la "
    "traite des êtres humains, en particulier les femmes et les enfants",
    "Marc Pecsteen de Buytswerve": "Ambassadeur, Représentant permanent de la Belgique auprès de "
    "l'Organisation des Nations Unies",
    "Purna Sen": "Directrice des politiques, ONU-Femmes",
    "Moussa Oumarou": "Directeur du Département de la gouvernance et du tripartisme, "
    "Organisation internationale du Travail",
    "Rani Hong": "Présidente-directrice générale de la Tronie Foundation",
    "Phumzile Mlambo-Ngcuka": "Secrétaire générale adjointe, Directrice exécutive d'ONU-Femmes",
    "Carmen Carmen Martinez": "Directrice régionale des affaires juridiques, "
    "Women's Link Worldwide",
    "Alya Ahmed Saif Al-Thani": "Ambassadrice, Représentante permanente du Qatar auprès de "
    "l'Organisation des Nations Unies",
    "Benita Ferrero-Waldner": "Présidente du Fonds de contributions volontaires des Nations Unies "
    "pour les victimes de la traite des personnes",
    "Andrew Gilmour": "Sous-Secrétaire général aux droits de l'homme, Chef du Bureau de New York "
    "du Haut-Commissariat des Nations Unies aux droits de l'homme (HCDH)",
    "Joy Ezeilo": "Directrice exécutive de Women Aid Collective",
}

MEETING_2021 = {
    "title_fr": "Réunion de haut niveau de l'Assemblée générale sur l'évaluation du Plan "
    "d'action mondial des Nations Unies pour la lutte contre la traite des personnes",
    "short_title_fr": "Réunion de haut niveau sur la traite des personnes (2021)",
    "summary_fr": "Dans sa résolution 74/176, l'Assemblée générale a décidé de convoquer à sa "
    "soixante-seizième session, et au plus tard en décembre 2021, une réunion de haut niveau "
    "consacrée aux progrès accomplis dans la mise en œuvre du Plan d'action mondial. Les "
    "modalités de la réunion sont en cours de négociation, sous la conduite des cofacilitateurs "
    "de la Géorgie et des Philippines.",
}
CONSULTATIONS_2021 = {
    "title_fr": "Premières consultations officieuses sur la résolution relative aux modalités",
    "description_fr": "Consultations convoquées par les cofacilitateurs, S. E. M. Kaha Imnadze "
    "(Géorgie) et S. E. M. Enrique A. Manalo (Philippines), sur le projet zéro de la résolution "
    "relative aux modalités.",
}


_GPA_FR = "Plan d'action mondial des Nations Unies pour la lutte contre la traite des personnes"
_MODALITIES_FR = (
    "Modalités, format et organisation de la réunion de haut niveau de l'Assemblée générale sur "
    f"l'évaluation du {_GPA_FR}"
)
#: The titles of the resolutions the seeds cite, as the United Nations gives them in French.
RESOLUTION_TITLES = {
    "A/RES/64/293": _GPA_FR,
    "A/RES/70/179": "Amélioration de la coordination de l'action contre la traite des personnes",
    "A/RES/71/287": _MODALITIES_FR,
    "A/RES/72/1": f"Déclaration politique sur l'application du {_GPA_FR}",
}
#: The titles the office words itself (the seeds' own titles stay as they are, English).
DOCUMENT_TITLES = {
    "Letter of the President of the General Assembly: draft programme and concept notes of the "
    "interactive panel discussions": "Lettre du Président de l'Assemblée générale\u00a0: projet "
    "de programme et notes de cadrage des réunions-débats interactives",
    "Letter of the President of the General Assembly: first informal consultations on the "
    "modalities resolution": "Lettre du Président de l'Assemblée générale\u00a0: premières "
    "consultations officieuses sur la résolution relative aux modalités",
}
#: The 2021 zero draft, worded by the office (2017's "Zero draft: …" is seed 004's, English).
DOCUMENT_TITLES_2021 = {"Zero draft: modalities resolution": "Projet zéro\u00a0: résolution "
                        "relative aux modalités"}  # fmt: skip


def load_french_content() -> None:
    """Give the demo meetings' content its French."""
    for name, function in FUNCTIONS.items():
        Participant.objects.filter(name=name).exclude(function_fr=function).update(
            function_fr=function
        )
    for symbol, title in RESOLUTION_TITLES.items():
        Resolution.objects.filter(symbol=symbol).exclude(title_fr=title).update(title_fr=title)
    Resolution.objects.filter(
        meeting__slug="trafficking-in-persons-2021", kind=ResolutionKind.MODALITIES
    ).exclude(title_fr=_MODALITIES_FR).update(title_fr=_MODALITIES_FR)
    titles = [(DOCUMENT_TITLES, Q()), (DOCUMENT_TITLES_2021, Q(meeting__slug__endswith="2021"))]
    for french_of, where in titles:
        for english, french in french_of.items():
            Document.objects.filter(where, title_en=english).exclude(title_fr=french).update(
                title_fr=french
            )
    meeting = Meeting.objects.filter(slug="trafficking-in-persons-2021").first()
    if meeting is None:
        return
    sync_object(Meeting, {"pk": meeting.pk}, **MEETING_2021)
    if meeting.segments.filter(position=1).exists():
        sync_object(Segment, {"meeting": meeting, "position": 1}, **CONSULTATIONS_2021)
