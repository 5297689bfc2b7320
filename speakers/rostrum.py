"""On the day: who speaks now, the next speakers, and the statistics afterwards.

Every change locks the list's row and names the speaker the screen showed: when two
screens click "next" on the same speaker at once, the second click finds the list
already moved on and changes nothing.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from meetings.enums import Gender, RegionalGroup
from meetings.formatting import clock_time
from speakers.enums import ChangeKind, InscriptionStatus, Level
from speakers.models import Inscription, ListChange, SpeakersList
from speakers.selectors import ordered_list, statement_minutes

END_OF_LIST = 999  # a hand placement past the end sends a statement last


def _first_active(speakers_list: SpeakersList, *, exclude=()) -> Inscription | None:
    for row in ordered_list(speakers_list=speakers_list).rows:
        if row.inscription.status == InscriptionStatus.ACTIVE and row.inscription.pk not in exclude:
            return row.inscription
    return None


def _set_current(speakers_list: SpeakersList, inscription: Inscription | None, now) -> None:
    speakers_list.current_inscription = inscription
    speakers_list.speaking_since = now if inscription else None
    speakers_list.save(update_fields=["current_inscription", "speaking_since", "updated_at"])


@transaction.atomic
def start(*, speakers_list: SpeakersList) -> SpeakersList:
    """Give the floor to the first speaker not yet heard (the presiding officer opens)."""
    speakers_list = SpeakersList.objects.select_for_update().get(pk=speakers_list.pk)
    if speakers_list.current_inscription_id is None:
        _set_current(speakers_list, _first_active(speakers_list), timezone.now())
    return speakers_list


@transaction.atomic
def advance(*, speakers_list: SpeakersList, shown: int | None, actor, absent: str = "") -> bool:
    """The speaker ``shown`` on the screen is heard (or absent); the next one has the floor.

    ``absent`` is "" (heard), "end" (moved to the end of the list) or "next_meeting".
    Returns False when ``shown`` no longer has the floor: another screen advanced first.
    """
    speakers_list = SpeakersList.objects.select_for_update().get(pk=speakers_list.pk)
    if shown is None or speakers_list.current_inscription_id != shown:
        return False
    now = timezone.now()
    current = Inscription.objects.get(pk=shown)
    if absent:
        place = END_OF_LIST
        if absent == "next_meeting":
            place = _first_place_of_next_meeting(speakers_list, current) or END_OF_LIST
        current.pinned_position = place
        current.save(update_fields=["pinned_position", "updated_at"])
        ListChange.objects.create(
            speakers_list=speakers_list, inscription=current, kind=ChangeKind.ABSENT, actor=actor,
            note=absent,
        )  # fmt: skip
        following = _first_active(speakers_list, exclude={current.pk})
    else:
        current.status = InscriptionStatus.HEARD
        current.heard_at = now
        current.spoke_seconds = int((now - speakers_list.speaking_since).total_seconds())
        current.save(update_fields=["status", "heard_at", "spoke_seconds", "updated_at"])
        ListChange.objects.create(
            speakers_list=speakers_list, inscription=current, kind=ChangeKind.HEARD, actor=actor
        )
        following = _first_active(speakers_list)
    _set_current(speakers_list, following, now)
    return True


def _first_place_of_next_meeting(speakers_list: SpeakersList, current: Inscription) -> int | None:
    ordered = ordered_list(speakers_list=speakers_list)
    row = ordered.row_for(current.pk)
    if row is None or row.projection is None or row.projection.slot is None:
        return None
    this_meeting = row.projection.slot.key
    for later in ordered.rows:
        slot = later.projection.slot if later.projection else None
        if slot is not None and slot.key != this_meeting and later.place > row.place:
            return later.place
    return None


@dataclass
class RostrumState:
    speakers_list: SpeakersList
    current: Inscription | None
    speaking_since: object
    limit_seconds: int
    upcoming: list  # the next five rows, with their projections

    def as_json(self) -> dict:
        def speaker(inscription):
            if inscription is None:
                return None
            return {
                "id": inscription.pk,
                "delegation": inscription.entity_name,
                "speaker": inscription.speaker_display,
                "function": inscription.function,
                "on_behalf_of": str(inscription.on_behalf_of or ""),
            }

        return {
            "current": speaker(self.current),
            "speaking_since": self.speaking_since.isoformat() if self.speaking_since else None,
            "limit_seconds": self.limit_seconds,
            "server_now": timezone.now().isoformat(),
            "upcoming": [
                {
                    **speaker(row.inscription),
                    "projected": clock_time(row.projection.starts_at) if row.projection else "",
                }
                for row in self.upcoming
            ],
        }


def rostrum_state(*, speakers_list: SpeakersList) -> RostrumState:
    """What the rostrum screens show: the speaker with the floor, the countdown, the next five."""
    speakers_list = SpeakersList.objects.select_related(
        "current_inscription__delegation", "current_inscription__on_behalf_of", "segment"
    ).get(pk=speakers_list.pk)
    current = speakers_list.current_inscription
    rows = [
        row
        for row in ordered_list(speakers_list=speakers_list).rows
        if row.inscription.status == InscriptionStatus.ACTIVE
        and row.inscription.pk != speakers_list.current_inscription_id
    ]
    limit = statement_minutes(speakers_list, current) * 60 if current else 0
    return RostrumState(speakers_list, current, speakers_list.speaking_since, limit, rows[:5])


@dataclass
class Statistics:
    heard: int
    by_level: list[tuple[str, int]]
    by_region: list[tuple[str, int]]
    by_gender: list[tuple[str, int]]
    minutes_used: float
    minutes_allotted: int
    carried_over: int
    not_heard: int


def statistics(*, speakers_list: SpeakersList) -> Statistics:
    """Statements heard by level, regional group and gender; time used against allotted."""
    inscriptions = list(speakers_list.inscriptions.select_related("delegation", "on_behalf_of"))
    heard = [i for i in inscriptions if i.status == InscriptionStatus.HEARD]
    levels = dict(Level.choices)
    regions = dict(RegionalGroup.choices)
    genders = dict(Gender.choices)
    return Statistics(
        heard=len(heard),
        by_level=[(str(levels[k]), n) for k, n in sorted(Counter(i.level for i in heard).items())],
        by_region=[
            (str(regions.get(k, "—")), n)
            for k, n in Counter(
                i.delegation.regional_group
                if i.delegation_id and i.delegation.regional_group
                else "—"
                for i in heard
            ).most_common()
        ],
        by_gender=[
            (str(genders.get(k, "—")), n)
            for k, n in Counter(i.gender or "—" for i in heard).most_common()
        ],
        minutes_used=round(sum(i.spoke_seconds or 0 for i in heard) / 60, 1),
        minutes_allotted=sum(statement_minutes(speakers_list, i) for i in heard),
        carried_over=sum(1 for i in inscriptions if i.carried_over),
        not_heard=sum(1 for i in inscriptions if i.status == InscriptionStatus.ACTIVE),
    )
