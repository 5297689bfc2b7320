"""Content in the page's language, marked with its own where it is still English:
``{{ segment|content:"theme" }}``, ``<div{% lang_of note "background" %}>``."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from meetings import translation

register = template.Library()


@register.filter(is_safe=True)
def content(obj, field: str) -> str:
    """The text of ``obj.<field>`` for the page, in a ``<span lang="en">`` where staff gave no
    French yet (see ``meetings.translation.marked``)."""
    return translation.marked(obj, field) if obj else ""


@register.simple_tag
def lang_of(obj, field: str) -> str:
    """` lang="en"` for an element that holds ``obj.<field>`` when that text is still English on
    a French page (a block of paragraphs: ``<div{% lang_of note "background" %}>``)."""
    return translation.lang_attribute(obj, field) if obj else ""


@register.simple_tag
def typed_in(language: str) -> str:
    """` lang="fr"` for an element holding text typed in ``language`` when the page is in
    another (a side event's texts: ``<h1{% typed_in side_event.language %}>``)."""
    return translation.lang_unless(translation.page_language(), language)


@register.filter(is_safe=True)
def in_language(text: str, language: str) -> str:
    """``text`` typed in ``language`` (a function a delegation typed), in a ``<span lang>`` when
    that is not the page's language: ``{{ function|in_language:function_language }}``."""
    return translation.in_its_language(text, language or translation.RECORD_LANGUAGE)


@register.filter(is_safe=True)
def quoted(text) -> str:
    """``text`` between the quotation marks of the page's language: “…” in English, « … » in
    French (a theme, whatever language it is still in)."""
    marks = pgettext("quotation marks around a text", "“%(text)s”")
    return mark_safe(marks % {"text": conditional_escape(text)})  # noqa: S308 (escaped above)
