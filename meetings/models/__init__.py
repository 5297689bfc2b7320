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
from meetings.models.outbox import OutgoingMessage

__all__ = [
    "CoFacilitator",
    "ConceptNote",
    "Delegation",
    "Document",
    "GroupOfStates",
    "Meeting",
    "OutgoingMessage",
    "Participant",
    "Resolution",
    "ResolutionDraft",
    "Room",
    "Segment",
    "TimeStampedModel",
    "collation_key",
]
