"""The long lists of a meeting's page (its programme, its documents) written in Python.

A meeting of 60 segments, 480 participants and 100 documents spent most of its render time
in the template engine's loops: a variable lookup, a filter, a translation tag per field of
every row. Here each row is one string of escaped values, and the labels are translated once
per page. The markup is the one the template had (``templates/meetings/meeting_detail.html``
includes these through the ``programme`` template tags).
"""

from html import escape  # Django's escape is this one, behind a wrapper for lazy strings

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings import formatting
from meetings.enums import DocumentKind, ParticipantRole, SegmentKind
from meetings.names import honorific
from meetings.selectors import ProgrammeDay, ProgrammeItem

_PK = 987654321  # a stand-in id: the URL of one segment, reversed once per page


def _segment_urls(slug: str):
    pattern = reverse("meetings:segment", kwargs={"slug": slug, "pk": _PK})
    return lambda pk: pattern.replace(str(_PK), str(pk))


def _role_labels() -> dict[str, str]:
    return {
        ParticipantRole.PANELLIST: _("Panellists:"),
        ParticipantRole.MODERATOR: _("Moderator:"),
        ParticipantRole.RAPPORTEUR: _("Rapporteur:"),
        ParticipantRole.PRESIDING_OFFICER: _("Presiding:"),
    }


def _people(item: ProgrammeItem, labels: dict[str, str], tbc: str, honorifics) -> list[str]:
    parts = []
    for role, people in item.roles:
        if role == ParticipantRole.CHAIR:
            label = ngettext("Chair:", "Chairs:", len(people))
        else:
            label = labels.get(role)
        parts.append('<div class="mt-2">')
        if label:
            parts.append(f'<span class="fw-semibold">{escape(label)}</span>')
        extra = " ms-3" if role == ParticipantRole.PANELLIST else ""
        parts.append(f'<ul class="list-unstyled mb-0{extra}">')
        for person in people:
            typed = person.honorific
            if typed not in honorifics:
                honorifics[typed] = honorific(typed)
            line = escape(f"{honorifics[typed]} {person.name}".strip())
            function = person.function
            if function:
                line += f", {escape(function)}"
            if person.organization and person.organization not in function:
                line += f", {escape(person.organization)}"
            if not person.confirmed:
                line += f' <span class="tbc">{tbc}</span>'
            parts.append(f"<li>{line}</li>")
        parts.append("</ul></div>")
    return parts


def programme_html(days: list[ProgrammeDay], slug: str) -> SafeString:
    """The days of the programme, each segment with its time, room, theme and people."""
    url_of = _segment_urls(slug)
    kinds = {value: str(label) for value, label in SegmentKind.choices}
    labels = _role_labels()
    tbc = escape(f"({_('TBC')})")
    exhausted = escape(_("Until the list of speakers is exhausted."))
    concept_note = escape(_("Concept note"))
    honorifics = {}  # typed -> in the page's language, looked up once each
    parts = []
    for day in days:
        parts.append(
            '<div class="programme-day pt-2 mt-3"><h3 class="h5">'
            f'<time datetime="{day.day:%Y-%m-%d}">{escape(date_format(day.day, "l j F Y"))}'
            "</time></h3>"
        )
        for item in day.items:
            segment = item.segment
            url = url_of(segment.pk)
            parts.append(
                f'<div class="row programme-row py-3" id="segment-{segment.pk}">'
                '<div class="col-md-3"><div class="programme-when">'
                f"{escape(formatting.time_range(segment.starts_at, segment.ends_at))}</div>"
            )
            if segment.room:
                parts.append(
                    f'<div class="text-body-secondary">{escape(str(segment.room.name))}</div>'
                )
            parts.append(
                '</div><div class="col-md-9"><h4 class="h6 mb-1">'
                f'<a href="{url}">{escape(str(segment.title))}</a> '
                '<span class="badge text-bg-light fw-normal">'
                f"{escape(kinds.get(segment.kind, segment.kind))}</span></h4>"
            )
            if segment.theme:
                parts.append(f'<p class="programme-theme mb-1">{escape(segment.theme)}</p>')
            if segment.description:
                parts.append(f'<p class="mb-1">{escape(segment.description)}</p>')
            if segment.until_list_exhausted:
                parts.append(f'<p class="mb-1 small">{exhausted}</p>')
            parts.extend(_people(item, labels, tbc, honorifics))
            if hasattr(segment, "concept_note"):
                parts.append(f'<p class="mt-2 mb-0 small"><a href="{url}">{concept_note}</a></p>')
            parts.append("</div></div>")
        parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)


def documents_html(documents) -> SafeString:
    """The public documents of a meeting, as a list group: title (linked), kind, date."""
    kinds = {value: str(label) for value, label in DocumentKind.choices}
    parts = []
    for document in documents:
        title = escape(document.title)
        href = document.get_absolute_url()
        if href:
            title = f'<a href="{escape(href)}">{title}</a>'
        parts.append(
            '<li class="list-group-item d-flex flex-wrap justify-content-between gap-2">'
            f'<span>{title} <span class="badge text-bg-light">'
            f"{escape(kinds.get(document.kind, document.kind))}</span></span>"
        )
        if document.published_on:
            parts.append(
                f'<time class="text-body-secondary" datetime="{document.published_on:%Y-%m-%d}">'
                f"{escape(date_format(document.published_on, 'j F Y'))}</time>"
            )
        parts.append("</li>")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)


def concept_notes_html(segments, slug: str) -> SafeString:
    """The items of the list of concept notes: each segment's title (linked) and theme."""
    url_of = _segment_urls(slug)
    parts = []
    for segment in segments:
        item = f'<li><a href="{url_of(segment.pk)}">{escape(str(segment.title))}</a>'
        if segment.theme:
            theme = Truncator(segment.theme).words(18)
            item += f': <span class="programme-theme">{escape(theme)}</span>'
        parts.append(item + "</li>")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)
