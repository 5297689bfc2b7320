"""The French catalogue is complete and the public pages read entirely in French.

French is a working language of the Secretariat: a delegation that browses the portal in French
must not meet a sentence of the interface left in English. Content typed by staff (meeting and
segment titles, names, themes) stays as it was entered and is exempt.
"""

import fcntl
import os
import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.test.signals import setting_changed
from django.urls import reverse

import pytest

LOCALE_DIR = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
DEMO_2017 = "/meetings/trafficking-in-persons-2017/"
#: English fragments at least this long are looked for anywhere in a page's text.
MIN_FRAGMENT = 12
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|%%")


# --- The catalogue, read with the standard library ----------------------------------------------


def _unquote(line: str) -> str:
    body = line.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), body)


def read_po(path) -> list[dict]:
    """Return the entries of a .po file: msgid, msgid_plural, msgstr (by index) and flags.

    Obsolete entries (``#~``) are comments here and are left out.
    """
    entries, entry, key = [], None, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry is not None and entry["msgid"] is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if isinstance(key, int):
                entry["msgstr"][key] += _unquote(line)
            else:
                entry[key] += _unquote(line)
        else:
            keyword, _, value = line.partition(" ")
            plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural:
                key = int(plural.group(1))
                entry["msgstr"][key] = _unquote(value)
            elif keyword == "msgstr":
                key = 0
                entry["msgstr"][0] = _unquote(value)
            elif keyword in ("msgid", "msgid_plural", "msgctxt"):
                key = keyword
                entry[key] = _unquote(value)
            else:
                raise ValueError(f"Unexpected line in {path}: {raw!r}")
    return entries


def _fold(text: str) -> str:
    """White space (non-breaking spaces included) folded to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


# --- Fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def french_catalogue():
    """Compile the French messages when the .mo is missing or older than the .po."""
    with open(Path(tempfile.gettempdir()) / "hlm-portal-compilemessages.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
            cwd = os.getcwd()
            os.chdir(settings.BASE_DIR)
            try:
                call_command(
                    "compilemessages",
                    locale=["fr"],
                    ignore_patterns=[".venv", ".git", "var", "bench", "node_modules", "static"],
                    verbosity=0,
                )
            finally:
                os.chdir(cwd)
            # Translations loaded before the compilation would not see the new catalogue:
            # reset them as Django does when LOCALE_PATHS changes.
            setting_changed.send(
                sender=settings._wrapped.__class__,
                setting="LOCALE_PATHS",
                value=settings.LOCALE_PATHS,
                enter=False,
            )
    return read_po(PO_FILE)


@pytest.fixture
def pages(client, demo_lists):
    """The public pages a French-speaking visitor meets, by name."""
    from meetings.enums import SegmentKind
    from meetings.models import Resolution, Segment
    from stakeholders.demo import load_demo_civil_society

    load_demo_civil_society(meeting=demo_lists[0].meeting)  # synthetic, for the walk only
    panel = (
        Segment.objects.filter(meeting__slug="trafficking-in-persons-2017", kind=SegmentKind.PANEL)
        .order_by("position")
        .first()
    )
    modalities_2021 = Resolution.objects.get(meeting__slug="trafficking-in-persons-2021")
    return {
        "home": "/",
        "meeting": DEMO_2017,
        "segment": panel.get_absolute_url(),
        "speakers": DEMO_2017 + "speakers/",
        "side event": "/side-events/demo-side-event-survivors/",
        "civil society": DEMO_2017 + "civil-society/",
        "resolution": reverse("meetings:resolution", args=[modalities_2021.pk]),
        "sign-in": "/accounts/login/",
        "password reset": "/accounts/password_reset/",
    }


# --- (a) The catalogue is complete ---------------------------------------------------------------


def test_the_french_catalogue_has_no_empty_and_no_fuzzy_entry():
    entries = read_po(PO_FILE)
    header, messages = entries[0], entries[1:]

    assert header["msgid"] == ""
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in header["msgstr"][0]
    assert "Language: fr" in header["msgstr"][0]
    assert "fuzzy" not in header["flags"]
    assert len(messages) > 700
    empty = [e["msgid"] for e in messages if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    plurals = [e["msgid"] for e in messages if e["msgid_plural"] and len(e["msgstr"]) != 2]
    assert empty == []
    assert fuzzy == []
    assert plurals == []


def test_the_office_of_the_president_has_one_french_name():
    # "Le Cabinet du Président … accuse réception", signed "Bureau du Président …", named the sender
    # twice in one mail: the UN's French is "Cabinet du Président de l'Assemblée générale".
    entries = read_po(PO_FILE)[1:]
    office = [e for e in entries if "Office of the President" in e["msgid"]]

    assert office
    for entry in office:
        for french in entry["msgstr"].values():
            assert "Cabinet du Président" in french, entry["msgid"]
    assert not [e["msgid"] for e in entries if "Bureau du Président" in str(e["msgstr"])]


@pytest.mark.parametrize("option", ["--untranslated", "--only-fuzzy"])
def test_gettext_finds_nothing_untranslated_or_fuzzy(option):
    result = subprocess.run(
        ["msgattrib", option, "--no-wrap", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=True,
    )

    msgids = re.findall(r'^msgid "(.*)"$', result.stdout, flags=re.MULTILINE)
    assert [m for m in msgids if m] == []


def test_the_catalogue_compiles_with_format_checks():
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check", "-o", os.devnull, str(PO_FILE)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


def test_translations_keep_placeholders_and_surrounding_new_lines(french_catalogue):
    for entry in french_catalogue[1:]:
        english = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, french in entry["msgstr"].items():
            source = english[min(index, 1)]
            assert sorted(PLACEHOLDER.findall(french)) == sorted(PLACEHOLDER.findall(source)), (
                entry["msgid"]
            )
            assert french.startswith("\n") == source.startswith("\n"), entry["msgid"]
            assert french.endswith("\n") == source.endswith("\n"), entry["msgid"]


# --- (b) The public pages are in French ----------------------------------------------------------


class _PageText(HTMLParser):
    """The text a reader meets: text nodes and the labels read out by assistive technology.

    Text inside an element marked with another language (the names of the languages in the
    language selector) is left out: it is meant to stay in that language.
    """

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, str | None]] = []
        self.nodes: list[str] = []

    def _foreign(self) -> bool:
        for _tag, lang in reversed(self.stack):
            if lang:
                return not lang.startswith(self.language)
        return False

    def _skipped(self) -> bool:
        return any(tag in ("script", "style") for tag, _lang in self.stack) or self._foreign()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, attributes.get("lang")))
        if self._skipped():
            return
        for name in self.ATTRIBUTES:
            if attributes.get(name):
                self.nodes.append(_fold(attributes[name]))
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.nodes.append(_fold(attributes.get("value") or ""))

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                break

    def handle_data(self, data):
        if not self._skipped() and data.strip():
            self.nodes.append(_fold(data))


def _page_nodes(response, language: str) -> list[str]:
    parser = _PageText(language)
    parser.feed(response.content.decode())
    parser.close()
    return [node for node in parser.nodes if node]


def _staff_content() -> list[str]:
    """What staff typed in (titles, names, themes…), longest first: it stays as typed."""
    values = set()
    for model in apps.get_models():
        if model._meta.app_label not in ("meetings", "speakers", "stakeholders"):
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and not field.choices
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            values.update(_fold(value) for value in row if value and len(value.strip()) > 3)
    return sorted(values, key=len, reverse=True)


def _english_strings(catalogue) -> list[tuple[str, str, set[str]]]:
    """(English msgid, a literal fragment of it, its French translations) for changed strings."""
    found = []
    for entry in catalogue[1:]:
        french = {_fold(text) for text in entry["msgstr"].values()}
        for msgid in filter(None, [entry["msgid"], entry["msgid_plural"]]):
            if _fold(msgid) in french:
                continue  # the same in both languages ("Documents", "New York")
            for fragment in PLACEHOLDER.split(msgid):
                fragment = _fold(fragment)
                if fragment and not any(fragment in text for text in french):
                    found.append((msgid, fragment, french))
    return found


def _left_in_english(english_nodes, french_nodes, english_strings, content) -> set[str]:
    """The msgids of the English page that the French page still shows in English."""
    english_msgids = {_fold(msgid) for msgid, _fragment, _french in english_strings}
    content_set = set(content)
    # A whole text node left as the English msgid, however short ("Sign in", "Open").
    untranslated = {
        node
        for node in set(french_nodes) & set(english_nodes)
        if node not in content_set and node in english_msgids
    }
    # A longer English fragment anywhere in the text, once staff content is taken out.
    english_text = " ".join(english_nodes)
    french_rest = " ".join(french_nodes)
    for value in content:
        french_rest = french_rest.replace(value, " ")
    untranslated |= {
        msgid
        for msgid, fragment, french_forms in english_strings
        if len(fragment) > MIN_FRAGMENT
        and fragment in english_text
        and fragment in french_rest
        and not any(fragment in form for form in french_forms)
    }
    return untranslated


KNOWN_FRENCH = {
    "home": ["Réunions de haut niveau de l'Assemblée générale", "Terminée", "Format :"],
    "meeting": [
        "Programme",
        "Documents",
        "Listes des orateurs",
        "Ajouter au calendrier (iCal)",
        "Réunion-débat interactive",
        "Jusqu'à épuisement de la liste des orateurs.",
        "Note de cadrage",
        "Intervenants :",
        "15 h – 16 h 30",
        "Manifestations parallèles",
    ],
    "segment": [
        "Réunions",
        "Note de cadrage",
        "I. Contexte",
        "Déclarations : 3 minutes pour les délégations s'exprimant à titre national.",
        "15 h – 16 h 30",
    ],
    "speakers": [  # the 2017 meeting is over: its lists are a record of who was heard
        "Listes des orateurs",
        "La réunion est terminée : les listes indiquent qui a été entendu.",
        "Séances plénières",
        "Délégation",
        "Orateur",
        "Déclaration",
    ],
    "side event": [
        "L'avis (PDF)",
        "Coorganisateurs",
        "Contexte",
        "Participation",
        "Le nombre de places est limité à 20 délégations",
        "Contact :",
    ],
    "civil society": [
        "Participation de la société civile",
        "Les candidatures ont été closes le 14 juillet 2017.",
        "Première liste",
        "Représentant(e)s",
        "Définitif : aucune objection",
        "Objection : décision de l'Assemblée",
    ],
    "resolution": ["Modalités", "Projet zéro", "12 mars 2021"],
    "sign-in": [
        "Se connecter",
        "Mot de passe oublié ?",
        "Réservé aux correspondants des missions permanentes et des délégations observatrices.",
    ],
    "password reset": ["Réinitialiser votre mot de passe", "Envoyer le lien"],
}


def test_the_public_pages_are_in_french(client, pages, french_catalogue):
    english_strings = _english_strings(french_catalogue)
    content = _staff_content()
    left_in_english = {}

    for name, url in pages.items():
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert english.status_code == 200, name
        assert french.status_code == 200, name
        assert '<html lang="en"' in english.content.decode(), name
        assert '<html lang="fr"' in french.content.decode(), name

        english_nodes = _page_nodes(english, "en")
        french_nodes = _page_nodes(french, "fr")
        french_text = " ".join(french_nodes)
        for expected in KNOWN_FRENCH[name]:
            assert expected in french_text, (name, expected)

        untranslated = _left_in_english(english_nodes, french_nodes, english_strings, content)
        if untranslated:
            left_in_english[name] = sorted(untranslated)

    assert left_in_english == {}


def test_the_english_pages_stay_in_english(client, pages, french_catalogue):
    """The catalogue must not leak into English: the default language is untouched."""
    for name, url in pages.items():
        text = " ".join(_page_nodes(client.get(url), "en"))

        assert "Assemblée générale" not in text, name
        assert "orateurs" not in text, name
        assert "Cabinet du Président" not in text, name


def test_french_punctuation_is_kept_with_its_word_by_a_non_breaking_space():
    """French sets a space before « ; : ! ? » » and after « « »: a non-breaking one, so a page or
    a mail never starts a line with the mark (“Séances :” broke before its colon)."""
    entries = read_po(PO_FILE)[1:]
    ordinary = re.compile(r" [;:!?»]|« ")

    breaking = [
        entry["msgid"]
        for entry in entries
        for french in entry["msgstr"].values()
        if ordinary.search(french)
    ]

    assert breaking == []


def test_the_french_catalogue_writes_one_apostrophe():
    """One page printed “n’a” beside “l'Assemblée”: the catalogue keeps the straight one."""
    entries = read_po(PO_FILE)[1:]

    assert [e["msgid"] for e in entries for f in e["msgstr"].values() if "\u2019" in f] == []


def test_a_capital_a_that_is_the_preposition_carries_its_accent():
    """“À la parole”, not “A la parole” (the rostrum, the line “now speaking”): French capitals
    keep their accents."""
    entries = read_po(PO_FILE)[1:]
    unaccented = re.compile(r"(?:^|[.!?]\s)A (?:la|le|les|l'|titre|compter|partir|noter)\b")

    assert [
        entry["msgid"]
        for entry in entries
        for french in entry["msgstr"].values()
        if unaccented.search(french)
    ] == []


@pytest.mark.django_db
def test_a_french_line_that_opens_with_the_day_gives_it_a_capital(
    client, demo_meetings, french_catalogue
):
    """“Mercredi 27 septembre 2017” at the head of a day, of a side event, of a segment: French
    writes the day's name in small letters within a sentence only."""
    from meetings.models import Segment, SideEvent

    urls = [
        "/meetings/trafficking-in-persons-2017/",
        SideEvent.objects.filter(is_published=True).first().get_absolute_url(),
        Segment.objects.filter(meeting__slug="trafficking-in-persons-2017")
        .first()
        .get_absolute_url(),
    ]
    weekdays = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    for url in urls:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        openings = re.findall(
            rf"(?:<h3[^>]*>|<p[^>]*>|<br>)\s*(?:<time[^>]*>)?\s*({weekdays})\b", html, re.I
        )
        assert openings, url
        assert [day for day in openings if day.islower()] == [], url
