"""French pages and the French programme name States, groups, rooms and people the UN's way.

The reference data ships each name with its UN French short form (``meetings/data/*.csv``,
``name_fr``). A French-speaking delegate must read "Équateur (au nom du Groupe des 77 et la
Chine)", "Salle de l'Assemblée générale" and "S. E. M. Miroslav Lajčák", never the English
names. The walk reads every public page and the programme PDFs in French and fails on any
English reference name still printed there, and on an English honorific.
"""

import csv
import re
import subprocess
import sys

from django.conf import settings
from django.urls import reverse

import pytest

from meetings.models import collation_key
from tests.test_french import _fold, _page_nodes, french_catalogue  # noqa: F401

#: The French catalogue is compiled before any page is read (tests/test_french.py).
pytestmark = pytest.mark.usefixtures("french_catalogue")

DATA_DIR = settings.BASE_DIR / "meetings" / "data"
REFERENCE_FILES = ("member_states.csv", "observers.csv", "groups_of_states.csv", "rooms.csv")
#: English honorifics, as a word ("Mr." but not "Mr" inside a name).
ENGLISH_HONORIFIC = re.compile(r"(?<![\w.])(H\. ?E\.|Mr\.|Ms\.|Mrs\.)(?!\w)")


def english_reference_names() -> list[str]:
    """Every English name of the reference data whose French differs, longest first."""
    names = set()
    for filename in REFERENCE_FILES:
        with (DATA_DIR / filename).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                assert row["name_fr"], (filename, row["name"])
                if row["name_fr"] != row["name"]:
                    names.add(row["name"])
    return sorted(names, key=len, reverse=True)


def typed_as_is() -> list[str]:
    """Text that stays as it is in any language: names of persons, typed as they are spelt
    ("Speaker for …" included), and the paragraphs of a draft, quoted as circulated."""
    from meetings.models import CoFacilitator, Paragraph, Participant
    from speakers.models import Inscription
    from stakeholders.models import Representative

    values = {
        *Participant.objects.values_list("name", flat=True),
        *Inscription.objects.values_list("speaker_name", flat=True),
        *Representative.objects.values_list("name", flat=True),
        *CoFacilitator.objects.values_list("name", flat=True),
        *Paragraph.objects.values_list("text", flat=True),
    }
    return sorted((_fold(v) for v in values if v.strip()), key=len, reverse=True)


def english_left(text: str, english_names: list[str], as_is: list[str]) -> list[str]:
    """The English reference names and honorifics in ``text`` once ``as_is`` is taken out.

    Each is given with the words around it, to find where the page prints it.
    """
    text = _fold(text)
    for value in as_is:
        text = text.replace(value, "[as typed]")
    patterns = [rf"(?<!\w){re.escape(name)}(?!\w)" for name in english_names]
    found = []
    for pattern in [*patterns, ENGLISH_HONORIFIC.pattern]:
        for match in re.finditer(pattern, text):
            start, end = match.span()
            found.append(f"{match.group(0)!r} in …{text[max(0, start - 50) : end + 30]}…")
    return found


def report(left: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}: {line}" for page, lines in left.items() for line in lines)


@pytest.fixture
def public_pages(demo_lists):
    """Every public page of the two demo meetings, by name."""
    from meetings.models import Meeting, Resolution, SideEvent
    from stakeholders.demo import load_demo_civil_society
    from stakeholders.models import CivilSocietyProcess

    load_demo_civil_society(meeting=Meeting.objects.get(slug="trafficking-in-persons-2017"))
    pages = {"meeting list": reverse("meetings:list")}
    for meeting in Meeting.objects.all():
        slug = meeting.slug
        pages[slug] = meeting.get_absolute_url()
        pages[f"{slug} calendar"] = reverse("meetings:ical", args=[slug])
        pages[f"{slug} speakers"] = reverse("speakers:public_list", args=[slug])
        for segment in meeting.segments.all():
            pages[f"{slug} segment {segment.position}"] = segment.get_absolute_url()
    for process in CivilSocietyProcess.objects.select_related("meeting"):
        pages[f"{process.meeting.slug} civil society"] = reverse(
            "stakeholders:public_list", args=[process.meeting.slug]
        )
    for resolution in Resolution.objects.all():
        pages[f"resolution {resolution.symbol or resolution.pk}"] = reverse(
            "meetings:resolution", args=[resolution.pk]
        )
    for side_event in SideEvent.objects.all():
        pages[f"side event {side_event.slug}"] = side_event.get_absolute_url()
        pages[f"side event notice {side_event.slug}"] = reverse(
            "meetings:side_event_notice", args=[side_event.slug]
        )
    return pages


def page_text(response, language: str = "fr") -> str:
    if response["Content-Type"].startswith("text/html"):
        return " ".join(_page_nodes(response, language))
    # iCalendar: long lines are folded and commas escaped.
    return response.content.decode().replace("\r\n ", "").replace("\\,", ",")


def test_every_public_page_names_states_groups_rooms_and_people_in_french(client, public_pages):
    english_names, as_is = english_reference_names(), typed_as_is()
    left = {}
    texts = {}

    for name, url in public_pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, (name, url)
        texts[name] = _fold(page_text(response))
        found = english_left(texts[name], english_names, as_is)
        if found:
            left[name] = found

    assert not left, report(left)
    assert (
        "Équateur (au nom du Groupe des 77 et de la Chine)"
        in texts["trafficking-in-persons-2017 speakers"]
    )
    meeting_2017 = texts["trafficking-in-persons-2017"]
    assert "Salle de l'Assemblée générale" in meeting_2017
    assert "Salle du Conseil de tutelle" in meeting_2017
    assert "S. E. M. Miroslav Lajčák" in meeting_2017


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return _fold(out.stdout.decode())


def test_the_french_programmes_name_rooms_delegations_and_people_in_french(
    public_pages,
):
    from meetings.models import Meeting
    from meetings.services.programme import generate_programme

    english_names, as_is = english_reference_names(), typed_as_is()
    texts = {}
    for meeting in Meeting.objects.all():
        version, _created = generate_programme(meeting=meeting, language="fr")
        texts[meeting.slug] = pdf_text(version.pdf.path)

    left = {slug: english_left(text, english_names, as_is) for slug, text in texts.items()}
    assert not any(left.values()), report(left)
    programme_2017 = texts["trafficking-in-persons-2017"]
    assert "Salle de l'Assemblée générale" in programme_2017
    assert "S. E. M. Miroslav Lajčák" in programme_2017
    assert "Équateur (au nom du Groupe des 77 et de la Chine)" in programme_2017


def test_the_english_pages_keep_the_english_names(client, public_pages):
    texts = {
        name: _fold(page_text(client.get(public_pages[name], HTTP_ACCEPT_LANGUAGE="en"), "en"))
        for name in ("trafficking-in-persons-2017", "trafficking-in-persons-2017 speakers")
    }

    assert (
        "Ecuador (on behalf of the Group of 77 and China)"
        in texts["trafficking-in-persons-2017 speakers"]
    )
    assert "General Assembly Hall" in texts["trafficking-in-persons-2017"]
    assert "H.E. Mr. Miroslav Lajčák" in texts["trafficking-in-persons-2017"]
    assert "Salle de l'Assemblée générale" not in texts["trafficking-in-persons-2017"]


# --- The civil-society form -------------------------------------------------------------------


def _options(page: str, field: str) -> list[str]:
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', page, flags=re.S)
    labels = re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select.group(1))
    return [_fold(label.replace("&#x27;", "'").replace("&#39;", "'")) for label in labels]


def test_the_ngo_form_lists_countries_and_nationalities_in_french_and_french_order(
    client, reference_data
):
    from tests.stakeholders.factories import CivilSocietyProcessFactory

    process = CivilSocietyProcessFactory()
    url = reverse("stakeholders:apply", args=[process.meeting.slug])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    for field in ("country", "rep-0-nationality"):
        options = _options(page, field)
        assert len(options) == 195, field
        assert options == sorted(options, key=collation_key), field
        assert "Ecuador" not in options
        e_states = [o for o in options if collation_key(o)[:2] in ("eg", "el", "em", "eq", "er")]
        assert e_states == ["Égypte", "El Salvador", "Émirats arabes unis", "Équateur", "Érythrée"]
        assert "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord" in options
        assert "Saint-Siège" in options
        assert "État de Palestine" in options


def test_the_ngo_form_keeps_english_names_and_order_in_english(client, reference_data):
    from tests.stakeholders.factories import CivilSocietyProcessFactory

    process = CivilSocietyProcessFactory()
    url = reverse("stakeholders:apply", args=[process.meeting.slug])

    options = _options(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode(), "country")

    assert options[:3] == ["Afghanistan", "Albania", "Algeria"]
    assert options.index("Ecuador") < options.index("Egypt") < options.index("El Salvador")


# --- Side events ------------------------------------------------------------------------------


def _co_sponsors(page: str) -> list[str]:
    listing = re.search(r'data-testid="co-sponsors">(.*?)</ul>', page, flags=re.S).group(1)
    items = re.findall(r"<li[^>]*>(.*?)</li>", listing, flags=re.S)
    return [
        _fold(re.sub(r"<[^>]+>", "", item).replace("&#x27;", "'").rstrip(" ·")) for item in items
    ]


def test_the_side_event_lists_its_co_sponsors_in_the_order_of_the_page_language(
    client, demo_meetings
):
    url = reverse("meetings:side_event", args=["roundtable-2017-review-2016-12-05"])

    french = _co_sponsors(client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    english = _co_sponsors(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())

    assert len(french) == len(english) == 24
    assert french == sorted(french, key=collation_key)
    assert english == sorted(english, key=collation_key)
    assert french[4:9] == ["Chili", "Égypte", "Émirats arabes unis", "Équateur", "Érythrée"]
    assert english[4:8] == ["Chile", "Ecuador", "Egypt", "Eritrea"]


# --- Honorifics -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "french"),
    [
        ("H.E. Mr.", "S. E. M."),
        ("H.E. Ms.", "S. E. Mme"),
        ("HE Mrs", "S. E. Mme"),
        ("H. E. Mr.", "S. E. M."),
        ("H.E.", "S. E."),
        ("Mr.", "M."),
        ("Ms", "Mme"),
        ("Dr.", "Dr"),
        ("H.E. Dr.", "S. E. Dr"),
        ("H.R.H. Princess", "S. A. R. Princess"),
        ("Sir", "Sir"),
        ("", ""),
    ],
)
def test_typed_honorifics_print_in_french_on_french_pages(typed, french):
    from django.utils import translation

    from meetings.names import honorific

    with translation.override("fr"):
        assert honorific(typed) == french
    with translation.override("en"):
        assert honorific(typed) == typed


@pytest.mark.parametrize(
    ("typed", "french", "english"),
    [
        ("S. E. M.", "S. E. M.", "H.E. Mr."),
        ("S.E. Mme", "S. E. Mme", "H.E. Ms."),
        ("SE Mme", "S. E. Mme", "H.E. Ms."),
        ("M.", "M.", "Mr."),
        ("Mme", "Mme", "Ms."),
        ("S. E. Dr", "S. E. Dr", "H.E. Dr."),
        ("Pr", "Pr", "Prof."),
        ("Mgr", "Mgr", "Msgr."),
    ],
)
def test_honorifics_typed_in_french_print_the_uns_forms_in_both_languages(typed, french, english):
    # The French form suggests « S. E. M. », « Mme »: a delegation typing them on the French page
    # reads "S. E. M." there (not "S.E.M.") and the English pages read "H.E. Mr.".
    from django.utils import translation

    from meetings.names import honorific

    with translation.override("fr"):
        assert honorific(typed) == french
    with translation.override("en"):
        assert honorific(typed) == english


def test_the_shipped_french_names_are_the_generators():
    """The CSV files are what scripts/french_names.py writes from the ISO catalogue and the UN
    forms: a hand edit of a French name, or a State added without one, is caught here."""
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "scripts" / "french_names.py"), "--check"],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


def test_the_side_event_notice_names_the_permanent_mission_with_its_article(client, demo_meetings):
    """The organizers' contact, of a demo event whose contact gives no function."""
    url = reverse("meetings:side_event_notice", args=["demo-side-event-data"])

    french = _fold(page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="fr")))
    english = _fold(page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"), "en"))

    assert "Contact : Demo contact, Mission permanente des Philippines." in french
    assert "Contact: Demo contact, Permanent Mission of Philippines." in english


@pytest.mark.parametrize(
    ("code", "french"),
    [
        ("BLR", "Mission permanente du Bélarus"),
        ("FRA", "Mission permanente de la France"),
        ("ECU", "Mission permanente de l'Équateur"),
        ("PHL", "Mission permanente des Philippines"),
        ("CUB", "Mission permanente de Cuba"),
        ("VAT", "Mission permanente du Saint-Siège"),
    ],
)
def test_states_take_their_french_article(reference_data, code, french):
    from django.utils import translation

    from meetings.models import Delegation
    from meetings.names import contracted, with_article

    delegation = Delegation.objects.get(code=code)
    with translation.override("fr"):
        assert contracted(f"Mission permanente de {with_article(delegation)}") == french


@pytest.mark.parametrize(
    ("code", "french", "english"),
    [
        ("BEL", "La Belgique", "Belgium"),
        ("BLR", "Le Bélarus", "Belarus"),
        ("ECU", "L'Équateur", "Ecuador"),
        ("PHL", "Les Philippines", "Philippines"),
        ("CUB", "Cuba", "Cuba"),
    ],
)
def test_a_name_that_opens_a_sentence_takes_its_article_with_a_capital(
    reference_data, code, french, english
):
    """What ``names.fill`` makes of a message a translator opens with the name."""
    from django.utils import translation

    from meetings.models import Delegation, GroupOfStates
    from meetings.names import fill

    values = {
        "delegation": Delegation.objects.get(code=code),
        "group": GroupOfStates.objects.get(short_name="G77"),
    }
    with translation.override("fr"):
        assert fill("%(delegation)s : déclaration au nom de %(group)s.", **values) == (
            f"{french} : déclaration au nom du Groupe des 77 et de la Chine."
        )
    with translation.override("en"):
        assert fill("%(delegation)s: statement on behalf of %(group)s.", **values) == (
            f"{english}: statement on behalf of the Group of 77 and China."
        )


def test_a_segment_named_with_its_meeting_keeps_the_colon_with_the_meeting_in_french(
    client, demo_meetings
):
    """The calendar's events and the choices of a segment (the civil-society form's panels):
    “Réunion … (2017) : Séance d'ouverture”, the colon held by a non-breaking space."""
    from django.utils import translation

    from meetings.models import Segment

    url = "/meetings/trafficking-in-persons-2017/calendar.ics"
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    opening = Segment.objects.get(
        meeting__slug="trafficking-in-persons-2017", title="Opening segment"
    )
    with translation.override("fr"):
        named = str(opening)

    assert "(2017)\u00a0: Séance d'ouverture" in french.replace("\r\n ", "")
    assert "(2017): Opening segment" in english.replace("\r\n ", "")
    assert named.endswith("\u00a0: Séance d'ouverture")


def test_the_session_of_the_assembly_is_numbered_as_each_language_writes_it(client, demo_meetings):
    """“72nd session” in English (as the 2017 page, seed 004, writes it), “72e session” in
    French: Django's ordinals print “81er” in French, an ending French gives the first alone."""
    english = _fold(page_text(client.get("/", HTTP_ACCEPT_LANGUAGE="en"), "en"))
    french = _fold(page_text(client.get("/", HTTP_ACCEPT_LANGUAGE="fr")))

    assert "72nd session" in english
    assert "72e session" in french
    assert not re.search(r"\d+er session", french)
