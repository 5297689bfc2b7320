"""The message a delegation's focal points get for each change of its inscription.

The request that changes a list writes the change (``ListChange``, with the language of the
page) and, once its transaction commits, asks a worker to tell the list's changes
(``speakers.acknowledge_list``) unless a run for that list is already waiting. The worker
reads the list once as it then stands (an inscription's place is not computed in the
request: in the opening-minute rush every request would order the whole list), notes the
place of each change not told yet, queues one message per focal point in the outbox and
sends them as a batch over one connection. In a rush, the changes that commit while the
worker is busy are told by its next run: some runs for hundreds of inscriptions, not one
each.

A change is told once: the run claims its changes (``told_at``) in the transaction that
queues their messages, and the dedupe key of each message (the change and the focal point)
makes a change told again by a run that died after queuing queue nothing twice. A change
whose run was lost (a broker or cache out of reach at the commit, a worker killed) is told
by ``recover_unacknowledged``.
"""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from meetings.models import FocalPoint
from meetings.services.outbox import STUCK_AFTER, queue_all, queue_batches, rendered_mail
from speakers.enums import ChangeKind
from speakers.models import ListChange
from speakers.selectors import current_positions
from speakers.tasks import acknowledge_list as acknowledge_list_task

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
#: Seconds a run waits after the change that asked for it: the changes of a burst (the
#: opening-minute rush) are told together once it is over, and the requests keep the
#: processors meanwhile. The delegation's page confirms the place at once; the e-mail follows.
GATHER_FOR = 2
#: Seconds a run asked for may wait before a commit asks again (a run whose message was lost
#: between the cache and the broker holds the next ones back for this long, no longer).
WAITING_FOR_AT_MOST = 60


def dedupe_key(change_id: int, focal_point_id: int) -> str:
    return f"{KEY_PREFIX}{change_id}-{focal_point_id}"


def _waiting_key(list_id: int) -> str:
    return f"hlm:acknowledge-list:{list_id}"


def tell(change: ListChange) -> None:
    """Have the focal points told of ``change`` once the transaction commits.

    A cache or broker out of reach at that moment is logged, not raised: the change is
    committed and ``recover_unacknowledged`` tells it later.
    """
    transaction.on_commit(lambda: schedule(change.speakers_list_id), robust=True)


def schedule(list_id: int) -> None:
    """Ask a worker to tell the changes of list ``list_id`` in ``GATHER_FOR`` seconds, unless
    a run is already waiting (one that has not started yet reads the list after this
    commit)."""
    key = _waiting_key(list_id)
    if not cache.add(key, True, timeout=WAITING_FOR_AT_MOST):
        return
    try:
        acknowledge_list_task.apply_async(kwargs={"list_id": list_id}, countdown=GATHER_FOR)
    except Exception:
        cache.delete(key)  # no run waits: the next change asks again
        raise


def acknowledge_list(*, list_id: int) -> int:
    """Tell the focal points of the changes of list ``list_id`` not told yet, each in the
    language it was made in, in one transaction; return how many changes someone was told of.
    """
    try:
        cache.delete(_waiting_key(list_id))  # from now on, a commit asks for a run of its own
    except Exception:  # the next commits wait at most WAITING_FOR_AT_MOST for a run
        logger.exception("Could not clear the waiting run of list %s", list_id)
    with transaction.atomic():
        changes = list(
            ListChange.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(speakers_list_id=list_id, kind__in=TOLD, told_at__isnull=True)
            .select_related(
                "inscription__delegation",
                "inscription__on_behalf_of",
                "speakers_list__meeting",
                "speakers_list__segment",
            )
            .order_by("pk")
        )
        if not changes:
            return 0
        _note_places(changes)
        focal_points = _focal_points_of(changes)
        messages, told = [], 0
        for change in changes:
            its_messages = _messages(change, focal_points.get(change.inscription.delegation_id))
            messages += its_messages
            told += bool(its_messages)
        message_ids = queue_all(messages)
        ListChange.objects.filter(pk__in=[c.pk for c in changes]).update(told_at=timezone.now())
        transaction.on_commit(lambda: queue_batches(message_ids))
    return told


def _note_places(changes: list[ListChange]) -> None:
    """Note the place each inscription took, from one read of the list as it stands."""
    inscribed = [c for c in changes if c.kind == ChangeKind.INSCRIBED and c.to_position is None]
    if not inscribed:
        return
    places = current_positions(inscribed[0].speakers_list)
    for change in inscribed:
        # None: withdrawn before the worker came to it
        change.to_position = places.get(change.inscription_id)
    ListChange.objects.bulk_update(inscribed, ["to_position"])


def _focal_points_of(changes: list[ListChange]) -> dict[int, list[FocalPoint]]:
    by_delegation = {}
    delegations = {c.inscription.delegation_id for c in changes} - {None}
    for focal_point in FocalPoint.objects.filter(delegation_id__in=delegations).select_related(
        "user"
    ):
        by_delegation.setdefault(focal_point.delegation_id, []).append(focal_point)
    return by_delegation


def _messages(change: ListChange, focal_points: list[FocalPoint] | None) -> list:
    """The message of ``change`` to each focal point with an address named before it was
    made, in the focal point's language."""
    inscription = change.inscription
    inscription.speakers_list = change.speakers_list  # one read of the list and its meeting
    messages = []
    for focal_point in focal_points or []:
        if not focal_point.user.email or focal_point.created_at > change.at:
            continue
        messages.append(
            rendered_mail(
                to=focal_point.user.email,
                template="emails/inscription_acknowledgement",
                context={
                    "inscription": inscription,
                    "kind": change.kind,
                    "change": change,
                    "focal_point": focal_point,
                },
                dedupe_key=dedupe_key(change.pk, focal_point.pk),
                language=focal_point.language,
            )
        )
    return messages


def recover_unacknowledged(*, older_than: timedelta = STUCK_AFTER) -> int:
    """Tell the changes of the last days that were not told; return how many of them have a
    focal point to tell.

    Run by beat beside the outbox's recovery: a run lost between the commit and the broker
    (or never asked for) is asked for again, once per list.
    """
    now = timezone.now()
    untold = ListChange.objects.filter(
        kind__in=TOLD,
        told_at__isnull=True,
        at__lte=now - older_than,
        at__gte=now - RECOVERY_WINDOW,
    )
    lists = set(untold.values_list("speakers_list_id", flat=True))
    if not lists:
        return 0
    count = (
        untold.filter(
            inscription__delegation__focal_points__user__email__gt="",
            inscription__delegation__focal_points__created_at__lte=F("at"),
        )
        .values("pk")
        .distinct()
        .count()
    )
    for list_id in sorted(lists):
        acknowledge_list_task.delay(list_id=list_id)
    if count:
        logger.warning("Acknowledging %d change(s) of lists whose run was lost", count)
    return count
