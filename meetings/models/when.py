"""What of a segment's date and time is decided, shared by the segments of a meeting and
the segments its modalities decide (``meetings.when`` prints it)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.enums import WhenFixed


class WhenDecided(models.Model):
    """A day and time not fixed yet: what is fixed, and the words the record uses for the
    rest ("In the afternoon"; "No later than August 2021 (date to be set)"). The start then
    only orders the segments and is never printed as a time (nor as a day, unless fixed)."""

    when_fixed = models.CharField(
        _("fixed so far"),
        max_length=4,
        choices=WhenFixed.choices,
        default=WhenFixed.TIME,
        help_text=_(
            "When the time, or the day, is not fixed yet, the start only orders the segments: "
            "the portal prints the note below instead."
        ),
    )
    when_note = models.CharField(
        _("when, in words"),
        max_length=200,
        blank=True,
        help_text=_(
            "Printed instead of what is not fixed yet, as the record says it, e.g. “In the "
            "afternoon”, “No later than August 2021 (date to be set)”."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.when_fixed != WhenFixed.TIME:
            return
        given = [  # the columns a form shows (when_note_en, when_note_fr)
            f"when_note_{code}"
            for code, _name in settings.LANGUAGES
            if getattr(self, f"when_note_{code}", "")
        ]
        if given:
            message = _(
                "The day and time are fixed: clear this note, or say what is not fixed yet."
            )
            raise ValidationError(dict.fromkeys(given, message))
