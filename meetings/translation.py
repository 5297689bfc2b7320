"""Content staff may give in French beside English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from meetings.models import ConceptNote, Meeting, Participant, Segment


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "short_title", "summary")


@register(Segment)
class SegmentTranslation(TranslationOptions):
    fields = ("title", "theme", "description")


@register(ConceptNote)
class ConceptNoteTranslation(TranslationOptions):
    fields = ("background", "objective", "questions", "format", "outcome")


@register(Participant)
class ParticipantTranslation(TranslationOptions):
    fields = ("function",)
