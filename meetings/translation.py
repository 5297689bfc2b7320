"""Content staff may give in French beside English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from meetings.models import (
    ConceptNote,
    Delegation,
    GroupOfStates,
    Meeting,
    Participant,
    Room,
    Segment,
)


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
