"""Models of the meetings app, one module per subject; import them from here.

- ``base``: the abstract time-stamped model and helpers shared by every app;
- ``delegations``: States, observers, groups of States and their chairs, and focal points;
- ``meetings``: rooms, meetings, segments, participants, concept notes, documents;
- ``resolutions``: resolutions, drafts, co-facilitators, paragraphs, input, silence, modalities;
- ``side_events``: side events, co-sponsors and registrations of attendance;
- ``mailings``, ``outbox``, ``programme``: letters, outgoing e-mail, programme versions;
- ``journal``: announcements sent to the editors of the Journal of the United Nations.
"""

from meetings.models.base import TimeStampedModel, collation_key, translation_columns
from meetings.models.delegations import Delegation, FocalPoint, GroupChair, GroupOfStates
from meetings.models.journal import JournalNotice
from meetings.models.mailings import LetterTemplate, Mailing
from meetings.models.meetings import (
    ConceptNote,
    Document,
    Meeting,
    Participant,
    Room,
    Segment,
    document_link,
)
from meetings.models.outbox import OutgoingMessage
from meetings.models.programme import ProgrammeRun, ProgrammeVersion
from meetings.models.resolutions import (
    CoFacilitator,
    Modalities,
    ModalitySegment,
    Paragraph,
    Proposal,
    Resolution,
    ResolutionDraft,
    SilenceBreak,
)
from meetings.models.side_events import CoSponsor, Registration, SideEvent

__all__ = [
    "CoFacilitator",
    "CoSponsor",
    "ConceptNote",
    "Delegation",
    "Document",
    "FocalPoint",
    "GroupChair",
    "GroupOfStates",
    "JournalNotice",
    "JournalNotice",
    "LetterTemplate",
    "Mailing",
    "Meeting",
    "Modalities",
    "ModalitySegment",
    "OutgoingMessage",
    "Paragraph",
    "Participant",
    "ProgrammeRun",
    "ProgrammeVersion",
    "Proposal",
    "Registration",
    "Resolution",
    "ResolutionDraft",
    "Room",
    "Segment",
    "SideEvent",
    "SilenceBreak",
    "TimeStampedModel",
    "collation_key",
    "translation_columns",
    "document_link",
]
