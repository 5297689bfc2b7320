"""Choices of the speakers lists (no model imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.IntegerChoices):
    """Levels of representation, highest first (``meetings/data/levels_of_representation.csv``)."""

    HEAD_OF_STATE = 1, _("Head of State")
    VICE_PRESIDENT = 2, _("Vice-President or Crown Prince/Princess")
    HEAD_OF_GOVERNMENT = 3, _("Head of Government")
    DEPUTY_PRIME_MINISTER = 4, _("Deputy Prime Minister")
    MINISTER = 5, _("Minister")
    VICE_MINISTER = 6, _("Vice-Minister")
    HEAD_OF_DELEGATION = 7, _("Head of delegation")


#: The levels whose name agrees with the speaker (French: "Vice-Premier(ère) Ministre"), as
#: said of a man and of a woman.
GENDERED_LEVELS = {
    (Level.VICE_PRESIDENT, "male"): pgettext_lazy(
        "said of a man", "Vice-President or Crown Prince"
    ),
    (Level.VICE_PRESIDENT, "female"): pgettext_lazy(
        "said of a woman", "Vice-President or Crown Princess"
    ),
    (Level.DEPUTY_PRIME_MINISTER, "male"): pgettext_lazy("said of a man", "Deputy Prime Minister"),
    (Level.DEPUTY_PRIME_MINISTER, "female"): pgettext_lazy(
        "said of a woman", "Deputy Prime Minister"
    ),
}


#: The levels that some meetings treat as equal (a per-list setting).
TOP_LEVELS = (Level.HEAD_OF_STATE, Level.VICE_PRESIDENT, Level.HEAD_OF_GOVERNMENT)


class ListKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary meetings")
    PANEL = "panel", _("Interactive panel discussion")


class ListState(models.TextChoices):
    NOT_YET_OPEN = "not_open", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    FINAL = "final", _("Final")


class InscriptionStatus(models.TextChoices):
    ACTIVE = "active", _("Inscribed")
    HEARD = "heard", _("Heard")
    ABSENT = "absent", _("Absent")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Statuses that hold a place in the list.
PLACED_STATUSES = (InscriptionStatus.ACTIVE, InscriptionStatus.HEARD)


class SpeakerCategory(models.IntegerChoices):
    """Who speaks, in the order of DOMAIN §3 (groups first by default).

    The European Union is inscribed among the groups (A/RES/65/276).
    """

    GROUP = 0, _("On behalf of a group of States")
    STATE = 1, _("Member State or observer State")
    OBSERVER = 3, _("Other observer")
    CIVIL_SOCIETY = 4, _("Civil society")


class ChangeKind(models.TextChoices):
    INSCRIBED = "inscribed", _("Inscribed")
    CHANGED = "changed", _("Speaker changed")
    MOVED = "moved", _("Moved")
    SWAPPED = "swapped", _("Swapped")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    HEARD = "heard", _("Heard")
    ABSENT = "absent", _("Absent")


class SwapStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted by the other delegation")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
