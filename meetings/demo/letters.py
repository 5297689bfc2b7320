"""The demo's letter templates: the PGA's invitation to panellists."""

from meetings.demo.texts_2017 import (
    LETTER_13_SEPTEMBER,
)
from meetings.enums import (
    LetterKind,
)
from meetings.models import (
    Delegation,
    LetterTemplate,
    Meeting,
)
from meetings.sync import sync_object

PANELLIST_INVITATION = (
    "I have the honour to invite you to take part, as {{ recipient.role|lower }}, in the "
    "{{ recipient.segment }} of the {{ meeting.title }}, on the theme "
    "“{{ recipient.theme }}”.\n\n"
    "{% for segment in segments %}{% if segment.title == recipient.segment %}The panel will be "
    "held on {{ segment.when }}, in the {{ segment.room }}.{% endif %}{% endfor %}\n\n"
    "I should be grateful if you would confirm your participation{% if deadline %} by "
    "{{ deadline }}{% endif %} through this personal link: {{ response_url }}"
)


def _load_letters(meeting_2017: Meeting) -> None:
    """The two letters of 2017 (seed 004's wording), written for the 2017 meeting."""
    sync_object(
        LetterTemplate,
        {"name": "Draft programme and concept notes (13 September 2017)"},
        kind=LetterKind.LETTER,
        subject="{{ meeting.short_title }}: draft programme and concept notes",
        body=LETTER_13_SEPTEMBER,
        signatory_name="Miroslav Lajčák",
        meeting=meeting_2017,
    )
    sync_object(
        LetterTemplate,
        {"name": "Personal invitation to a panellist"},
        kind=LetterKind.PERSONAL_INVITATION,
        subject="Invitation: {{ recipient.segment }}, {{ meeting.short_title }}",
        body=PANELLIST_INVITATION,
        signatory_name="Miroslav Lajčák",
        meeting=meeting_2017,
    )
    # Demo addresses only (example.org): real ones are entered by staff.
    for delegation in Delegation.objects.filter(mission_email=""):
        delegation.mission_email = f"mission.{delegation.code.lower()}@missions.example.org"
        delegation.save(update_fields=["mission_email"])
