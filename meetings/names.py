"""How names print in the active language: honorifics ("S. E. M.") and "on behalf of" phrases.

Staff and delegations type honorifics in English ("H.E. Mr.", "Ms."); the French pages and
the French programme print the UN's French forms ("S. E. M.", "Mme"). A form this module does
not know prints as typed.
"""

import re
from functools import lru_cache

from django.utils.translation import get_language, gettext, pgettext_lazy

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
_INITIALS = re.compile(r"\b([A-Za-z])\.\s+(?=[A-Za-z]\.)")


def _key(text: str) -> str:
    return re.sub(r"[\s.]", "", text).casefold()


def honorific(typed: str) -> str:
    """Return the honorific ``typed`` in the active language ("H.E. Mr." -> "S. E. M.")."""
    typed = typed.strip()
    language = get_language() or "en"
    if not typed or language.startswith("en"):
        return typed
    return _honorific_in(typed, language)


@lru_cache(maxsize=1024)
def _honorific_in(typed: str, language: str) -> str:
    """``typed`` in ``language`` (kept: a programme prints the same few forms hundreds of
    times)."""
    known = HONORIFICS.get(_key(typed))
    if known is not None:
        return str(known)
    # "H. E. Dr." -> "H.E." "Dr.": each word on its own, unknown words as typed.
    words = _INITIALS.sub(r"\1.", typed).split()
    return " ".join(str(HONORIFICS.get(_key(word), word)) for word in words)


def with_honorific(typed_honorific: str, name: str) -> str:
    """ "S. E. M. Miroslav Lajčák" on a French page, "H.E. Mr. Miroslav Lajčák" on English ones."""
    return f"{honorific(typed_honorific)} {name}".strip()


def on_behalf_of(group) -> str:
    """Return "on behalf of the group" in the active language: "on behalf of the Group of 77
    and China", "au nom du Groupe des 77 et la Chine".

    French needs the group's article ("du Groupe", "de l'Union", "des Pays nordiques"):
    the group's own phrase in that language is used where the reference data gives it.
    """
    language = (get_language() or "en").split("-")[0]
    phrase = getattr(group, f"on_behalf_phrase_{language}", None)
    return phrase or gettext("on behalf of the %(group)s") % {"group": group.name}


def with_article(delegation) -> str:
    """The delegation's name with its article where the language needs one ("le Bélarus")."""
    article = delegation.article
    if not article:
        return delegation.name
    space = "" if article.endswith("'") else " "
    return f"{article}{space}{delegation.name}"


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
    if not (get_language() or "en").startswith("fr"):
        return text
    return _CONTRACTIBLE.sub(_contract, text)
