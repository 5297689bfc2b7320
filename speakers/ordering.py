"""The order of a list of speakers, by the practice of the General Assembly (DOMAIN §3).

Pure functions on plain values: no database, so every rule is tested directly.

Default order: statements on behalf of groups of States, with the European Union among
them (A/RES/65/276: it is inscribed among the representatives of major groups, speaking
on behalf of the EU and its member States); Member States and observer States; other
observers; civil society. Within each, by level of representation, then first come, first
served. An entry placed by hand (``pinned_position``) keeps its place while others inscribe.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from meetings.enums import DelegationKind
from speakers.enums import TOP_LEVELS, SpeakerCategory


class Orderable(Protocol):
    pk: int
    category: int
    level: int
    inscribed_at: datetime
    pinned_position: int | None


T = TypeVar("T", bound=Orderable)


@dataclass(frozen=True)
class OrderRules:
    groups_first: bool = True
    top_levels_equal: bool = False


def speaker_category(*, delegation_kind: str | None, on_behalf_of_group: bool) -> SpeakerCategory:
    """Return the category an inscription is ordered in."""
    if on_behalf_of_group or delegation_kind == DelegationKind.EUROPEAN_UNION:
        return SpeakerCategory.GROUP
    if delegation_kind is None:
        return SpeakerCategory.CIVIL_SOCIETY
    if delegation_kind in (DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE):
        return SpeakerCategory.STATE
    return SpeakerCategory.OBSERVER


def precedence_key(entry: Orderable, rules: OrderRules) -> tuple:
    """Return the sort key of ``entry`` before manual placements are applied."""
    category = entry.category
    if category == SpeakerCategory.GROUP and not rules.groups_first:
        category = SpeakerCategory.STATE  # a group statement then ranks as its speaker's State
    level = entry.level
    if rules.top_levels_equal and level in TOP_LEVELS:
        level = TOP_LEVELS[0]
    return (category, level, entry.inscribed_at, entry.pk)


def order_entries(entries: Iterable[T], rules: OrderRules = OrderRules()) -> list[T]:
    """Return ``entries`` in speaking order.

    Entries with a ``pinned_position`` (1-based) take that place; the others fill the
    remaining places by precedence. Pins beyond the end of the list go last, in order.
    """
    entries = list(entries)
    pinned = sorted(
        (e for e in entries if e.pinned_position), key=lambda e: (e.pinned_position, e.pk)
    )
    free = sorted(
        (e for e in entries if not e.pinned_position), key=lambda e: precedence_key(e, rules)
    )
    ordered: list[T] = []
    free_iter = iter(free)
    pending = list(pinned)
    for place in range(1, len(entries) + 1):
        if pending and pending[0].pinned_position <= place:
            ordered.append(pending.pop(0))
        else:
            nxt = next(free_iter, None)
            if nxt is None:
                ordered.extend(pending)
                break
            ordered.append(nxt)
    return ordered


def positions(ordered: Sequence[Orderable]) -> dict[int, int]:
    """Return ``{pk: place}`` (1-based) for an ordered list."""
    return {entry.pk: place for place, entry in enumerate(ordered, start=1)}
