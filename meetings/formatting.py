"""How the portal prints dates and times: in the UN's editorial style in English
("27–28 September 2017", "3 p.m.", "4.30 p.m."), and as French texts print them in French
("27–28 septembre 2017", "15 h", "16 h 30"). Pages, the programme, letters and notices all
print through these functions."""

from datetime import date, datetime

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def page_language() -> str:
    """The language of the page or text being made ("en", "fr"): the active one."""
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _french() -> bool:
    return page_language() == "fr"


#: Between the parts of a time: a time is never split across two lines ("11 h" / "05").
NBSP = "\u00a0"


def clock_time(moment: datetime, *, seconds: bool = False) -> str:
    """Return the New York time of ``moment``: "3 p.m.", "10.30 a.m.", "12 noon"; "15 h 30",
    its parts held together by non-breaking spaces. With ``seconds`` (the time an inscription
    arrived: first come, first served): "7.58.09 a.m."; "7 h 58 min 09 s"."""
    local = timezone.localtime(moment)
    if seconds:
        if _french():
            return NBSP.join(
                [f"{local.hour}", "h", f"{local.minute:02d}", "min", f"{local.second:02d}", "s"]
            )
        hour, suffix = local.hour % 12 or 12, "a.m." if local.hour < 12 else "p.m."
        return f"{hour}.{local.minute:02d}.{local.second:02d}{NBSP}{suffix}"
    if _french():
        return f"{local.hour}{NBSP}h" + (f"{NBSP}{local.minute:02d}" if local.minute else "")
    if (local.hour, local.minute) == (12, 0):
        return _("12 noon").replace(" ", NBSP)
    hour = local.hour % 12 or 12
    suffix = "a.m." if local.hour < 12 else "p.m."
    return f"{hour}.{local.minute:02d}{NBSP}{suffix}" if local.minute else f"{hour}{NBSP}{suffix}"


def time_range(starts_at: datetime, ends_at: datetime | None) -> str:
    """Return "3 p.m. – 4.30 p.m.", or "from 6 p.m." for an open-ended segment."""
    if ends_at is None:
        return _("from %(start)s") % {"start": clock_time(starts_at)}
    return f"{clock_time(starts_at)} – {clock_time(ends_at)}"


def date_range(first: date, last: date) -> str:
    """Return "27–28 September 2017", "30 September–1 October 2017", or one day."""
    if first == last:
        return date_format(first, "j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{date_format(first, 'j')}–{date_format(last, 'j F Y')}"
    if first.year == last.year:
        return f"{date_format(first, 'j F')}–{date_format(last, 'j F Y')}"
    return f"{date_format(first, 'j F Y')}–{date_format(last, 'j F Y')}"


#: The months as French abbreviates them (Django's French gives "jan.", "fév.", "Déc").
FRENCH_MONTHS_ABBREVIATED = dict(
    enumerate("janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split(), 1)
)


def moment(value: datetime, style: str = "date", *, seconds: bool = False) -> str:
    """A date and time: "27 September 2017, 3 p.m."; ``long`` adds the weekday
    ("Wednesday, 27 September 2017, 3 p.m."); ``brief`` is for tables ("Wed 27 Sep, 3.20 p.m.";
    "mer. 27 sept., 15 h 20": French abbreviates with a full stop, and not "mai" or "juin").
    ``seconds``: to the second (``clock_time``)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    time = clock_time(local, seconds=seconds)
    if style == "brief" and _french():
        day = f"{date_format(local, 'D')}. {local.day} {FRENCH_MONTHS_ABBREVIATED[local.month]}"
        return f"{day}, {time}"
    day = {
        "long": "l j F Y" if _french() else "l, j F Y",
        "brief": "D j M",
    }.get(style, "j F Y")
    return f"{date_format(local, day)}, {time}"


def session_number(number: int) -> str:
    """The ordinal of a session of the Assembly in figures: “72nd” in English, “72e” in French
    (“1re”: a session is feminine; Django's ordinals print “81er”)."""
    if _french():
        return "1re" if number == 1 else f"{number}e"
    return ordinal(number)
