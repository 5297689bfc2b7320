"""A French page says which of its texts are still English (WCAG 2.2, 3.1.2).

Staff give themes, concept notes and functions in French where they can; where they have not
yet, the page prints the English, and a screen reader must read it as English: the text is
in an element with ``lang="en"``. The seeds' own document titles are English; the UN gives
resolutions' titles in French.
"""

import html
import re
from datetime import date, timedelta
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from modeltranslation.translator import translator

from meetings.cache import bump
from meetings.demo import load_everything
from meetings.demo.living import BELGIUM, CO_FACILITATOR, DEMO_SLUG
from meetings.enums import DraftStage, SegmentKind
from meetings.models import (
    Delegation,
    GroupOfStates,
    Meeting,
    ResolutionDraft,
    Room,
    SideEvent,
)
from meetings.services.programme import generate_programme
from meetings.services.resolutions import import_paragraphs
from speakers.models import SpeakersList
from stakeholders.models import CivilSocietyProcess
from tests.meetings.factories import FocalPointFactory, ResolutionFactory
from tests.test_french import _fold, _PageText, french_catalogue  # noqa: F401
from tests.test_french_names import public_pages  # noqa: F401

pytestmark = pytest.mark.usefixtures("french_catalogue")

#: Reference data ships every name in both languages (tests/test_french_names.py).
REFERENCE_MODELS = (Delegation, GroupOfStates, Room)
SHORTEST = 16  # shorter values ("Opening segment") may be words of the interface too


class _TextOutsideEnglish(_PageText):
    """The text nodes a reader meets as French: not in an element marked with another language,
    nor in the head (a ``<title>`` cannot hold markup: the page's title is its heading's)."""

    def _skipped(self) -> bool:
        return super()._skipped() or any(tag in ("head", "title") for tag, _ in self.stack)


def french_nodes(response) -> list[str]:
    parser = _TextOutsideEnglish("fr")
    parser.feed(response.content.decode())
    parser.close()
    return [node for node in parser.nodes if node]


def english_only_content() -> list[str]:
    """The content the demo gives in English only, longest first: translated fields with no
    French yet (the seeds' titles of documents, among others)."""
    values = set()
    for model in translator.get_registered_models(abstract=False):
        if model in REFERENCE_MODELS:
            continue
        for name in translator.get_options_for_model(model).fields:
            for english, french in model._default_manager.values_list(f"{name}_en", f"{name}_fr"):
                if english and not french:
                    values.add(english)
    return sorted((_fold(v) for v in values if len(v.strip()) >= SHORTEST), key=len, reverse=True)


class _Marks(HTMLParser):
    """The texts in ``lang="en"`` elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag != "html" and dict(attrs).get("lang") == "en"):
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth = max(self.depth - 1, 0)

    def handle_data(self, data):
        if self.depth and data.strip():
            self.texts.append(_fold(data))


def marked_english(response) -> list[str]:
    parser = _Marks()
    parser.feed(response.content.decode())
    return parser.texts


def test_french_pages_mark_every_text_still_in_english(client, public_pages):  # noqa: F811
    english = english_only_content()
    assert english, "the demo gives some content in English only"
    unmarked = {}
    for name, url in public_pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        if not response["Content-Type"].startswith("text/html"):
            continue
        text = "\n".join(french_nodes(response))
        found = [value for value in english if value in text]
        if found:
            unmarked[name] = found
    assert not unmarked, "\n".join(f"{page}: {values}" for page, values in unmarked.items())


def test_the_french_meeting_page_marks_the_english_and_not_the_french(client, demo_meetings):
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")
    panel = meeting.segments.filter(theme_en__gt="").exclude(theme_fr__gt="").first()

    french = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")

    assert _fold(panel.theme_en) in marked_english(french)
    nodes = french_nodes(french)
    # Functions the Secretariat gave in French read as French.
    assert any("Directeur exécutif de l'Office des Nations Unies" in node for node in nodes)
    assert not any("Directeur exécutif" in text for text in marked_english(french))


def test_the_record_titles_are_marked_english_on_french_pages_only(client, demo_meetings):
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")
    document = meeting.documents.filter(is_public=True, title_fr__isnull=True).first()
    resolution = ResolutionFactory(title="A resolution whose title staff gave in English only")

    french = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    resolution_fr = client.get(
        reverse("meetings:resolution", args=[resolution.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert _fold(document.title) in marked_english(french)
    assert _fold(resolution.title) in marked_english(resolution_fr)
    assert marked_english(english) == []  # an English page marks nothing


def test_resolutions_and_the_offices_own_titles_read_in_french_unmarked(client, demo_meetings):
    """The UN gives its resolutions' titles in French; the titles the office words itself
    (a letter's) are French too. The seeds' own titles stay English, marked."""
    meeting = Meeting.objects.get(slug="trafficking-in-persons-2017")
    mandate = meeting.mandate_resolutions.get()
    letter = meeting.documents.filter(title_fr__isnull=False).get()

    french = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    resolution = client.get(mandate.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")

    for response, title in ((french, mandate.title_fr), (french, letter.title_fr)):
        assert any(_fold(title) in node for node in french_nodes(response)), title
    assert _fold(mandate.title_fr) in french_nodes(resolution)
    marked = marked_english(french)  # (seed 004's titles citing a resolution stay English)
    assert _fold(mandate.title_en) not in marked and _fold(letter.title_en) not in marked


def test_a_french_title_given_by_staff_is_not_marked(client, demo_meetings):
    meeting = Meeting.objects.filter(title_fr__gt="").first()

    french = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")

    assert _fold(meeting.title_fr) in french_nodes(french)
    assert _fold(meeting.title_en) not in "\n".join(marked_english(french))


def page_text(response) -> str:
    """The text of a page as it reads, its white space (no-break spaces) kept."""
    text = re.sub(r"<(script|style|head)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_french_pages_put_a_no_break_space_before_the_colons_they_add(client, demo_meetings):
    # As French prints: "Salle de l'Assemblée générale : Premières consultations …",
    # "A/RES/64/293 : United Nations Global Plan …", "Réunion-débat 1 : thème".
    meeting_2021 = Meeting.objects.get(slug="trafficking-in-persons-2021")
    meeting_2017 = Meeting.objects.get(slug="trafficking-in-persons-2017")
    consultations = meeting_2021.segments.get(kind=SegmentKind.INFORMAL_CONSULTATION)
    cited = meeting_2021.background_resolutions.get()
    panel = meeting_2017.segments.filter(concept_note__isnull=False).first()

    page_2021 = page_text(client.get(meeting_2021.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"))
    page_2017 = page_text(client.get(meeting_2017.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"))
    with translation.override("fr"):
        room, title = consultations.room.name, panel.title

    assert f"{room}\u00a0:" in page_2021
    assert f"{cited.symbol}\u00a0:" in page_2021
    assert f"{title}\u00a0:" in page_2017
    for page in (page_2021, page_2017):
        assert not re.search(
            rf"({re.escape(room)}|{re.escape(cited.symbol)}|{re.escape(title)}):", page
        )


def test_the_made_up_meeting_gives_in_french_all_staff_may_give_in_french(client, demo_meetings):
    # The demo meeting is made up, in both languages: its French pages leave in English only
    # its side events, which delegations title in the language they work in.
    meeting = Meeting.objects.get(slug=DEMO_SLUG)
    texts = [meeting.summary_en]
    for segment in meeting.segments.all():
        texts += [segment.title_en, segment.theme_en]
    texts += [document.title_en for document in meeting.documents.all()]
    texts += [resolution.title_en for resolution in meeting.resolutions.all()]
    english = {_fold(text) for text in texts if text}
    pages = [
        meeting.get_absolute_url(),
        reverse("speakers:public_list", args=[meeting.slug]),
        *(segment.get_absolute_url() for segment in meeting.segments.all()),
    ]

    left = {}
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, url
        text = page_text(response)
        left[url] = sorted(value for value in english if value in _fold(text))

    assert {url: values for url, values in left.items() if values} == {}


#: French abbreviates months so: "déc.", "sept.", but "mai", "juin", "août" in full.
FRENCH_MONTHS = {
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
}  # fmt: skip


def test_the_french_lists_of_speakers_print_dates_and_series_as_french_does(client, db):
    # "Séances : lundi 21 décembre, 11 h – 13 h, Salle de l'Assemblée générale ; mardi …" and
    # a statement's time "lun. 21 déc., 11 h 05", where they read "…générale; mardi" and
    # "lun 21 Déc, 11 h 05".
    load_everything()
    url = reverse("speakers:public_list", args=[DEMO_SLUG])

    french = page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="fr"))
    english = page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))

    assert re.search(r"générale\u00a0; (lundi|mardi|mercredi|jeudi|vendredi) ", french)
    assert not re.search(r"\S;", french)
    times = re.findall(r"\b(\w{3}\.?) \d{1,2} (\w+\.?), \d{1,2}\u00a0h\b", french)
    assert times, "the list gives each statement its time"
    assert {day for day, _month in times} <= {"lun.", "mar.", "mer.", "jeu.", "ven."}
    assert {month for _day, month in times} <= FRENCH_MONTHS
    # English as before: "Mon 21 Dec, 11 a.m.", "… General Assembly Hall; Tuesday …".
    assert re.search(r"Hall; (Monday|Tuesday|Wednesday|Thursday|Friday) ", english)
    assert re.search(
        r"\b(Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2}, \d{1,2}(\.\d\d)?\u00a0[ap]\.m\.", english
    )


def test_the_drafts_to_compare_are_dated_in_the_pages_language(client, db):
    # "Projet zéro (12 mars 2021)", not "(12 Mar 2021)" on the French page.
    resolution = ResolutionFactory()
    for stage, circulated_on in [
        (DraftStage.ZERO, date(2021, 3, 12)),
        (DraftStage.REVISED, date(2021, 4, 1)),
    ]:
        draft = ResolutionDraft.objects.create(
            resolution=resolution, stage=stage, circulated_on=circulated_on
        )
        import_paragraphs(draft=draft, text="1. *Decides* to convene the meeting;")
    url = reverse("meetings:resolution", args=[resolution.pk])

    french = page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="fr"))
    english = page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))

    assert "(12 mars 2021)" in french and "(1 avril 2021)" in french
    assert "(12 March 2021)" in english and "(1 April 2021)" in english


def test_a_list_of_speakers_is_named_with_the_french_colon(client, db):
    # "Réunion de démonstration (données fictives) : Séances plénières", on the inscription page.
    load_everything(password="demo-pass")
    speakers_list = SpeakersList.objects.get(meeting__slug=DEMO_SLUG, segment=None)
    client.force_login(get_user_model().objects.get(username=BELGIUM))

    page = page_text(
        client.get(reverse("speakers:inscribe", args=[speakers_list.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    )

    assert "Réunion de démonstration (données fictives)\u00a0: Séances plénières" in page


def test_the_call_for_civil_society_is_introduced_in_french_or_marked_english(client, db):
    # Staff introduce a call in both languages; an introduction given in English only is read
    # as English by a screen reader on the French form.
    load_everything()
    demo_form = reverse("stakeholders:apply", args=[DEMO_SLUG])
    process = CivilSocietyProcess.objects.get(meeting__slug=DEMO_SLUG)

    french = client.get(demo_form, HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get(demo_form, HTTP_ACCEPT_LANGUAGE="en")

    assert "Ceci est la réunion de démonstration" in "\n".join(french_nodes(french))
    assert "This is the demonstration meeting" in page_text(english)
    CivilSocietyProcess.objects.filter(pk=process.pk).update(introduction_fr=None)
    bump(process.meeting_id)
    french = client.get(demo_form, HTTP_ACCEPT_LANGUAGE="fr")
    assert any("This is the demonstration meeting" in text for text in marked_english(french))


def test_french_pages_and_programme_quote_a_theme_with_guillemets(client, db, settings, tmp_path):
    # « Prévention et protection (thème de démonstration) », not “…”, as French quotes.
    settings.MEDIA_ROOT = tmp_path
    load_everything()
    panel = Meeting.objects.get(slug=DEMO_SLUG).segments.exclude(theme_fr="").first()

    page = page_text(client.get(panel.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"))
    english = page_text(client.get(panel.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"))
    programme, _created = generate_programme(meeting=panel.meeting, language="fr")

    assert f"«\u00a0{panel.theme_fr}\u00a0»" in page
    assert f"«\u00a0{panel.theme_fr}\u00a0»" in programme.html.read().decode()
    assert f"“{panel.theme_en}”" in english


def test_the_texts_negotiated_are_marked_english_on_french_pages(client, db):
    # A draft is circulated and negotiated in English: its paragraphs on the French pages of
    # the delegations and on the public page of the resolution are read as English.
    load_everything(password="demo-pass")
    draft = ResolutionDraft.objects.get(resolution__meeting__slug=DEMO_SLUG)
    client.force_login(get_user_model().objects.get(username=CO_FACILITATOR))
    english = [_fold(p.text) for p in draft.paragraphs.all() if len(p.text) >= SHORTEST]
    title = _fold(draft.resolution.title_fr)  # its title is given in French
    pages = [
        reverse("speakers:dashboard"),
        reverse("meetings:draft_input", args=[draft.pk]),
        reverse("meetings:compilation", args=[draft.pk]),
        reverse("meetings:resolution", args=[draft.resolution.pk]),
    ]

    unmarked = {}
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        # Each page shows the draft's title in French, its text marked English.
        text = "\n".join(french_nodes(response))
        assert title in text, url
        unmarked[url] = [value for value in english if value in text]

    assert {url: values for url, values in unmarked.items() if values} == {}


def test_a_side_event_is_read_in_the_language_its_organizer_typed_it_in(client, db):
    # The record's roundtable was written in English; an event its organizer typed on the French
    # form is French. Each page marks the texts that are not in its own language.
    load_everything()
    organizer = FocalPointFactory(delegation=Delegation.objects.get(code="SEN"))
    client.force_login(organizer.user)
    start = timezone.localtime(timezone.now() + timedelta(days=5))
    client.post(
        reverse("meetings:side_event_new"),
        {
            "title": "Les survivantes au cœur de la protection",
            "kind_label": "Table ronde",
            "background": "Une table ronde des praticiennes de la protection.",
            "starts_at": start.strftime("%Y-%m-%dT15:00"),
            "ends_at": start.strftime("%Y-%m-%dT16:30"),
            "room": Room.objects.get(name_en="Conference Room 8").pk,
            "seats": 20,
            "registration_closes_at": start.strftime("%Y-%m-%dT09:00"),
            "contact_name": "Mme Awa Diop",
            "contact_email": "awa@example.org",
            "is_published": "on",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    typed_in_french = SideEvent.objects.get(organizer=organizer.delegation)
    record = SideEvent.objects.get(slug="roundtable-2017-review-2016-12-05")
    client.logout()

    def read(event, language):
        response = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
        return response, "\n".join(marked_english(response))

    french_page, english_in_it = read(record, "fr")
    assert _fold(record.title) in english_in_it
    assert not any(record.title in node for node in french_nodes(french_page))
    french_page, english_in_it = read(typed_in_french, "fr")
    assert typed_in_french.title in "\n".join(french_nodes(french_page))
    assert typed_in_french.title not in english_in_it
    english_page = client.get(typed_in_french.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert f'lang="fr">{typed_in_french.title}<' in english_page.content.decode()


def test_a_meeting_not_yet_given_in_french_is_marked_english_on_the_delegations_pages(client, db):
    # Staff may not have given a meeting's or a segment's French yet: the delegation's page and
    # the inscription form print the English, marked so.
    load_everything(password="demo-pass")
    meeting = Meeting.objects.get(slug=DEMO_SLUG)
    Meeting.objects.filter(pk=meeting.pk).update(title_fr=None, short_title_fr=None)
    meeting.segments.update(title_fr=None)
    bump(meeting.pk)
    panel = SpeakersList.objects.filter(meeting=meeting).exclude(segment=None).first()
    client.force_login(get_user_model().objects.get(username=BELGIUM))

    pages = {
        "dashboard": reverse("speakers:dashboard"),
        "inscription": reverse("speakers:inscribe", args=[panel.pk]),
    }
    for name, url in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        english = "\n".join(marked_english(response))
        unmarked = "\n".join(french_nodes(response))
        for text in (meeting.title_en if name == "inscription" else meeting.short_title_en,
                     panel.segment.title_en):  # fmt: skip
            assert text in english, (name, text)
            assert text not in unmarked, (name, text)


def test_a_draft_reads_in_the_language_it_is_negotiated_in_its_chapeau_too(client, demo_meetings):
    """The zero draft is English: on a French page it opens with “The General Assembly,”,
    not with a French chapeau before English paragraphs."""
    draft = ResolutionDraft.objects.filter(paragraphs__isnull=False).distinct().first()

    french = client.get(draft.resolution.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")

    block = re.search(
        r'<div class="resolution-text" lang="en">\s*<p>([^<]*)</p>', french.content.decode()
    )
    assert block and block[1] == "The General Assembly,"
