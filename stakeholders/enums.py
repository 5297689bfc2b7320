"""Choices of civil-society participation (no model imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EcosocStatus(models.TextChoices):
    GENERAL = "general", _("General consultative status")
    SPECIAL = "special", _("Special consultative status")
    ROSTER = "roster", _("Roster")
    NONE = "none", _("No consultative status")


class OrganizationType(models.TextChoices):
    NGO = "ngo", _("Non-governmental organization")
    ACADEMIC = "academic", _("Academic institution")
    PRIVATE_SECTOR = "private", _("Private sector")
    NHRI = "nhri", _("National human rights institution")
    OTHER = "other", _("Other")


class ApplicationPath(models.TextChoices):
    ECOSOC = "ecosoc", _("Registration (in consultative status with ECOSOC)")
    PGA_LIST = "pga_list", _("Application for the PGA's list")


class ApplicationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-mail not yet confirmed")
    SUBMITTED = "submitted", _("Submitted")
    MORE_INFORMATION = "more_info", _("More information requested")
    REGISTERED = "registered", _("Registered: in consultative status with ECOSOC")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    REJECTED = "rejected", _("Not retained")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PROPOSED = "proposed", _("On the proposed list")
    APPROVED = "approved", _("On the final list")
    OBJECTED = "objected", _("Objection pending: for the Assembly to decide")
    NOT_APPROVED = "not_approved", _("Not approved")


#: Organizations that take part: registered (ECOSOC) or on the final list (the others).
PARTICIPATING_STATUSES = (ApplicationStatus.REGISTERED, ApplicationStatus.APPROVED)

#: Statuses in which the organization may still correct or withdraw its application.
EDITABLE_STATUSES = (
    ApplicationStatus.UNCONFIRMED,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.MORE_INFORMATION,
)


class ProposedListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Before Member States (non-objection)")
    CLOSED = "closed", _("Deadline passed: final names known")
    SUPERSEDED = "superseded", _("Replaced by a revised list")


class EntryOutcome(models.TextChoices):
    PENDING = "pending", _("Under non-objection procedure")
    FINAL = "final", _("Final: no objection")
    OBJECTED = "objected", _("Objection: for the Assembly to decide")
    APPROVED_BY_ASSEMBLY = "assembly_yes", _("Approved by the Assembly")
    NOT_APPROVED = "assembly_no", _("Not approved by the Assembly")
