"""How the programme prints times: "10 am – 11 am" in English, "10 h – 11 h" in French."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def clock_time(moment: datetime) -> str:
    """Return the local time of ``moment`` as UN programmes print it."""
    local = timezone.localtime(moment)
    if (get_language() or "en").startswith("fr"):
        return f"{local.hour} h" + (f" {local.minute:02d}" if local.minute else "")
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}.{local.minute:02d} {suffix}" if local.minute else f"{hour} {suffix}"


def time_range(starts_at: datetime, ends_at: datetime | None) -> str:
    """Return "3 pm – 4.30 pm", or "from 6 pm" for an open-ended segment."""
    if ends_at is None:
        return _("from %(start)s") % {"start": clock_time(starts_at)}
    return f"{clock_time(starts_at)} – {clock_time(ends_at)}"
