"""Content staff may give in French beside English (django-modeltranslation), and how a page
reads it in its language."""

from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString

from modeltranslation.translator import TranslationOptions, register

from meetings.formatting import page_language
from meetings.models import (
    ConceptNote,
    Delegation,
    Document,
    GroupOfStates,
    Meeting,
    ModalitySegment,
    Participant,
    Resolution,
    Room,
    Segment,
)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "short_title", "summary", "arrangements")


@register(Segment)
class SegmentTranslation(TranslationOptions):
    fields = ("title", "theme", "description", "when_note")


@register(ModalitySegment)
class ModalitySegmentTranslation(TranslationOptions):
    fields = ("when_note",)  # copied to the segment, both languages, by the modalities service


@register(Resolution)
class ResolutionTranslation(TranslationOptions):
    fields = ("title",)  # the UN gives each title in its official languages


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)  # the record's titles are English; those the office words, both


@register(ConceptNote)
class ConceptNoteTranslation(TranslationOptions):
    fields = ("background", "objective", "questions", "format", "outcome")


@register(Participant)
class ParticipantTranslation(TranslationOptions):
    fields = ("function",)


# Reference data: the UN French names shipped in meetings/data/ (scripts/french_names.py).
@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("name", "sort_key", "article")


@register(GroupOfStates)
class GroupOfStatesTranslation(TranslationOptions):
    fields = ("name", "on_behalf_phrase")


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name",)


# --- Reading content in the page's language -----------------------------------------------------
# Staff give French beside English where they can; the record (the seeds' document titles, the
# texts negotiated, texts typed once) is English. A page says which language each piece of
# text is in, so a screen reader reads English text as English on a French page (WCAG 2.2,
# 3.1.2).

RECORD_LANGUAGE = "en"


def text_in(obj, field: str, language: str | None = None) -> tuple[str, str]:
    """Return the text of ``field`` of ``obj`` (a model instance, or a row of ``values()``) for
    a page in ``language``, and the language it is in: the page's where staff gave it, else
    the record's (English). A field that is not translated is in the record's language."""
    language = language or page_language()
    values = obj if isinstance(obj, dict) else vars(obj)
    record = f"{field}_{RECORD_LANGUAGE}"
    if record not in values:
        return values.get(field) or "", RECORD_LANGUAGE
    if language != RECORD_LANGUAGE and values.get(f"{field}_{language}"):
        return values[f"{field}_{language}"], language
    return values[record] or "", RECORD_LANGUAGE


def in_its_language(text: str, language: str, page: str | None = None) -> SafeString:
    """``text`` escaped for HTML, in a ``<span lang>`` when it is not in the page's language."""
    # Django's conditional_escape, without its check for lazy strings (a page escapes
    # thousands of these).
    escaped = text.__html__() if hasattr(text, "__html__") else escape(text or "")
    if not text or language == (page or page_language()):
        return SafeString(escaped)
    return SafeString(f'<span lang="{language}">{escaped}</span>')


def marked(obj, field: str, language: str | None = None) -> SafeString:
    """The text of ``obj.<field>`` for the page, marked with its language where it differs."""
    language = language or page_language()
    return in_its_language(*text_in(obj, field, language), page=language)


def lang_attribute(obj, field: str, language: str | None = None) -> SafeString:
    """` lang="en"` for an element holding ``obj.<field>`` when its text is not in the page's
    language (for blocks: a concept note's paragraphs), else nothing."""
    language = language or page_language()
    text, its_language = text_in(obj, field, language)
    return lang_unless(language, its_language) if text else SafeString("")


def lang_unless(page: str, language: str) -> SafeString:
    """` lang="fr"` for an element holding text in ``language`` on a page in ``page``, nothing
    when they are the same."""
    return SafeString("") if language == page else format_html(' lang="{}"', language)
