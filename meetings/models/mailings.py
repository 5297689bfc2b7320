"""Letters the office sends, and mailings that address them to many recipients."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from meetings.enums import Audience, LetterForm, LetterKind, MailingStatus, RegionalGroup
from meetings.inputs import validate_typed_recipients
from meetings.models.base import TimeStampedModel
from meetings.models.meetings import Document, Meeting, Segment

PLACEHOLDER_HELP = _(
    "Django template syntax. Placeholders: {{ meeting.title }}, {{ meeting.dates }}, "
    "{{ meeting.url }}, {{ recipient.name }}, {{ recipient.title }}, {{ recipient.delegation }}, "
    "{{ recipient.role }}, {{ recipient.segment }}, {{ segments }} (a list with .title, .when, "
    ".room, .theme), {{ deadline }}, {{ response_url }} (personal invitations)."
)


class LetterTemplate(TimeStampedModel):
    """A letter in the PGA's fixed form; its body has placeholders filled per recipient."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=LetterKind.choices, default=LetterKind.LETTER
    )
    subject = models.CharField(_("e-mail subject"), max_length=300, help_text=PLACEHOLDER_HELP)
    body = models.TextField(
        _("body"),
        help_text=format_lazy(  # joined when shown, each part in the page's language
            "{} {}",
            _("The paragraphs between “Excellency,” and the closing formula."),
            PLACEHOLDER_HELP,
        ),
    )
    form = models.CharField(
        _("form"),
        max_length=6,
        choices=LetterForm.choices,
        default=LetterForm.PGA_LETTER,
        help_text=_(
            "A letter of the President: “Excellency, I have the honour …”. A note verbale of the "
            "Office: the body continues “… presents its compliments to … and has the honour to”, "
            "so it starts with a verb (“transmit herewith …”)."
        ),
    )
    signatory_name = models.CharField(
        _("signatory"), max_length=150, blank=True, help_text=_("Required for a letter.")
    )
    signatory_title = models.CharField(
        _("signatory's title"),
        max_length=200,
        blank=True,
        default="President of the General Assembly",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("written for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The meeting whose letters its text words (its resolution, its President): the "
            "preview fills it in with that meeting. Empty: with the latest meeting."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.form == LetterForm.PGA_LETTER and not self.signatory_name.strip():
            raise ValidationError(
                {"signatory_name": _("A letter of the President is signed: name the signatory.")}
            )


class Mailing(TimeStampedModel):
    """A letter sent to a set of recipients, one outbox message each."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="mailings"
    )
    template = models.ForeignKey(
        LetterTemplate, verbose_name=_("letter"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    letter_date = models.DateField(_("date of the letter"))
    reference = models.CharField(
        _("reference"), max_length=60, blank=True, help_text=_("For example PGA/80/2026/118.")
    )
    deadline = models.DateField(_("deadline mentioned"), null=True, blank=True)
    audience = models.CharField(_("recipients"), max_length=20, choices=Audience.choices)
    regional_group = models.CharField(
        _("regional group"), max_length=6, choices=RegionalGroup.choices, blank=True
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    applicant_status = models.CharField(_("applicants with status"), max_length=20, blank=True)
    manual_recipients = models.TextField(
        _("recipients typed by hand"),
        blank=True,
        help_text=_("One per line: “Name &lt;e-mail&gt;” or just the e-mail."),  # HTML
        validators=[validate_typed_recipients],
    )
    attach_letter = models.BooleanField(_("attach the letter as PDF"), default=True)
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents attached"), blank=True, related_name="+"
    )
    side_event = models.ForeignKey(
        "meetings.SideEvent",
        verbose_name=_("attach the notice of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For invitations to a side event: its notice as a one-page PDF."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MailingStatus.choices, default=MailingStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")

    def __str__(self):
        return self.title
