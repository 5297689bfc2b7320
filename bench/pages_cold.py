"""Cold and warm requests of the pages benchmark: after a write, in steady state, after a start.

Part of ``bench/bench_pages.py`` (see bench/README.md); imported as ``pages_cold``.

- Cold: one request right after a write of the page's data made through the portal's own
  service (the same call a staff member's or a participant's action makes), so a cache that
  keeps the page, keyed by what the services change, has to render it again.
- Warm: the next request, same page, no write in between: the steady state.
- After a start: the first request of the page in a gunicorn worker that has just started and
  answered ``/healthz`` once (templates not yet compiled, catalogues not yet read).

Requests are sent one at a time from one client, so these are latencies, not throughput.
"""

import re
import time
from collections.abc import Callable
from html import escape

from common import DEMO_SLUG, free_port, request, running_gunicorn
from large_list import SLUG as LIST_SLUG
from pages_report import Page

# What each kind of write does (the report quotes these).
TOUCHES = {
    "status": "`meetings.services.meetings.set_meeting_status` moves the meeting of the long list "
    "from published to scheduled and back, in turn (its status on the home page changes)",
    "invitation": "`meetings.services.mailings.answer_invitation`: a panellist of the large "
    "meeting's "
    "measured segment accepts, then declines, in turn (confirmed, then out of the programme)",
    "demo-invitation": "`meetings.services.mailings.answer_invitation`: a participant of the demo "
    "meeting accepts, then declines, in turn",
    "speaker": "`speakers.services.change_speaker` (as staff): the name of the speaker of "
    "the first statement on the long list changes",
}


Check = Callable[[bytes, int], bool | None]  # does the answer show write n? None: cannot tell


def writers(segment_pk: int) -> dict[str, tuple[Callable[[int], None], Check]]:
    """Return, for each kind of ``TOUCHES``, write number n and a check of the answer after it.

    The check tells whether a page shows the write (a cache that served the page as it was
    before would fail it), or None where the page does not show what was written (the
    calendar does not list participants, a document is a file).
    """
    from django.utils import translation

    from meetings.enums import MeetingStatus
    from meetings.models import Meeting, Participant
    from meetings.services.mailings import answer_invitation
    from meetings.services.meetings import set_meeting_status
    from speakers.models import Inscription
    from speakers.services import SPEAKER_FIELDS, SpeakerDetails, change_speaker

    panellist = Participant.objects.filter(segment_id=segment_pk).order_by("position").first()
    demo_participant = (
        Participant.objects.filter(segment__meeting__slug=DEMO_SLUG).order_by("pk").first()
    )
    list_meeting = Meeting.objects.get(slug=LIST_SLUG)
    statement = (
        Inscription.objects.filter(speakers_list__meeting=list_meeting).order_by("pk").first()
    )
    speaker_name = statement.speaker_name

    def status(n: int) -> None:
        status = MeetingStatus.SCHEDULED if n % 2 == 0 else MeetingStatus.PUBLISHED
        set_meeting_status(meeting=list_meeting, status=status)

    def listed(body: bytes, n: int) -> bool | None:
        """Whether the meeting's card on the home page shows the status just set."""
        link = f'href="/meetings/{LIST_SLUG}/"'.encode()
        card = next((c for c in body.split(b"<article")[1:] if link in c), None)
        badge = card and re.search(rb'class="badge[^"]*">([^<]*)<', card)
        if not badge:
            return None
        expected = MeetingStatus.SCHEDULED if n % 2 == 0 else MeetingStatus.PUBLISHED
        with translation.override("en"):
            return badge.group(1).decode().strip() == str(expected.label)

    def invitation(participant) -> tuple[Callable[[int], None], Check]:
        # Another participant of the segment, left as it is, says whether the page lists them.
        witness = participant.segment.participants.exclude(pk=participant.pk).first()

        def write(n: int) -> None:
            answer_invitation(participant=participant, accept=n % 2 == 1)

        def item_of(person, body: bytes):
            name = re.escape(escape(person.display_name).encode())
            return re.search(rb"<li>" + name + rb".*?</li>", body)

        def check(body: bytes, n: int) -> bool | None:
            if witness is None or item_of(witness, body) is None:
                return None  # the page lists no participant (the calendar, a file)
            item = item_of(participant, body)
            if n % 2 == 0:  # declined: out of the programme
                return item is None
            return item is not None and b'class="tbc"' not in item.group()  # confirmed

        return write, check

    def speaker(n: int) -> None:
        fields = {name: getattr(statement, name) for name in SPEAKER_FIELDS}
        details = SpeakerDetails(**{**fields, "speaker_name": speaker_name_of(n)})
        change_speaker(inscription=statement, details=details, actor=None, by_staff=True)

    def speaker_name_of(n: int) -> str:
        return f"{speaker_name} (sample {n})"

    return {
        "status": (status, listed),
        "invitation": invitation(panellist),
        "demo-invitation": invitation(demo_participant),
        "speaker": (speaker, lambda body, n: escape(speaker_name_of(n)).encode() in body),
    }


def restore() -> None:
    """Leave the meeting of the long list published, as the load found it."""
    from meetings.enums import MeetingStatus
    from meetings.models import Meeting
    from meetings.services.meetings import set_meeting_status

    set_meeting_status(meeting=Meeting.objects.get(slug=LIST_SLUG), status=MeetingStatus.PUBLISHED)


def timed_get(port: int, page: Page) -> tuple[float, bytes]:
    """GET ``page`` once; return the seconds it took and the body; raise unless 200."""
    t0 = time.perf_counter()
    status, _headers, body = request(port, "GET", page.path)
    seconds = time.perf_counter() - t0
    if status != 200 or not body:
        raise RuntimeError(f"{page.path} answered {status}")
    return seconds, body


def cold_and_warm(pages: list[Page], *, port: int, samples: int, segment_pk: int) -> None:
    """For each page with a write: ``samples`` times, write, GET (cold), GET again (warm).

    Both answers are checked against the write where the page shows it (``Page.stale``).
    """
    from django.db import connection

    touches = writers(segment_pk)
    try:
        for page in pages:
            if not page.touch:
                continue
            print(f"Cold and warm {page.path} …", flush=True)
            write, check = touches[page.touch]
            for n in range(samples):
                write(n)
                for times in (page.cold_ms, page.warm_ms):
                    seconds, body = timed_get(port, page)
                    times.append(seconds * 1000)
                    fresh = check(body, n)
                    if fresh is not None:
                        page.checked += 1
                        page.stale += not fresh
    finally:
        restore()
        connection.close()


def first_after_start(pages: list[Page], *, log_path) -> None:
    """Start a one-worker gunicorn per page and time the page's first request in it."""
    for page in pages:
        if not page.touch:
            continue
        port = free_port()
        with running_gunicorn(port=port, workers=1, log_path=log_path, ready_path="/healthz"):
            page.start_ms = timed_get(port, page)[0] * 1000
