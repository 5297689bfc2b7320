"""Abstract bases and helpers shared by the models of every app."""

import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def language_of_emails(help_text) -> models.CharField:
    """The language the portal writes to a correspondent in, whoever acts (``queue_mail``)."""
    return models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=help_text,
    )


def translation_columns(*fields: str) -> list[str]:
    """The per-language columns django-modeltranslation adds to ``fields``.

    The change history records the field in the active language, not each column.
    """
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]


def collation_key(name: str) -> str:
    """Return the key that sorts names as the UN lists them ("Côte d'Ivoire" after "Costa Rica")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
