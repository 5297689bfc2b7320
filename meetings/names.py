"""How names print in the active language: honorifics ("S. E. M.") and "on behalf of" phrases.

Staff and delegations type honorifics in English ("H.E. Mr.", "Ms.") or, on the French pages,
in French ("S. E. M.", "Mme"); each language prints the UN's forms ("S. E. M." on French pages,
"H.E. Mr." on English ones). A form this module does not know prints as typed.
"""

import re
from functools import lru_cache

from django.utils.translation import gettext, pgettext, pgettext_lazy

from meetings.formatting import page_language

#: Honorifics as typed, keyed by their letters alone ("H.E. Mr." and "HE Mr" are "hemr").
HONORIFICS = {
    "hemr": pgettext_lazy("honorific", "H.E. Mr."),
    "hems": pgettext_lazy("honorific", "H.E. Ms."),
    "hemrs": pgettext_lazy("honorific", "H.E. Mrs."),
    "he": pgettext_lazy("honorific", "H.E."),
    "mr": pgettext_lazy("honorific", "Mr."),
    "ms": pgettext_lazy("honorific", "Ms."),
    "mrs": pgettext_lazy("honorific", "Mrs."),
    "miss": pgettext_lazy("honorific", "Miss"),
    "dr": pgettext_lazy("honorific", "Dr."),
    "prof": pgettext_lazy("honorific", "Prof."),
    "hrh": pgettext_lazy("honorific", "H.R.H."),
    "hm": pgettext_lazy("honorific", "H.M."),
    "hh": pgettext_lazy("honorific", "H.H."),
    "msgr": pgettext_lazy("honorific", "Msgr."),
    "archbishop": pgettext_lazy("honorific", "Archbishop"),
}
#: The French forms a delegation types on the French pages, by their letters, and the key of the
#: same honorific above: "S. E. M." is "H.E. Mr.".
TYPED_IN_FRENCH = {
    "sem": "hemr", "semme": "hems", "se": "he", "m": "mr", "mme": "ms", "mlle": "miss",
    "pr": "prof", "sar": "hrh", "sm": "hm", "sa": "hh", "mgr": "msgr",
}  # fmt: skip
_INITIALS = re.compile(r"\b([A-Za-z])\.\s+(?=[A-Za-z]\.)")


def _letters(text: str) -> str:
    return re.sub(r"[\s.]", "", text).casefold()


def _key(text: str) -> str:
    """The key of the honorific ``text`` above, typed in English or in French."""
    letters = _letters(text)
    return TYPED_IN_FRENCH.get(letters, letters)


def _words(typed: str) -> list[str]:
    """ "H. E. Dr." -> "H.E." "Dr.": the honorifics ``typed`` is made of."""
    return _INITIALS.sub(r"\1.", typed).split()


def honorific(typed: str, language: str | None = None) -> str:
    """Return the honorific ``typed`` in ``language`` (the active one by default):
    "H.E. Mr." -> "S. E. M." in French; "S. E. M." -> "H.E. Mr." in English, where a form
    typed in English prints as typed."""
    typed = typed.strip()
    language = language or page_language()
    if not typed or (language == "en" and not _typed_in_french(typed)):
        return typed
    return _honorific_in(typed, language)


@lru_cache(maxsize=1024)
def _typed_in_french(typed: str) -> bool:
    return any(_letters(part) in TYPED_IN_FRENCH for part in [typed, *_words(typed)])


@lru_cache(maxsize=1024)
def _honorific_in(typed: str, language: str) -> str:
    """``typed`` in ``language`` (kept: a programme prints the same few forms hundreds of
    times)."""
    known = HONORIFICS.get(_key(typed))
    if known is not None:
        return str(known)
    # Each word on its own, unknown words as typed.
    return " ".join(str(HONORIFICS.get(_key(word), word)) for word in _words(typed))


def with_honorific(typed_honorific: str, name: str, language: str | None = None) -> str:
    """ "S. E. M. Miroslav Lajčák" on a French page, "H.E. Mr. Miroslav Lajčák" on English ones."""
    return f"{honorific(typed_honorific, language)} {name}".strip()


def on_behalf_of(group) -> str:
    """Return "on behalf of the group" in the active language: "on behalf of the Group of 77
    and China", "au nom du Groupe des 77 et de la Chine".

    French needs the group's article ("du Groupe", "de l'Union", "des Pays nordiques"):
    the group's own phrase in that language is used where the reference data gives it.
    """
    phrase = getattr(group, f"on_behalf_phrase_{page_language()}", None)
    return phrase or gettext("on behalf of the %(group)s") % {"group": group.name}


def with_article(entity) -> str:
    """A delegation's or a group's name as it stands in a sentence of the active language:
    "le Bélarus", "la Belgique", "le Groupe des 77 et la Chine"; "Belgium", "the Group of 77
    and China" in English.

    A delegation's article is in the reference data (``Delegation.article``). A group's
    comes from its "on behalf of" phrase in the language ("au nom du Groupe …" is "le
    Groupe …", "au nom des pays nordiques" is "les pays nordiques"); in English a group
    takes "the".
    """
    if hasattr(entity, "on_behalf_phrase"):
        return _group_with_article(entity)
    article = entity.article
    if not article:
        return entity.name
    space = "" if article.endswith("'") else " "
    return f"{article}{space}{entity.name}"


#: How a French "au nom de" phrase joins "de" to the group's article: "du Groupe" is "le Groupe".
_FRENCH_ARTICLE_AFTER_DE = {"du ": "le ", "des ": "les ", "de la ": "la ", "de l'": "l'", "de ": ""}
_FRENCH_ON_BEHALF = re.compile(r"au nom (du |des |de la |de l'|de )(.+)", flags=re.S)
#: French repeats "de" before each of the names it joins ("du Groupe des 77 et de la Chine");
#: as a subject they are joined with their articles alone ("le Groupe des 77 et la Chine").
_JOINED = {
    " et de la ": " et la ",
    " et de l'": " et l'",
    " et du ": " et le ",
    " et des ": " et les ",
}


def _group_with_article(group) -> str:
    phrase = _french_on_behalf(group)
    if phrase:
        name = phrase[2]
        for joined_after_de, joined in _JOINED.items():
            name = name.replace(joined_after_de, joined)
        return _FRENCH_ARTICLE_AFTER_DE[phrase[1]] + name
    return pgettext("a group of States in a sentence", "the %(group)s") % {"group": group.name}


def _french_on_behalf(group) -> re.Match | None:
    """On a French page, the group's "au nom de" phrase of the reference data, read as its
    "de" with the article and the rest ("du ", "Groupe des 77 et de la Chine"); else None."""
    if page_language() != "fr":
        return None
    return _FRENCH_ON_BEHALF.fullmatch((getattr(group, "on_behalf_phrase_fr", None) or "").strip())


#: French contracts "de" and "à" with "le" and "les": "de le Bélarus" is "du Bélarus".
FRENCH_CONTRACTIONS = {"de le": "du", "de les": "des", "à le": "au", "à les": "aux"}
_CONTRACTIBLE = re.compile(r"\b([Dd]e|[Àà]) (les?) ")


def _contract(match: re.Match) -> str:
    preposition, article = match.groups()
    contraction = FRENCH_CONTRACTIONS[f"{preposition.lower()} {article}"]
    if preposition[0].isupper():
        contraction = contraction.capitalize()
    return f"{contraction} "


def contracted(text: str) -> str:
    """``text`` with the contractions of its language made ("Mission permanente du Bélarus").

    For sentences into which a name with its article was put: "de le" is never French.
    """
    if page_language() != "fr":
        return text
    return _CONTRACTIBLE.sub(_contract, text)


#: An article that opens a sentence: at the start of the text or of a line, or after ". ",
#: "! " or "? " (the apostrophe may be escaped for HTML).
_ARTICLE_OPENING = re.compile(
    r"(?:^|(?<=[.!?] ))(l(?:'|&#x27;|&#39;|’)|(?:les|le|la|the) )", flags=re.M
)


#: A sentence that ends on an abbreviation ("6 p.m.") takes no second full stop.
_ABBREVIATION_THEN_STOP = re.compile(r"(?<=[a-z]\.[a-z])\.\.(?!\.)")


def sentence(text: str) -> str:
    """``text``, a sentence into which names were put with their article, made right: the
    contractions of its language ("du Bélarus", "des Pays-Bas", "au Canada"), an article
    that opens a sentence capitalised ("La Belgique figure déjà …", "The Group of 77 …"), and
    one full stop after an abbreviation that ends a sentence ("until 6 p.m. Organized …")."""
    text = _ABBREVIATION_THEN_STOP.sub(".", contracted(text))
    return _ARTICLE_OPENING.sub(lambda match: match[1][0].upper() + match[1][1:], text)


def labelled(label, text) -> str:
    """ "label: text", the name of a record ("A/RES/72/1: Political declaration"), as the
    page's language sets the colon ("Belgique : S. E. Mme …")."""
    return gettext("%(label)s: %(text)s") % {"label": label, "text": text}


def fill(message: str, **values) -> str:
    """``message`` (translated) with ``values`` put in as a sentence: each delegation or group
    of States named with its article (``with_article``), then made right by ``sentence``.

    ``fill(_("%(delegation)s is already inscribed on this list."), delegation=belgium)`` is
    "La Belgique figure déjà sur cette liste." in French. Other values go in as they are.
    """
    named = {
        key: with_article(value) if _is_named(value) else value for key, value in values.items()
    }
    text = sentence(message % named)
    for value in values.values():  # "du Groupe des 77 et la Chine" is "… et de la Chine"
        phrase = _french_on_behalf(value) if hasattr(value, "on_behalf_phrase") else None
        if phrase:
            after_de = phrase[0].removeprefix("au nom ")
            text = text.replace(contracted(f"de {with_article(value)}"), after_de)
    return text


def _is_named(value) -> bool:
    """A delegation (it has an article) or a group of States (an "on behalf of" phrase)."""
    return hasattr(value, "article") or hasattr(value, "on_behalf_phrase")
