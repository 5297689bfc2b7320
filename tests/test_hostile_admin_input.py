"""Hostile or mistaken input on the staff's admin pages: a clear message and nothing lost,
never a server error (dates beyond the calendar in an address, letter templates that fail when
filled in, files that cannot be read, input that a change would delete)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.models import LetterTemplate
from tests.meetings.factories import MeetingFactory, SegmentFactory
from tests.speakers.factories import SpeakersListFactory
from tests.test_hostile_input import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        {"starts_on__year": "9" * 25},
        {"starts_on__year": "2017", "starts_on__month": "9" * 25},
        {"starts_on__year": "9999", "starts_on__month": "12", "starts_on__day": "31"},
    ],
)
def test_a_date_beyond_the_calendar_in_an_admin_list_address_is_refused_clearly(
    admin_client, query
):
    """The admin's lists by date (year, month, day in the address): a date no calendar holds
    lands on the list's page that says the filter is wrong, as an impossible date does."""
    url = reverse("admin:meetings_meeting_changelist")

    response = admin_client.get(url, query)

    assert response.status_code == 302 and response["Location"] == f"{url}?e=1"


@pytest.mark.parametrize(
    "body",
    [
        '{% include "admin/base.html" %}',
        '{% url "no-such-page" %}',
        "{% for paragraph in 1 %}{{ paragraph }}{% endfor %}",
    ],
)
def test_a_letter_template_that_fails_when_filled_in_is_refused_and_breaks_no_page(
    admin_client, body
):
    """Staff type letter templates: one that cannot be filled in is refused on saving with the
    reason, and no page shows or includes what a letter may not (the site's own templates)."""
    meeting = MeetingFactory()
    SegmentFactory(meeting=meeting)
    template = LetterTemplate.objects.create(
        name="Invitation", subject="Invitation", body="Excellency,\n\nWe invite you."
    )
    url = reverse("admin:meetings_lettertemplate_change", args=[template.pk])
    form = {
        "name": template.name, "kind": template.kind, "form": template.form,
        "subject": template.subject, "body": body, "signatory_name": "Miroslav Lajčák",
        "signatory_title": "President of the General Assembly",
    }  # fmt: skip

    saved = admin_client.post(url, form)
    page = admin_client.get(url)

    assert saved.status_code == 200
    assert "The letter template has an error" in text(saved)
    template.refresh_from_db()
    assert template.body == "Excellency,\n\nWe invite you."
    assert page.status_code == 200


def test_reopening_a_list_until_a_day_beyond_the_calendar_is_refused_clearly(admin_client):
    speakers_list = SpeakersListFactory(
        opens_at=timezone.now() - timedelta(days=5), closes_at=timezone.now() - timedelta(days=1)
    )
    data = {"action": "open_now", "_selected_action": [speakers_list.pk]}

    response = admin_client.post(
        "/admin/speakers/speakerslist/", {**data, "closes_at": "9999-12-31T23:59"}
    )

    assert response.status_code == 200
    speakers_list.refresh_from_db()
    assert speakers_list.closes_at < timezone.now()
    assert "9999-12-31T23:59" in response.content.decode()  # as typed, to correct


def test_a_meeting_item_to_replace_named_by_no_number_is_ignored(admin_client, demo_meetings):
    from meetings.models import Modalities

    modalities = Modalities.objects.get(resolution__meeting__slug="trafficking-in-persons-2021")
    url = reverse("admin:meetings_modalities_apply", args=[modalities.pk])

    response = admin_client.post(url, {"overwrite": ["²", "①"]})

    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("list.csv", "name,status\nCafé Org,general\n".encode("latin-1"), "UTF-8"),
        ("list.csv", "name,status\nOrg,general\n".encode("utf-16"), "UTF-8"),
        ("list.xlsx", b"name,status\nOrg,general\n", "Excel workbook"),
        ("list.csv", b'name,status\n"' + b"x" * 200_000 + b'",general\n', "row 2"),
        ("list.csv", b"name,status\nA\x00B,general\n", "row 2"),
        ("list.csv", b"name,status,country\n" + b"N" * 301 + b",general,X\n", "row 2"),
        ("list.csv", b"name,status,country\nOrg,general," + b"C" * 121 + b"\n", "row 2"),
    ],
)
def test_an_ecosoc_list_that_cannot_be_read_is_refused_with_the_reason(
    admin_client, name, content, says
):
    """Staff upload the ECOSOC list as a CSV or XLSX: a file in another encoding, not a
    workbook, or with a row no organization can have is refused whole, saying why."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from stakeholders.models import AccreditedOrganization

    url = reverse("admin:stakeholders_ecosoc_import")

    response = admin_client.post(url, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    assert says.lower() in text(response).lower()
    assert not AccreditedOrganization.objects.exists()
