"""The public pages served from the cache: never stale, conditional, shareable, token-free."""

import gzip
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from html.parser import HTMLParser

from django.core.cache import cache
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

import pytest

from meetings import cache as page_versions
from meetings.cache import RELEASE_SOURCES, bump
from meetings.enums import ParticipantRole
from meetings.services.mailings import answer_invitation
from tests.meetings.factories import (
    FocalPointFactory,
    MeetingFactory,
    ParticipantFactory,
    SegmentFactory,
    new_york,
)

pytestmark = pytest.mark.django_db
QUERIES_OF_THE_MEETING_PAGE = 8  # the same for 2 segments as for 20


class _FormData(HTMLParser):
    """The values a browser would send with the first form of a page with method POST."""

    def __init__(self):
        super().__init__()
        self.data, self._in_form, self._select, self._textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
            self.data.append((name, attrs.get("value", default)))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.append((name, ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[-1] = (self._textarea, self.data[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def _admin_form(staff_client, url) -> dict:
    parser = _FormData()
    parser.feed(staff_client.get(url).content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, [])
        data[name].append(value.lstrip("\n"))
    return data


@pytest.fixture
def meeting():
    cache.clear()
    meeting = MeetingFactory(slug="cached-meeting")
    segment = SegmentFactory(meeting=meeting, title="Opening", theme="Old theme")
    ParticipantFactory(
        segment=segment, name="Ana Panel", role=ParticipantRole.PANELLIST, confirmed=False
    )
    return meeting


def test_a_staff_edit_in_the_admin_shows_on_the_next_request(
    meeting, staff_client, django_capture_on_commit_callbacks
):
    visitor = Client()
    segment = meeting.segments.get()
    pages = [meeting.get_absolute_url(), segment.get_absolute_url()]
    for url in pages:
        assert "Old theme" in visitor.get(url).content.decode()
    change = reverse("admin:meetings_segment_change", args=[segment.pk])
    data = _admin_form(staff_client, change)
    data["theme"] = ["A theme edited by staff"]
    data["theme_en"] = ["A theme edited by staff"]

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change, data)

    assert response.status_code == 302, re.findall(
        r"errorlist[^<]*<li>[^<]*", response.content.decode()
    )
    for url in pages:
        page = visitor.get(url).content.decode()
        assert "A theme edited by staff" in page
        assert "Old theme" not in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.integration
def test_a_page_rendered_while_a_write_is_open_is_not_served_after_its_commit(meeting):
    """A visitor's request renders the page from the data before a staff edit commits: from
    the commit on, visitors see the edit (the commit gives the page its new version)."""
    if connections["default"].vendor != "postgresql":
        pytest.fail("Reading while a write is open needs PostgreSQL: run it with `make test`.")
    url = meeting.get_absolute_url()
    segment = meeting.segments.get()

    def another_visitor() -> str:
        try:
            return Client().get(url).content.decode()
        finally:
            connections.close_all()  # this thread's own connection

    with transaction.atomic():
        segment.theme = "A theme edited by staff"
        segment.save()
        with ThreadPoolExecutor(max_workers=1) as pool:
            during = pool.submit(another_visitor).result()
    after = Client().get(url).content.decode()

    assert "Old theme" in during
    assert "A theme edited by staff" in after
    assert "Old theme" not in after


def test_a_cached_page_needs_no_query_and_a_service_write_is_seen(
    meeting, django_assert_num_queries, django_capture_on_commit_callbacks
):
    visitor = Client()
    url = meeting.get_absolute_url()
    panellist = meeting.segments.get().participants.get()
    assert "(TBC)" in visitor.get(url).content.decode()

    with django_assert_num_queries(0):
        assert "(TBC)" in visitor.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer_invitation(participant=panellist, accept=True)

    assert "(TBC)" not in visitor.get(url).content.decode()


def test_a_repeated_conditional_request_gets_304_until_the_page_changes(
    meeting, django_capture_on_commit_callbacks
):
    visitor = Client()
    segment = meeting.segments.get()
    url = segment.get_absolute_url()
    first = visitor.get(url)

    by_etag = visitor.get(url, headers={"if-none-match": first["ETag"]})
    by_date = visitor.get(url, headers={"if-modified-since": first["Last-Modified"]})
    segment.title = "Opening of the meeting"
    with django_capture_on_commit_callbacks(execute=True):
        segment.save()
    after_edit = visitor.get(url, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_date.status_code == 304
    assert after_edit.status_code == 200
    assert after_edit["ETag"] != first["ETag"]
    assert "Opening of the meeting" in after_edit.content.decode()


def test_after_a_deploy_that_changes_the_pages_no_page_of_the_previous_release_is_served(
    meeting, monkeypatch, tmp_path, django_assert_max_num_queries, request
):
    # The deploy changes a template (a new folder of code stands for it); no data changes.
    template = tmp_path / "meeting.html"
    template.write_text("<p>release 1</p>")
    monkeypatch.setattr(page_versions, "RELEASE_SOURCES", (*RELEASE_SOURCES, tmp_path))
    page_versions.release.cache_clear()  # a process of release 1
    request.addfinalizer(page_versions.release.cache_clear)  # the tests' own release after
    visitor = Client()
    url = meeting.get_absolute_url()
    first = visitor.get(url)
    template.write_text("<p>release 2</p>")
    later = time.time() + 60  # deployed a minute after the page was served
    os.utime(template, (later, later))
    page_versions.release.cache_clear()  # the processes of release 2

    after_deploy = visitor.get(url, headers={"if-none-match": first["ETag"]})

    assert after_deploy.status_code == 200  # not 304: the browser's copy is of release 1
    assert after_deploy["ETag"] != first["ETag"]
    by_date = visitor.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert by_date.status_code == 200  # the new release is newer than the copy
    with django_assert_max_num_queries(0):  # release 2's page is cached in its turn
        assert visitor.get(url).status_code == 200


@pytest.mark.parametrize(
    "name", ["meetings:list", "meetings:detail", "meetings:ical", "speakers:public_list"]
)
def test_public_pages_carry_no_cookie_nor_token_and_may_be_shared(meeting, name):
    url = reverse(name) if name == "meetings:list" else reverse(name, args=[meeting.slug])

    response = Client().get(url)
    again = Client().get(url, headers={"accept-encoding": "gzip, deflate"})

    assert response.status_code == 200
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert "stale-while-revalidate" in response["Cache-Control"]
    assert "Cookie" in response["Vary"] and "Accept-Encoding" in response["Vary"]
    assert again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == response.content


def test_a_signed_in_delegate_gets_their_own_page_never_shared(meeting):
    delegate = Client()
    delegate.force_login(FocalPointFactory().user)
    url = meeting.get_absolute_url()

    own = delegate.get(url)
    public = Client().get(url)

    assert "My delegation" in own.content.decode()
    assert "public" not in own.get("Cache-Control", "")
    assert "My delegation" not in public.content.decode()
    assert "Sign out" not in public.content.decode()


def test_the_language_link_switches_and_each_language_has_its_page(meeting):
    visitor = Client()
    url = meeting.get_absolute_url()
    english = visitor.get(url).content.decode()

    switch = visitor.get(f"/language/fr/?next={url}")
    french = visitor.get(url).content.decode()
    elsewhere = Client().get("/language/fr/?next=https://evil.example.org/")

    assert f'href="/language/fr/?next={url}"' in english
    assert switch.status_code == 302 and switch["Location"] == url
    assert '<html lang="fr"' in french and "Programme" in french
    assert f'href="/language/en/?next={url}"' in french
    assert elsewhere["Location"] == "/"


def _meeting_with(segments: int):
    meeting = MeetingFactory()
    for n in range(segments):
        starts_at = new_york(2026, 9, 22 + n % 3, 8 + n % 8)
        segment = SegmentFactory(
            meeting=meeting, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=50)
        )
        ParticipantFactory(segment=segment, role=ParticipantRole.CHAIR)
        ParticipantFactory(segment=segment, role=ParticipantRole.PANELLIST)
    return meeting


@pytest.mark.parametrize("size", [2, 20])
def test_the_meeting_page_takes_as_many_queries_for_2_segments_as_for_20(
    django_assert_num_queries, django_capture_on_commit_callbacks, size
):
    meeting = _meeting_with(size)
    visitor = Client()
    visitor.get(meeting.get_absolute_url())  # the meeting's id is now known to the cache
    with django_capture_on_commit_callbacks(execute=True):
        bump(meeting.pk)  # the page must be rendered again

    with django_assert_num_queries(QUERIES_OF_THE_MEETING_PAGE):
        assert visitor.get(meeting.get_absolute_url()).status_code == 200


def test_with_the_cache_unreachable_pages_still_render_and_writes_succeed(meeting, settings):
    unreachable = "redis://127.0.0.1:9/0"  # nothing listens on the discard port
    settings.CACHES = {
        "default": {
            "BACKEND": "hlm_portal.redis_cache.RedisCache",
            "LOCATION": unreachable,
        }
    }
    panellist = meeting.segments.get().participants.get()

    answer_invitation(participant=panellist, accept=True)
    response = Client().get(meeting.get_absolute_url())

    assert response.status_code == 200
    assert "Ana Panel" in response.content.decode()
    panellist.refresh_from_db()
    assert panellist.confirmed
