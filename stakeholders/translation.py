"""The texts of the civil-society calls that staff give in English and in French
(``modeltranslation``; see ``meetings.translation`` for how pages read them)."""

from modeltranslation.translator import TranslationOptions, register

from stakeholders.models import CivilSocietyProcess


@register(CivilSocietyProcess)
class CivilSocietyProcessTranslation(TranslationOptions):
    fields = ("introduction",)
