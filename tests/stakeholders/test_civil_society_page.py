"""The meeting's civil-society page shows the way to apply while the call is open; the form's
"Path" is a plain required choice."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from stakeholders.enums import ApplicationPath
from tests.stakeholders.factories import CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_an_open_call_shows_the_way_to_apply(client):
    process = CivilSocietyProcessFactory(closes_at=timezone.now() + timedelta(days=10))
    apply_url = reverse("stakeholders:apply", args=[process.meeting.slug])

    response = client.get(reverse("stakeholders:public_list", args=[process.meeting.slug]))

    assert f'href="{apply_url}"' in response.content.decode()
    assert "Applications closed" not in text(response)
    assert "Deadline:" in text(response)


def test_a_call_not_yet_open_says_when_it_opens(client):
    process = CivilSocietyProcessFactory(
        opens_at=timezone.now() + timedelta(days=2), closes_at=timezone.now() + timedelta(days=9)
    )

    response = client.get(reverse("stakeholders:public_list", args=[process.meeting.slug]))

    assert "Applications open on" in text(response)
    assert "/civil-society/apply/" not in response.content.decode()


def test_a_closed_call_says_it_closed(client):
    process = CivilSocietyProcessFactory(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=2)
    )

    response = client.get(reverse("stakeholders:public_list", args=[process.meeting.slug]))

    assert "Applications closed on" in text(response)
    assert "/civil-society/apply/" not in response.content.decode()


def test_the_path_offers_the_two_paths_and_no_blank_choice(client):
    process = CivilSocietyProcessFactory()

    page = client.get(reverse("stakeholders:apply", args=[process.meeting.slug])).content.decode()

    paths = re.findall(r'<input type="radio"[^>]*name="path" value="([^"]*)"', page)
    assert paths == [ApplicationPath.ECOSOC, ApplicationPath.PGA_LIST]
    assert "---------" not in page.split('id="div_id_path"')[1].split("</fieldset>")[0]
    assert not re.search(r'name="path"[^>]*checked', page)  # the applicant chooses


def test_the_path_heading_starts_on_its_own_line_below_the_section_heading(client):
    """Nothing hidden sits between the section's legend and the first field (the legend floats;
    only the element right after it clears the float)."""
    process = CivilSocietyProcessFactory()

    page = client.get(reverse("stakeholders:apply", args=[process.meeting.slug])).content.decode()

    section = page.split('<legend class="h5">')[1]
    after_legend = section.split("</legend>", 1)[1].lstrip()
    assert after_legend.startswith('<div id="div_id_path"')
