"""Letters and mailings: who receives a letter, how it reads for each, and its outbox messages.

A mailing is generated into draft messages (one per recipient, never twice for the same
address), which staff review and send; sending queues each message for a worker.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.enums import (
    Audience,
    DelegationKind,
    LetterForm,
    LetterKind,
    ParticipantRole,
)
from meetings.formatting import date_range
from meetings.inputs import typed_recipients
from meetings.models import (
    Delegation,
    LetterTemplate,
    Mailing,
    Meeting,
    Participant,
)
from meetings.when import when_text

INVITATION_SALT = "meetings.invitation"

#: Functions ``(mailing) -> list[Recipient]`` for audiences other apps know (civil society).
AUDIENCE_PROVIDERS: dict[str, Callable[[Mailing], list["Recipient"]]] = {}


@dataclass
class Recipient:
    email: str
    name: str = ""
    title: str = ""
    delegation: str = ""
    participant: Participant | None = None
    extra: dict = field(default_factory=dict)


def response_token(participant: Participant) -> str:
    return signing.dumps({"participant": participant.pk}, salt=INVITATION_SALT)


def participant_from_token(token: str) -> Participant:
    """Return the participant an invitation link is for; raise ``BadSignature`` if forged."""
    data = signing.loads(token, salt=INVITATION_SALT, max_age=60 * 60 * 24 * 120)
    return Participant.objects.select_related("segment__meeting").get(pk=data["participant"])


def recipients_for(mailing: Mailing) -> list[Recipient]:
    """Return the recipients of ``mailing``, one per e-mail address, in a stable order."""
    audience = mailing.audience
    if audience in (Audience.ALL_MISSIONS, Audience.REGIONAL_GROUP):
        delegations = Delegation.objects.exclude(mission_email="").filter(
            kind__in=[
                DelegationKind.MEMBER_STATE,
                DelegationKind.OBSERVER_STATE,
                DelegationKind.EUROPEAN_UNION,
                DelegationKind.OBSERVER_ORGANIZATION,
                DelegationKind.OTHER,
            ]
        )
        if audience == Audience.REGIONAL_GROUP:
            delegations = delegations.filter(regional_group=mailing.regional_group)
        found = [
            Recipient(
                email=d.mission_email,
                name=d.representative,
                title=d.representative_title or _("Permanent Representative"),
                delegation=d.name,
            )
            for d in delegations
        ]
    elif audience == Audience.SEGMENT_PARTICIPANTS:
        participants = Participant.objects.filter(
            segment=mailing.segment,
            role__in=[ParticipantRole.CHAIR, ParticipantRole.PANELLIST, ParticipantRole.MODERATOR],
        ).exclude(email="")
        found = [
            Recipient(
                email=p.email,
                name=p.display_name,
                title=p.function,
                delegation=p.delegation.name if p.delegation_id else p.organization,
                participant=p,
            )
            for p in participants.select_related("delegation")
        ]
    elif audience == Audience.MANUAL:
        found = [
            Recipient(email=address, name=name)
            for name, address in typed_recipients(mailing.manual_recipients)
        ]
    elif audience in AUDIENCE_PROVIDERS:
        found = AUDIENCE_PROVIDERS[audience](mailing)
    else:
        found = []
    unique: dict[str, Recipient] = {}
    for recipient in found:
        unique.setdefault(recipient.email.strip().lower(), recipient)
    return list(unique.values())


def segment_summaries(meeting) -> list[dict]:
    return [
        {
            "title": s.title,
            "when": when_text(s),  # what is not fixed yet is not printed
            "room": s.room.name if s.room else "",
            "theme": s.theme,
        }
        for s in meeting.segments.select_related("room").order_by("starts_at", "position")
    ]


def enclosures(mailing: Mailing) -> list[str]:
    """The titles of what travels with the letter, as its foot announces them."""
    if not mailing.pk:
        return []
    titles = list(mailing.documents.order_by("title").values_list("title", flat=True))
    if mailing.side_event_id:
        titles.append(_("Notice of “%(title)s”") % {"title": mailing.side_event.title})
    return titles


def letter_context(mailing: Mailing, recipient: Recipient, segments: list | None = None) -> dict:
    """The placeholders of a letter, as plain values (templates see nothing else)."""
    meeting = mailing.meeting
    if segments is None:
        segments = segment_summaries(meeting)
    participant = recipient.participant
    return {
        "meeting": {
            "title": meeting.title,
            "short_title": meeting.short_title,
            "dates": date_range(meeting.starts_on, meeting.ends_on),
            "url": settings.SITE_URL + meeting.get_absolute_url(),
        },
        "recipient": {
            "name": recipient.name,
            "title": recipient.title,
            "delegation": recipient.delegation,
            "role": participant.get_role_display() if participant else "",
            "segment": participant.segment.title if participant else "",
            "theme": participant.segment.theme if participant else "",
        },
        "segments": segments,
        "deadline": date_format(mailing.deadline, "j F Y") if mailing.deadline else "",
        "letter": {"reference": mailing.reference, "enclosures": enclosures(mailing)},
        "response_url": settings.SITE_URL
        + reverse("meetings:invitation", kwargs={"token": response_token(participant)})
        if participant
        else "",
    }


#: The engine that fills in the letters staff type: Django's language, without the site's
#: templates (an ``{% include %}`` finds none of them).
LETTER_ENGINE = Engine()

#: What a letter is filled in with, in the shape ``letter_context`` gives: to try a template.
SAMPLE_CONTEXT = {
    "meeting": {"title": "", "short_title": "", "dates": "", "url": ""},
    "recipient": {
        "name": "",
        "title": "",
        "delegation": "",
        "role": "",
        "segment": "",
        "theme": "",
    },
    "segments": [{"title": "", "when": "", "room": "", "theme": ""}],
    "deadline": "",
    "letter": {"reference": "", "enclosures": []},
    "response_url": "",
}


def fill_in(text: str, context: dict) -> str:
    """``text``, a template staff typed, filled with ``context``; a ``ValidationError`` that
    says why when it cannot be (its syntax, or a tag that fails when it runs)."""
    try:
        return LETTER_ENGINE.from_string(text).render(Context(context, autoescape=False))
    except Exception as error:  # whatever the typed template does wrong is the template's
        raise ValidationError(
            _("The letter template has an error: %(error)s") % {"error": error}
        ) from error


def checked_template_text(text: str) -> str:
    """``text`` (a subject or body staff typed) if it can be filled in, else a
    ``ValidationError`` that says why (``fill_in``)."""
    fill_in(text, SAMPLE_CONTEXT)
    return text


def render_letter(template: LetterTemplate, context: dict, *, letter_date) -> tuple[str, str, str]:
    """Return (subject, text, letter HTML) of ``template`` filled with ``context``."""
    subject = fill_in(template.subject, context)
    body = fill_in(template.body, context)
    personal = template.kind == LetterKind.PERSONAL_INVITATION
    letter = context.get("letter", {})
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    note = template.form == LetterForm.NOTE_VERBALE
    if note:
        # The Office writes in the third person, to whom the note is addressed.
        addressee = (
            context["recipient"]["name"]
            if personal and context["recipient"]["name"]
            else _("the Permanent Representatives and Permanent Observers to the United Nations")
        )
        opening = _(
            "The Office of the President of the General Assembly presents its compliments to "
            "%(addressee)s and has the honour to"
        ) % {"addressee": addressee}
        paragraphs[:1] = [" ".join([opening, *paragraphs[:1]])]
        salutation = ""
        closing = _(
            "The Office of the President of the General Assembly avails itself of this "
            "opportunity to renew to %(addressee)s the assurances of its highest consideration."
        ) % {"addressee": addressee}
        signature = (
            [template.signatory_name, template.signatory_title]
            if template.signatory_name
            else [_("Office of the President of the General Assembly")]
        )
    else:
        salutation = _("Excellency,")
        closing = _("Please accept, Excellency, the assurances of my highest consideration.")
        signature = [template.signatory_name, template.signatory_title]
    parts = {
        "template": template,
        "note": note,
        "date": letter_date,
        "reference": letter.get("reference", ""),
        "enclosures": letter.get("enclosures", []),
        "salutation": salutation,
        "paragraphs": paragraphs,
        "closing": closing,
        "signature": [line for line in signature if line],
        "recipient": context["recipient"],
        "personal": personal,
    }
    text = render_to_string("meetings/letter.txt", parts).strip() + "\n"
    letter_html = render_to_string("meetings/letter.html", parts)
    return " ".join(subject.split()), text, letter_html


def preview_mailing(mailing: Mailing) -> tuple[str, str, str] | None:
    """Render the letter for the first recipient, for staff to check before generating."""
    recipients = recipients_for(mailing)
    recipient = recipients[0] if recipients else Recipient(email="", name="H.E. Mr. Example")
    with translation.override("en"):
        return render_letter(
            mailing.template, letter_context(mailing, recipient), letter_date=mailing.letter_date
        )


def preview_template(template: LetterTemplate) -> tuple[str, str, str]:
    """Render a letter template for a sample recipient of the meeting it is written for, or
    else of the most recent meeting."""
    meeting = template.meeting or Meeting.objects.order_by("-starts_on").first()
    if meeting is None:
        raise ValidationError(_("Create a meeting to preview letters."))
    sample = Mailing(meeting=meeting, template=template, letter_date=timezone.localdate())
    participant = Participant.objects.filter(segment__meeting=meeting).first()
    recipient = Recipient(
        email="",
        name=participant.display_name if participant else "H.E. Mr. Example",
        title=_("Permanent Representative"),
        delegation="Belgium",
        participant=participant if template.kind == LetterKind.PERSONAL_INVITATION else None,
    )
    with translation.override("en"):
        return render_letter(
            template, letter_context(sample, recipient), letter_date=sample.letter_date
        )
