"""Statements for the benchmarks' lists of speakers: who speaks, as whom, inscribed by staff.

Shared by ``bench/programme_meeting.py`` and ``bench/large_list.py``. Every statement
goes through ``speakers.services.inscribe`` (as staff), so the rows are those the portal
writes itself: places, log of changes, categories.
"""

import random

from common import (
    extra_observer,
    level_for,
)


def speaker(rng: random.Random, delegation, *, group=None):
    from speakers.demo import FUNCTIONS
    from speakers.services import SpeakerDetails

    level = level_for(rng, delegation.is_state)
    return SpeakerDetails(
        honorific=rng.choice(["H.E. Mr.", "H.E. Ms.", "Mr.", "Ms."]),
        speaker_name=f"Speaker for {delegation.name}",
        function=FUNCTIONS[level] if delegation.is_state else "Head of delegation",
        level=level,
        on_behalf_of=group,
    )


def plenary_delegations(count: int) -> list:
    """Return ``count`` delegations: the States, then observers, then synthetic observers."""
    from meetings.enums import DelegationKind
    from meetings.models import Delegation

    state_kinds = [DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE]
    states = list(Delegation.objects.filter(kind__in=state_kinds).order_by("sort_key"))
    observers = list(
        Delegation.objects.exclude(kind__in=state_kinds)
        .exclude(code__startswith="BENCH-")
        .order_by("sort_key")
    )
    delegations = (states + observers)[:count]
    for n in range(1, count - len(delegations) + 1):
        delegations.append(extra_observer(n))
    return delegations


def civil_society_speaker(organization: str):
    from speakers.enums import Level
    from speakers.services import SpeakerDetails

    return SpeakerDetails(
        honorific="Ms.",
        speaker_name=f"Speaker for {organization}",
        function="Executive Director",
        level=Level.HEAD_OF_DELEGATION,
    )


def inscribe_plenary(plenary, *, count: int, rng: random.Random) -> tuple[list, int]:
    """Inscribe ``count`` delegations on ``plenary`` through ``inscribe`` (as staff).

    The delegations are those of ``plenary_delegations``; the ones the demo lets speak on
    behalf of a group of States (``speakers.demo.GROUP_STATEMENTS``) do so and are inscribed
    first. Return the delegations and the number of statements on behalf of a group.
    """
    from meetings.models import GroupOfStates
    from speakers.demo import GROUP_STATEMENTS
    from speakers.services import inscribe

    delegations = plenary_delegations(count)
    by_code = {d.code: d for d in delegations}
    groups = {g.short_name: g for g in GroupOfStates.objects.all()}
    on_behalf = {
        by_code[code].pk: groups[short]
        for short, code, _level in GROUP_STATEMENTS
        if code in by_code and short in groups
    }
    group_first = [d for d in delegations if d.pk in on_behalf]
    for delegation in group_first + [d for d in delegations if d.pk not in on_behalf]:
        inscribe(
            speakers_list=plenary,
            delegation=delegation,
            details=speaker(rng, delegation, group=on_behalf.get(delegation.pk)),
            actor=None,
            by_staff=True,
        )
    return delegations, len(on_behalf)


def plenary_list(meeting, *, opens_at, closes_at):
    """Create ``meeting``'s plenary list: 3 minutes a statement, 5 on behalf of a group."""
    from speakers.enums import ListKind
    from speakers.models import SpeakersList

    return SpeakersList.objects.create(
        meeting=meeting,
        kind=ListKind.PLENARY,
        opens_at=opens_at,
        closes_at=closes_at,
        individual_time_limit=3,
        group_time_limit=5,
    )
