"""Public pages that look finished: the Office's header, a favicon, concluded meetings that
give their lists of speakers as a record, one kind badge, co-sponsors never split."""

import re
import subprocess
from datetime import date, timedelta

from django.contrib.staticfiles import finders
from django.utils import timezone

import pytest

from meetings.enums import MeetingStatus
from meetings.models import Segment
from tests.meetings.factories import DelegationFactory, MeetingFactory
from tests.speakers.factories import SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db

MEETING_2017 = "/meetings/trafficking-in-persons-2017/"


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_every_page_carries_the_offices_name_and_a_favicon(client, demo_meetings):
    page = client.get("/").content.decode()

    assert "Office of the President of the General Assembly" in text_of(client.get("/"))
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert len(icons) == 2 and any(icon.endswith(".svg") for icon in icons)
    for icon in icons:
        assert finders.find(icon.removeprefix("/static/")), icon
    favicon = client.get("/favicon.ico")  # asked for by every browser and crawler
    assert favicon.status_code == 301 and favicon["Location"].endswith("favicon.ico")


def test_the_pages_hold_no_inline_script(client, demo_lists):
    for url in ["/", MEETING_2017, MEETING_2017 + "speakers/", "/accounts/login/"]:
        page = client.get(url).content.decode()
        assert not re.search(r"\son(change|click|submit)=", page), url
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url


def test_a_concluded_meeting_gives_its_lists_as_a_record_of_who_was_heard(client, demo_lists):
    page = text_of(client.get(MEETING_2017 + "speakers/"))

    assert "Provisional" not in page
    assert "Lists of speakers High-level meeting" in page
    assert "Projected" not in page
    assert re.search(
        r"Sweden H\.E\. Speaker for Sweden, Permanent Representative to the United Nations "
        r"Heard, Wed 27 Sep, 3\.\d\d p\.m\.",
        page,
    )


def test_a_meeting_to_come_keeps_its_provisional_list_with_projected_times(client):
    meeting = MeetingFactory(
        starts_on=timezone.localdate() + timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=31),
    )
    speakers_list = SpeakersListFactory(meeting=meeting)
    inscribe(speakers_list, DelegationFactory(name="Chile"))

    page = text_of(client.get(f"/meetings/{meeting.slug}/speakers/"))

    assert "Provisional list of speakers" in page
    assert "Projected" in page and "Heard" not in page


def test_a_speaker_not_heard_at_a_past_meeting_is_not_given_a_time(client):
    meeting = MeetingFactory(
        starts_on=date(2025, 9, 24), ends_on=date(2025, 9, 24), status=MeetingStatus.CONCLUDED
    )
    speakers_list = SpeakersListFactory(meeting=meeting)
    inscribe(speakers_list, DelegationFactory(name="Chile"))
    speakers_list.opens_at = timezone.now() - timedelta(days=500)
    speakers_list.closes_at = timezone.now() - timedelta(days=430)
    speakers_list.save()

    page = text_of(client.get(f"/meetings/{meeting.slug}/speakers/"))

    assert "List of speakers" in page and "Provisional" not in page
    row = page.split("Chile", 1)[1].split("Office of the President")[0]
    assert "Not heard" in row and "a.m." not in row and "p.m." not in row


def test_a_segment_whose_title_says_its_kind_has_no_badge_repeating_it(client, demo_meetings):
    page = client.get(MEETING_2017).content.decode()

    badges = re.findall(r'<span class="badge text-bg-light fw-normal">([^<]+)</span>', page)
    assert badges == []  # "Plenary meeting", "Interactive panel discussion 1", "Opening segment"
    plenaries = Segment.objects.filter(
        meeting__slug="trafficking-in-persons-2017", title="Plenary meeting"
    )
    assert page.count(">Plenary meeting</a>") == plenaries.count()


def test_the_notice_never_splits_a_delegations_name_across_lines(client, demo_meetings, tmp_path):
    pdf = tmp_path / "notice.pdf"
    response = client.get("/side-events/roundtable-2017-review-2016-12-05/notice.pdf")
    pdf.write_bytes(
        b"".join(response.streaming_content) if response.streaming else response.content
    )

    lines = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for name in [
        "United Arab Emirates", "Bolivia (Plurinational State of)",
        "Lao People's Democratic Republic", "Venezuela (Bolivarian Republic of)",
    ]:  # fmt: skip
        assert any(name in line for line in lines), name
