"""Writes of the speakers lists: the only code that inscribes, moves, swaps or marks speakers."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import cache
from meetings.access import may_speak_for_group
from meetings.enums import SegmentKind
from meetings.formatting import moment, page_language
from meetings.models import Delegation, FocalPoint, GroupOfStates, OutgoingMessage
from meetings.names import fill, on_behalf_of
from meetings.services.outbox import queue_mail
from meetings.sql import insert_linked
from speakers.acknowledgements import tell
from speakers.enums import ChangeKind, InscriptionStatus, ListKind, ListState, SwapStatus
from speakers.models import Inscription, ListChange, SpeakersList, SwapRequest
from speakers.ordering import speaker_category
from speakers.selectors import current_positions, list_segments, speaking_day
from speakers.windows import default_window, validate_window

SPEAKER_FIELDS = ("honorific", "speaker_name", "function", "level", "gender", "on_behalf_of")
#: Relations the form and the caller already checked (the database's foreign keys hold them):
#: validating them again would cost a query each on the path of the opening-minute rush.
CHECKED_RELATIONS = ["speakers_list", "delegation", "on_behalf_of", "inscribed_by"]


@dataclass
class SpeakerDetails:
    """What a delegation says about its speaker."""

    honorific: str
    speaker_name: str
    function: str
    level: int
    gender: str = ""
    on_behalf_of: GroupOfStates | None = None
    #: The language the function is typed in; by default the page's (the active language).
    function_language: str = ""


def _typed_language(details: SpeakerDetails) -> str:
    """The language of the function: as given, or that of the page it was typed on (the
    delegation's form, the Secretariat's admin site)."""
    language = details.function_language or page_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _change(inscription, kind, actor, *, before=None, after=None, note="") -> ListChange:
    """The entry of the log of a change to ``inscription``, not saved yet."""
    return ListChange(
        speakers_list_id=inscription.speakers_list_id,
        inscription=inscription,
        kind=kind,
        actor=actor if actor and actor.is_authenticated else None,
        from_position=before,
        to_position=after,
        note=note[:300],
    )


def _log(inscription, kind, actor, *, before=None, after=None, note="") -> ListChange:
    change = _change(inscription, kind, actor, before=before, after=after, note=note)
    change.save()
    return change


def inscription_refusal(speakers_list: SpeakersList, *, by_staff: bool = False) -> str | None:
    """Why the list takes no inscription or change now, in a sentence; None while it does
    (staff's own until it is final)."""
    state = speakers_list.state
    if by_staff and state != ListState.FINAL:
        return None
    if state == ListState.NOT_YET_OPEN:
        return fill(_("Inscription opens on %(date)s."), date=moment(speakers_list.opens_at))
    if state in (ListState.CLOSED, ListState.FINAL):
        return _("The list of speakers is closed.")
    return None


def _ensure_open(speakers_list: SpeakersList, *, by_staff: bool) -> None:
    refusal = inscription_refusal(speakers_list, by_staff=by_staff)
    if refusal:
        raise ValidationError(refusal)


def _ensure_may_speak_for(
    speakers_list: SpeakersList, delegation: Delegation | None, group: GroupOfStates | None
) -> None:
    """Only the group's chair for the period of the meeting speaks for it (staff are let through
    by their callers)."""
    if group is None:
        return
    day = speaking_day(speakers_list)
    if not may_speak_for_group(delegation=delegation, group=group, on=day):
        raise ValidationError(
            fill(
                _(
                    "Only the chair of %(group)s for this period, or the Secretariat, may "
                    "inscribe a statement on its behalf."
                ),
                group=group,
            )
        )


def _already_inscribed(delegation: Delegation | None, group: GroupOfStates | None) -> str:
    """Why a second statement of the delegation (or for the group) is refused, in a sentence."""
    if group is None:
        return fill(_("%(delegation)s is already inscribed on this list."), delegation=delegation)
    return fill(
        _("A statement %(on_behalf_of)s is already inscribed on this list."),
        on_behalf_of=on_behalf_of(group),
    )


def inscribe(
    *,
    speakers_list: SpeakersList,
    delegation: Delegation | None,
    details: SpeakerDetails,
    actor,
    by_staff: bool = False,
    organization: str = "",
    fresh: bool = False,
) -> Inscription:
    """Inscribe ``delegation``'s speaker (or an approved organization's) on the list.

    The server's clock fixes the time of inscription (first come, first served).
    A second submission of the same speaker returns the first inscription; another
    speaker for a delegation already inscribed is refused with a message. The
    delegation's focal points get an acknowledgement by e-mail, which gives the place:
    the place is read after the commit (``acknowledgements``), so the request that
    inscribes does not order the whole list. ``fresh``: the caller has just read
    ``speakers_list`` (the request's own read), no need to read it again.
    """
    if not fresh:
        speakers_list = SpeakersList.objects.select_related("meeting").get(pk=speakers_list.pk)
    _ensure_open(speakers_list, by_staff=by_staff)
    if delegation is None and not speakers_list.civil_society_allowed:
        raise ValidationError(_("Civil society does not take the floor on this list."))
    if not by_staff:
        _ensure_may_speak_for(speakers_list, delegation, details.on_behalf_of)
    inscription = Inscription(
        speakers_list=speakers_list,
        delegation=delegation,
        organization=organization,
        category=speaker_category(
            delegation_kind=delegation.kind if delegation else None,
            on_behalf_of_group=details.on_behalf_of is not None,
        ),
        inscribed_by=actor if actor and actor.is_authenticated else None,
        **{**details.__dict__, "function_language": _typed_language(details)},
    )
    inscription.full_clean(exclude=["category", *CHECKED_RELATIONS], validate_constraints=False)
    change = _change(inscription, ChangeKind.INSCRIBED, actor)
    try:
        # One statement: the rush's only write (its place is noted after the commit).
        insert_linked("hlm_inscribe", inscription, change, "inscription")
    except IntegrityError:
        existing = (
            speakers_list.inscriptions.exclude(status=InscriptionStatus.WITHDRAWN)
            .filter(delegation=delegation, on_behalf_of=details.on_behalf_of)
            .first()
        )
        if existing and existing.speaker_name == details.speaker_name:
            return existing  # the same form sent twice
        raise ValidationError(_already_inscribed(delegation, details.on_behalf_of)) from None
    cache.bump(speakers_list.meeting_id)
    tell(change)
    return inscription


@transaction.atomic
def change_speaker(*, inscription: Inscription, details: SpeakerDetails, actor, by_staff=False):
    """Replace the speaker; a change of level moves the statement. Return (before, after) places."""
    inscription = Inscription.objects.select_for_update().get(pk=inscription.pk)
    if inscription.status != InscriptionStatus.ACTIVE:
        raise ValidationError(_("This statement can no longer be changed."))
    _ensure_open(inscription.speakers_list, by_staff=by_staff)
    before = current_positions(inscription.speakers_list).get(inscription.pk)
    level_changed = int(details.level) != inscription.level
    group_changed = details.on_behalf_of != inscription.on_behalf_of
    if group_changed and not by_staff:
        _ensure_may_speak_for(
            inscription.speakers_list, inscription.delegation, details.on_behalf_of
        )
    if details.function != inscription.function:
        inscription.function_language = _typed_language(details)
    for name in SPEAKER_FIELDS:
        setattr(inscription, name, getattr(details, name))
    inscription.category = speaker_category(
        delegation_kind=inscription.delegation.kind if inscription.delegation_id else None,
        on_behalf_of_group=inscription.on_behalf_of_id is not None,
    )
    if level_changed or group_changed:
        inscription.pinned_position = None  # the new level decides the place
    inscription.full_clean(exclude=["category"], validate_constraints=False)
    try:
        with transaction.atomic():
            inscription.save()
    except IntegrityError:
        raise ValidationError(
            _already_inscribed(inscription.delegation, details.on_behalf_of)
        ) from None
    after = current_positions(inscription.speakers_list).get(inscription.pk)
    tell(_log(inscription, ChangeKind.CHANGED, actor, before=before, after=after))
    return before, after


@transaction.atomic
def withdraw(*, inscription: Inscription, actor) -> None:
    """Withdraw a statement; its place is freed. Withdrawing twice does nothing."""
    inscription = Inscription.objects.select_for_update().get(pk=inscription.pk)
    if inscription.status == InscriptionStatus.WITHDRAWN:
        return
    if inscription.status != InscriptionStatus.ACTIVE:
        raise ValidationError(_("A statement already heard cannot be withdrawn."))
    before = current_positions(inscription.speakers_list).get(inscription.pk)
    inscription.status = InscriptionStatus.WITHDRAWN
    inscription.pinned_position = None
    inscription.save(update_fields=["status", "pinned_position", "updated_at"])
    inscription.swaps_requested.filter(
        status__in=[SwapStatus.REQUESTED, SwapStatus.ACCEPTED]
    ).update(status=SwapStatus.CANCELLED)
    inscription.swaps_offered.filter(status__in=[SwapStatus.REQUESTED, SwapStatus.ACCEPTED]).update(
        status=SwapStatus.CANCELLED
    )
    tell(_log(inscription, ChangeKind.WITHDRAWN, actor, before=before))


@transaction.atomic
def move(*, inscription: Inscription, to_position: int, actor) -> None:
    """Place a statement by hand at ``to_position`` (1-based); it stays there."""
    speakers_list = SpeakersList.objects.select_for_update().get(pk=inscription.speakers_list_id)
    places = current_positions(speakers_list)
    if inscription.pk not in places:
        raise ValidationError(_("Only a statement on the list can be moved."))
    if not 1 <= to_position <= len(places):
        raise ValidationError(_("Choose a place between 1 and %(count)s.") % {"count": len(places)})
    before = places[inscription.pk]
    Inscription.objects.filter(pk=inscription.pk).update(pinned_position=to_position)
    cache.bump(speakers_list.meeting_id)
    tell(_log(inscription, ChangeKind.MOVED, actor, before=before, after=to_position))


@transaction.atomic
def swap(*, first: Inscription, second: Inscription, actor, note: str = "") -> None:
    """Exchange the places of two statements of the same list; both then stay put."""
    if first.speakers_list_id != second.speakers_list_id or first.pk == second.pk:
        raise ValidationError(_("Only two statements of the same list can be swapped."))
    speakers_list = SpeakersList.objects.select_for_update().get(pk=first.speakers_list_id)
    places = current_positions(speakers_list)
    if first.pk not in places or second.pk not in places:
        raise ValidationError(_("Only statements on the list can be swapped."))
    a, b = places[first.pk], places[second.pk]
    Inscription.objects.filter(pk=first.pk).update(pinned_position=b)
    Inscription.objects.filter(pk=second.pk).update(pinned_position=a)
    cache.bump(speakers_list.meeting_id)
    tell(_log(first, ChangeKind.SWAPPED, actor, before=a, after=b, note=note))
    tell(_log(second, ChangeKind.SWAPPED, actor, before=b, after=a, note=note))


# --- Swaps agreed between delegations ---------------------------------------------------------


@transaction.atomic
def request_swap(*, requester: Inscription, counterpart: Inscription, actor) -> SwapRequest:
    """Ask another delegation of the same list to exchange places."""
    if (
        requester.speakers_list_id != counterpart.speakers_list_id
        or requester.delegation_id == counterpart.delegation_id  # its own other statement
    ):
        raise ValidationError(_("Choose another delegation's statement on the same list."))
    if requester.status != InscriptionStatus.ACTIVE:
        raise ValidationError(_("Your statement is no longer on the list: it cannot swap places."))
    if counterpart.status != InscriptionStatus.ACTIVE:
        raise ValidationError(_("That statement is no longer on the list."))
    open_request = SwapRequest.objects.filter(
        requester=requester,
        counterpart=counterpart,
        status__in=[SwapStatus.REQUESTED, SwapStatus.ACCEPTED],
    ).first()
    if open_request:
        return open_request
    return SwapRequest.objects.create(
        speakers_list_id=requester.speakers_list_id, requester=requester, counterpart=counterpart
    )


@transaction.atomic
def answer_swap(*, swap_request: SwapRequest, delegation: Delegation, accept: bool, actor) -> None:
    """The other delegation accepts or declines a swap request."""
    swap_request = SwapRequest.objects.select_for_update().get(pk=swap_request.pk)
    if swap_request.counterpart.delegation_id != delegation.pk:
        raise PermissionDenied
    if swap_request.status != SwapStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    swap_request.status = SwapStatus.ACCEPTED if accept else SwapStatus.DECLINED
    swap_request.save(update_fields=["status", "updated_at"])


@transaction.atomic
def approve_swap(*, swap_request: SwapRequest, actor) -> None:
    """Staff approve an accepted swap: the two statements exchange places."""
    swap_request = SwapRequest.objects.select_for_update().get(pk=swap_request.pk)
    if swap_request.status != SwapStatus.ACCEPTED:
        raise ValidationError(_("Only a swap accepted by both delegations can be approved."))
    swap(
        first=swap_request.requester,
        second=swap_request.counterpart,
        actor=actor,
        note=_("Swap agreed by both delegations"),
    )
    swap_request.status = SwapStatus.APPROVED
    swap_request.decided_by = actor
    swap_request.save(update_fields=["status", "decided_by", "updated_at"])


# --- On the day -------------------------------------------------------------------------------


@transaction.atomic
def mark_heard(*, inscription: Inscription, actor, heard: bool = True) -> None:
    """Record that a speaker was heard (or absent when called)."""
    updated = Inscription.objects.filter(pk=inscription.pk, status=InscriptionStatus.ACTIVE).update(
        status=InscriptionStatus.HEARD if heard else InscriptionStatus.ABSENT,
        heard_at=timezone.now() if heard else None,
    )
    if updated:
        _log(inscription, ChangeKind.HEARD if heard else ChangeKind.ABSENT, actor)
        cache.bump(inscription.speakers_list.meeting_id)


@transaction.atomic
def advance_meeting(*, speakers_list: SpeakersList, actor) -> int:
    """Close the meeting under way: speakers not reached carry over to the next. Return how many."""
    speakers_list = SpeakersList.objects.select_for_update().get(pk=speakers_list.pk)
    # The first of these is the meeting under way (or about to open).
    following = list_segments(speakers_list=speakers_list)[1:]
    if not following:
        raise ValidationError(_("There is no further meeting to carry speakers over to."))
    speakers_list.current_segment = following[0]
    speakers_list.save(update_fields=["current_segment", "updated_at"])
    cache.bump(speakers_list.meeting_id)
    return speakers_list.inscriptions.filter(status=InscriptionStatus.ACTIVE).update(
        carried_over=True
    )


@transaction.atomic
def finalize_list(*, speakers_list: SpeakersList) -> None:
    """Make the list final: delegations can no longer change it."""
    SpeakersList.objects.filter(pk=speakers_list.pk, finalized_at__isnull=True).update(
        finalized_at=timezone.now()
    )
    cache.bump(speakers_list.meeting_id)


@transaction.atomic
def close_list_now(*, speakers_list: SpeakersList) -> None:
    """Close inscription at once (before its announced closing time)."""
    now = timezone.now()
    SpeakersList.objects.filter(pk=speakers_list.pk, closes_at__gt=now, opens_at__lt=now).update(
        closes_at=now
    )
    cache.bump(speakers_list.meeting_id)


@transaction.atomic
def open_list_now(*, speakers_list: SpeakersList, closes_at=None) -> SpeakersList:
    """Open inscription at once, until ``closes_at`` (by default the announced closing time).

    A list that has closed needs a new closing time; a final list is never reopened.
    """
    now = timezone.now()
    speakers_list = SpeakersList.objects.select_for_update().get(pk=speakers_list.pk)
    if speakers_list.finalized_at:
        raise ValidationError(_("This list is final and can no longer be changed."))
    closes_at = closes_at or speakers_list.closes_at
    if closes_at <= now:
        raise ValidationError(_("The closing time of inscription must be in the future."))
    speakers_list.opens_at = min(speakers_list.opens_at, now)
    speakers_list.closes_at = closes_at
    speakers_list.save(update_fields=["opens_at", "closes_at", "updated_at"])
    return speakers_list


# --- Delegation accounts ----------------------------------------------------------------------


def send_closing_reminders(*, within: timedelta = timedelta(days=1)) -> int:
    """Queue one reminder per focal point of each delegation not yet on a list closing soon.

    Idempotent: the dedupe key makes a second run within the same window send nothing new.
    """
    now = timezone.now()
    closing = SpeakersList.objects.filter(
        opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + within, finalized_at__isnull=True
    ).select_related("meeting", "segment")
    queued = 0
    for speakers_list in closing:
        inscribed = speakers_list.inscriptions.exclude(status=InscriptionStatus.WITHDRAWN).values(
            "delegation_id"
        )
        focal_points = (
            FocalPoint.objects.exclude(delegation_id__in=inscribed)
            .exclude(user__email="")
            .select_related("user", "delegation")
        )
        keys = {f"closing-reminder-{speakers_list.pk}-{fp.pk}": fp for fp in focal_points}
        sent = set(
            OutgoingMessage.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
        )
        for key, focal_point in keys.items():
            if key in sent:
                continue
            queue_mail(
                to=focal_point.user.email,
                template="emails/list_closing_reminder",
                context={"speakers_list": speakers_list, "focal_point": focal_point},
                dedupe_key=key,
                language=focal_point.language,
            )
            queued += 1
    return queued


def lists_from_modalities(modalities, meeting) -> None:
    """Set up the plenary list and one list per panel with the time limits decided.

    New lists open four weeks ahead and close on the working day before the meeting
    (``speakers.windows``); existing lists keep their window, which must still close
    before the meeting begins, or nothing is set up and the message says why.
    """
    opens_at, closes_at = default_window(first_day=meeting.starts_on)
    limits = {
        "individual_time_limit": modalities.individual_time_limit,
        "group_time_limit": modalities.group_time_limit,
    }
    plenary, _created = SpeakersList.objects.get_or_create(
        meeting=meeting,
        kind=ListKind.PLENARY,
        defaults={"opens_at": opens_at, "closes_at": closes_at, **limits},
    )
    SpeakersList.objects.filter(pk=plenary.pk).update(**limits)
    cache.bump(meeting.pk)
    for panel in meeting.segments.filter(kind=SegmentKind.PANEL):
        SpeakersList.objects.get_or_create(
            meeting=meeting,
            kind=ListKind.PANEL,
            segment=panel,
            defaults={
                "opens_at": opens_at,
                "closes_at": closes_at,
                "individual_time_limit": modalities.individual_time_limit,
                "group_time_limit": modalities.individual_time_limit,
                "civil_society_allowed": True,
            },
        )
    for speakers_list in meeting.speakers_lists.filter(finalized_at__isnull=True):
        validate_window(meeting=meeting, closes_at=speakers_list.closes_at)
