"""Choices of the meetings domain and the allowed status transitions (no model imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Programme published")
    CONCLUDED = "concluded", _("Concluded")
    CANCELLED = "cancelled", _("Cancelled")


MEETING_TRANSITIONS = {
    MeetingStatus.DRAFT: {MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED},
    MeetingStatus.SCHEDULED: {
        MeetingStatus.DRAFT,
        MeetingStatus.PUBLISHED,
        MeetingStatus.CANCELLED,
    },
    MeetingStatus.PUBLISHED: {
        MeetingStatus.SCHEDULED,
        MeetingStatus.CONCLUDED,
        MeetingStatus.CANCELLED,
    },
    MeetingStatus.CANCELLED: {MeetingStatus.DRAFT},
}

#: Statuses shown on the public pages; drafts stay with staff.
PUBLIC_MEETING_STATUSES = (
    MeetingStatus.SCHEDULED,
    MeetingStatus.PUBLISHED,
    MeetingStatus.CONCLUDED,
    MeetingStatus.CANCELLED,
)


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")
    TO_BE_DECIDED = "tbd", _("To be decided")


class SegmentKind(models.TextChoices):
    OPENING_PLENARY = "opening", _("Opening plenary")
    PLENARY = "plenary", _("Plenary meeting")
    PANEL = "panel", _("Interactive panel discussion")
    CLOSING_PLENARY = "closing", _("Closing plenary")
    HEARING = "hearing", _("Multi-stakeholder hearing")
    INFORMAL_CONSULTATION = "consultation", _("Informal consultation")
    OTHER = "other", _("Other")


class WhenFixed(models.TextChoices):
    """How much of a segment's date and time is decided: a resolution may fix the day and
    say only "in the afternoon", or set a limit ("no later than August 2021")."""

    TIME = "time", _("Day and time")
    DAY = "day", _("The day only")
    NONE = "none", _("Neither (date to be set)")


#: Segments of the preparatory process: shown apart from the meeting's own programme.
PREPARATORY_KINDS = (SegmentKind.INFORMAL_CONSULTATION, SegmentKind.HEARING)


class ParticipantRole(models.TextChoices):
    PRESIDING_OFFICER = "presiding", _("Presiding officer")
    OPENING_SPEAKER = "speaker", _("Speaker")
    CHAIR = "chair", _("Chair")
    MODERATOR = "moderator", _("Moderator")
    PANELLIST = "panellist", _("Panellist")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class DelegationKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    OBSERVER_STATE = "observer_state", _("Non-member observer State")
    EUROPEAN_UNION = "eu", _("European Union")
    OBSERVER_ORGANIZATION = "observer_org", _("Intergovernmental organization (observer)")
    UN_ENTITY = "un_entity", _("United Nations system entity")
    OTHER = "other", _("Other entity")


class RegionalGroup(models.TextChoices):
    AFRICAN = "AFR", _("African States")
    ASIA_PACIFIC = "APG", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "EEG", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = "GRULAC", _("Latin American and Caribbean States")
    WESTERN_EUROPEAN_OTHER = "WEOG", _("Western European and other States")


class ResolutionKind(models.TextChoices):
    MANDATE = "mandate", _("Mandate")
    MODALITIES = "modalities", _("Modalities")
    DECLARATION = "declaration", _("Political declaration")
    OTHER = "other", _("Other")


class DraftStage(models.TextChoices):
    ZERO = "zero", _("Zero draft")
    REVISED = "revised", _("Revised draft")
    FINAL = "final", _("Final draft")
    SILENCE = "silence", _("Under silence procedure")
    ADOPTED = "adopted", _("Adopted")


class DocumentKind(models.TextChoices):
    LETTER = "letter", _("Letter")
    ANNOUNCEMENT = "announcement", _("Announcement")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    PROGRAMME = "programme", _("Programme")
    DRAFT = "draft", _("Draft")
    RESOLUTION = "resolution", _("Resolution")
    SUMMARY = "summary", _("Summary")
    LIST = "list", _("List")
    OTHER = "other", _("Other")


class MessageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class InvitationResponse(models.TextChoices):
    NOT_INVITED = "", _("Not invited")
    PENDING = "pending", _("Invited, no answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class LetterKind(models.TextChoices):
    LETTER = "letter", _("Letter to all Permanent Representatives and Observers")
    PERSONAL_INVITATION = "invitation", _("Personal invitation")
    NOTICE = "notice", _("Notice")


class LetterForm(models.TextChoices):
    """The two forms the Office writes in."""

    PGA_LETTER = "letter", _("Letter of the President (first person, signed)")
    NOTE_VERBALE = "note", _("Note verbale of the Office (third person)")


class Audience(models.TextChoices):
    ALL_MISSIONS = "all_missions", _("All Permanent Representatives and Permanent Observers")
    REGIONAL_GROUP = "regional_group", _("The delegations of a regional group")
    SEGMENT_PARTICIPANTS = "segment", _("The chairs and panellists of a segment")
    APPLICANTS = "applicants", _("Civil-society applicants by status")
    MANUAL = "manual", _("A list typed by hand")


class MailingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    GENERATED = "generated", _("Messages generated")
    SENDING = "sending", _("Sending")


class ProgrammeKind(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ParagraphKind(models.TextChoices):
    PREAMBULAR = "preambular", _("Preambular paragraph")
    OPERATIVE = "operative", _("Operative paragraph")
    SUBPARAGRAPH = "sub", _("Sub-paragraph")
    FOOTNOTE = "footnote", _("Footnote")


class ProposalKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    NEW_WORDING = "wording", _("New wording")
    DELETION = "delete", _("Delete the paragraph")
    NEW_PARAGRAPH = "new", _("New paragraph after this one")
    GENERAL = "general", _("General comment")


class SilenceOutcome(models.TextChoices):
    UNDER_SILENCE = "pending", _("Under silence")
    BROKEN = "broken", _("Silence broken")
    PASSED = "passed", _("Silence passed")


class RegistrationStatus(models.TextChoices):
    SEATED = "seated", _("Seat and nameplate")
    WAITING = "waiting", _("On the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")
