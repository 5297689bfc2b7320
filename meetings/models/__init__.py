"""Models of the meetings app, split by subject; import them from here."""

from meetings.models.core import (
    CoFacilitator,
    ConceptNote,
    Delegation,
    Document,
    GroupOfStates,
    Meeting,
    Participant,
    Resolution,
    ResolutionDraft,
    Room,
    Segment,
    TimeStampedModel,
    collation_key,
)
from meetings.models.journal import JournalNotice
from meetings.models.mailings import LetterTemplate, Mailing
from meetings.models.negotiation import (
    Modalities,
    ModalitySegment,
    Paragraph,
    Proposal,
    SilenceBreak,
)
from meetings.models.outbox import OutgoingMessage
from meetings.models.programme import ProgrammeRun, ProgrammeVersion
from meetings.models.side_events import CoSponsor, SideEvent

__all__ = [
    "CoFacilitator",
    "CoSponsor",
    "ConceptNote",
    "Delegation",
    "Document",
    "GroupOfStates",
    "JournalNotice",
    "LetterTemplate",
    "Mailing",
    "Meeting",
    "Modalities",
    "ModalitySegment",
    "Paragraph",
    "Proposal",
    "SilenceBreak",
    "OutgoingMessage",
    "Participant",
    "ProgrammeRun",
    "ProgrammeVersion",
    "Resolution",
    "ResolutionDraft",
    "Room",
    "Segment",
    "SideEvent",
    "TimeStampedModel",
    "collation_key",
]
