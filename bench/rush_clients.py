"""The focal points of the rush benchmark: accounts, sessions, CSRF tokens, the form, the lists.

Part of ``bench/bench_rush.py`` (see bench/README.md); imported as ``rush_clients``.
"""

import argparse
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from common import (
    extra_observer,
    level_for,
    request,
)

SLUG_PREFIX = "bench-rush"
USER_DOMAIN = "rush.bench.example.org"
PROBE_CODE = "BENCH-PROBE"
SESSION_BACKEND = "meetings.access.SignInBackend"
FAR_FUTURE = timedelta(days=3650)  # a list "not yet open" until the round starts
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Client:
    """One delegation's focal point, signed in."""

    delegation_id: int
    delegation_code: str
    delegation_name: str
    is_state: bool
    session_key: str
    level: int
    double_click: bool = False
    csrf_cookie: str = ""
    csrf_token: str = ""

    def cookie_header(self) -> str:
        from django.conf import settings

        cookies = [f"{settings.SESSION_COOKIE_NAME}={self.session_key}"]
        if self.csrf_cookie:
            cookies.append(f"{settings.CSRF_COOKIE_NAME}={self.csrf_cookie}")
        return "; ".join(cookies)


def inscribe_path(list_pk: int) -> str:
    from django.urls import reverse

    return reverse("speakers:inscribe", kwargs={"pk": list_pk})


def fetch_csrf(port: int, client: Client, list_pk: int) -> None:
    """GET the inscription page as ``client``; keep the CSRF cookie and the form's token."""
    from django.conf import settings

    path = inscribe_path(list_pk)
    status, headers, body = request(port, "GET", path, headers={"Cookie": client.cookie_header()})
    if status != 200:
        raise RuntimeError(f"GET {path} as {client.delegation_code} answered {status}")
    for value in headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie()
        cookie.load(value)
        if settings.CSRF_COOKIE_NAME in cookie:
            client.csrf_cookie = cookie[settings.CSRF_COOKIE_NAME].value
    match = CSRF_INPUT.search(body.decode("utf-8", errors="replace"))
    if not client.csrf_cookie or not match:
        raise RuntimeError(f"No CSRF cookie or token for {client.delegation_code} on {path}")
    client.csrf_token = match.group(1)


def form_body(client: Client) -> str:
    name = f"Speaker for {client.delegation_name}"[:150]
    return urlencode(
        {
            "csrfmiddlewaretoken": client.csrf_token,
            "honorific": "H.E. Ms." if client.delegation_id % 2 else "H.E. Mr.",
            "speaker_name": name,
            "function": "Minister for Foreign Affairs" if client.is_state else "Head of delegation",
            "level": str(client.level),
            "on_behalf_of": "",
            "gender": "female" if client.delegation_id % 2 else "male",
            "submit": "Inscribe the speaker",
        }
    )


def signed_in_session(user) -> str:
    """Write a session in which ``user`` is signed in; return its key (no sign-in form)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = SESSION_BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def focal_point_for(delegation):
    """Return (creating them if needed) the benchmark's user and focal point of ``delegation``."""
    from django.contrib.auth import get_user_model

    from meetings.models import FocalPoint

    email = f"fp-{delegation.code.lower()}@{USER_DOMAIN}"
    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "first_name": "Focal", "last_name": "Point"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    FocalPoint.objects.get_or_create(
        user=user, defaults={"delegation": delegation, "function": "Focal point (benchmark)"}
    )
    return user


def create_clients(args: argparse.Namespace) -> list[Client]:
    """Return signed-in focal points of ``args.states`` States and ``args.observers`` observers."""
    from django.db import transaction

    from meetings.enums import DelegationKind
    from meetings.models import Delegation

    state_kinds = [DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE]
    with transaction.atomic():
        states = list(Delegation.objects.filter(kind__in=state_kinds).order_by("sort_key"))
        if len(states) < args.states:
            raise RuntimeError(f"Only {len(states)} States in the reference data")
        observers = list(
            Delegation.objects.exclude(kind__in=state_kinds)
            .exclude(code=PROBE_CODE)
            .exclude(code__startswith="BENCH-OBS")
            .order_by("sort_key")
        )[: args.observers]
        for n in range(1, args.observers - len(observers) + 1):
            observers.append(extra_observer(n))
        delegations = states[: args.states] + observers
        rng = random.Random(args.seed)
        clients = []
        for delegation in delegations:
            user = focal_point_for(delegation)
            clients.append(
                Client(
                    delegation_id=delegation.pk,
                    delegation_code=delegation.code,
                    delegation_name=delegation.name,
                    is_state=delegation.is_state,
                    session_key=signed_in_session(user),
                    level=level_for(rng, delegation.is_state),
                )
            )
    for index in rng.sample(range(len(clients)), round(args.double_click * len(clients))):
        clients[index].double_click = True
    return clients


def create_list(slug: str, title: str):
    """Create a published meeting with two plenary meetings and its plenary list (not open)."""
    from django.utils import timezone

    from meetings.enums import MeetingStatus, SegmentKind
    from meetings.models import Meeting, Segment
    from speakers.enums import ListKind
    from speakers.models import SpeakersList

    now = timezone.now()
    day = timezone.localdate(now) + timedelta(days=60)
    meeting = Meeting.objects.create(
        title=f"High-level meeting of the General Assembly: {title}",
        short_title=title,
        slug=slug,
        ga_session=80,
        starts_on=day,
        ends_on=day,
        status=MeetingStatus.PUBLISHED,
    )
    tz = timezone.get_current_timezone()
    for position, (start, end) in enumerate([(10, 13), (15, 18)], start=1):
        Segment.objects.create(
            meeting=meeting,
            kind=SegmentKind.PLENARY,
            title=f"Plenary meeting {position}",
            starts_at=datetime(day.year, day.month, day.day, start, tzinfo=tz),
            ends_at=datetime(day.year, day.month, day.day, end, tzinfo=tz),
            until_list_exhausted=position == 2,
            position=position,
        )
    return SpeakersList.objects.create(
        meeting=meeting,
        kind=ListKind.PLENARY,
        opens_at=now + FAR_FUTURE,
        closes_at=now + FAR_FUTURE + timedelta(days=30),
    )


def open_list_at(speakers_list, lead: float) -> float:
    """Set the list to open ``lead`` seconds from now; return that moment as a ``time.time()``."""
    from django.utils import timezone

    from speakers.models import SpeakersList

    opens_at = timezone.now() + timedelta(seconds=lead)
    SpeakersList.objects.filter(pk=speakers_list.pk).update(opens_at=opens_at)
    return opens_at.timestamp()


def remove_earlier_runs() -> None:
    from meetings.models import Meeting

    deleted, _by_model = Meeting.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    if deleted:
        print(f"Removed {deleted} rows of an earlier run", flush=True)
