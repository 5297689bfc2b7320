"""The message a delegation's focal points get for each change of its inscription.

The request that changes a list writes the change (``ListChange``) and, once its transaction
commits, hands the change's id to a worker (``speakers.acknowledge_change``). The worker reads
the place the statement took on the list as it then stands (an inscription's place is not
computed in the request: in the opening-minute rush every request would order the whole
list), notes it in the log and queues one message per focal point in the outbox, which
delivers it once. The dedupe key of each message (the change and the focal point) makes a
task run twice, or run again by ``recover_unacknowledged``, queue nothing twice; a change
whose task was lost (a broker out of reach at the commit) is told by the next recovery.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from meetings.models import FocalPoint, OutgoingMessage
from meetings.services.outbox import STUCK_AFTER, queue_mail
from speakers.enums import ChangeKind
from speakers.models import ListChange
from speakers.selectors import current_positions
from speakers.tasks import acknowledge_change as acknowledge_task

logger = logging.getLogger(__name__)
#: The changes a delegation is told of (heard and absent are the day's record, not news).
TOLD = [
    ChangeKind.INSCRIBED,
    ChangeKind.CHANGED,
    ChangeKind.MOVED,
    ChangeKind.SWAPPED,
    ChangeKind.WITHDRAWN,
]
#: How far back ``recover_unacknowledged`` looks for changes nobody told.
RECOVERY_WINDOW = timedelta(days=2)
KEY_PREFIX = "inscription-change-"


def dedupe_key(change_id: int, focal_point_id: int) -> str:
    return f"{KEY_PREFIX}{change_id}-{focal_point_id}"


def tell(change: ListChange) -> None:
    """Have the focal points told of ``change`` once the transaction commits, in the language
    the change was made in.

    A broker out of reach at that moment is logged, not raised: the change is committed and
    ``recover_unacknowledged`` tells it later.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(
        lambda: acknowledge_task.delay(change_id=change.pk, language=language), robust=True
    )


def acknowledge_change(*, change_id: int, language: str | None = None) -> int:
    """Note the place an inscription took, then queue the message of the change to each focal
    point with an address; return how many messages acknowledge it (queued now or before)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _acknowledge(change_id)


def _acknowledge(change_id: int) -> int:
    change = (
        ListChange.objects.select_related(
            "inscription__delegation",
            "inscription__on_behalf_of",
            "speakers_list__meeting",
            "speakers_list__segment",
        )
        .filter(pk=change_id)
        .first()
    )
    if change is None:  # its list or inscription was deleted since
        return 0
    inscription = change.inscription
    inscription.speakers_list = change.speakers_list  # one read of the list and its meeting
    if change.kind == ChangeKind.INSCRIBED and change.to_position is None:
        change.to_position = current_positions(change.speakers_list).get(inscription.pk)
        if change.to_position is not None:  # None: withdrawn before the worker came to it
            ListChange.objects.filter(pk=change.pk, to_position__isnull=True).update(
                to_position=change.to_position
            )
    told = 0
    focal_points = FocalPoint.objects.filter(  # those of the delegation when the change was made
        delegation_id=inscription.delegation_id, created_at__lte=change.at
    ).select_related("user")
    with transaction.atomic():
        for focal_point in focal_points:
            if not focal_point.user.email:
                continue
            queue_mail(
                to=focal_point.user.email,
                template="emails/inscription_acknowledgement",
                context={
                    "inscription": inscription,
                    "kind": change.kind,
                    "change": change,
                    "focal_point": focal_point,
                },
                dedupe_key=dedupe_key(change.pk, focal_point.pk),
            )
            told += 1
    return told


def recover_unacknowledged(*, older_than: timedelta = STUCK_AFTER) -> int:
    """Tell the changes of the last days that no message acknowledges yet; return how many.

    Run by beat beside the outbox's recovery: a task lost between the commit and the broker
    (or never sent) is run again; one that did run queued its messages, so nothing is told
    twice.
    """
    now = timezone.now()
    changes = set(
        ListChange.objects.filter(
            kind__in=TOLD, at__lte=now - older_than, at__gte=now - RECOVERY_WINDOW
        )
        .filter(
            inscription__delegation__focal_points__user__email__gt="",
            inscription__delegation__focal_points__created_at__lte=F("at"),
        )
        .values_list("pk", flat=True)
    )
    if not changes:
        return 0
    told = {
        int(key[len(KEY_PREFIX) :].split("-")[0])
        for key in OutgoingMessage.objects.filter(
            dedupe_key__startswith=KEY_PREFIX, queued_at__gte=now - RECOVERY_WINDOW - older_than
        ).values_list("dedupe_key", flat=True)
    }
    untold = sorted(changes - told)
    for change_id in untold:
        acknowledge_task.delay(change_id=change_id)
    if untold:
        logger.warning("Acknowledging %d change(s) of lists whose task was lost", len(untold))
    return len(untold)
