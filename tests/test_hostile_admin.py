"""Staff's admin pages answer hostile or careless input with a clear page, never a server error:
the checks live in the admin site (hlm_portal/admin_site.py), so Django's and the libraries'
admin pages have them too."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.models import LetterTemplate, SideEvent
from speakers import services
from speakers.models import Inscription
from stakeholders.models import AccreditedOrganization
from tests.meetings.factories import DelegationFactory, MeetingFactory, SegmentFactory
from tests.speakers.factories import SpeakersListFactory, inscribe
from tests.test_hostile_input import form_fields, text

pytestmark = pytest.mark.django_db

NOT_KEYS = ["abc", "²", str(2**64)]


@pytest.mark.parametrize("url", ["/admin/speakers/inscription/", "/admin/auth/user/"])
def test_an_action_on_ids_that_are_not_ids_changes_nothing(admin_client, url):
    inscribe(SpeakersListFactory(), DelegationFactory(name="Peru"))
    response = admin_client.post(
        url, {"action": "delete_selected", "index": "0", "_selected_action": NOT_KEYS}, follow=True
    )
    assert response.status_code == 200
    assert "Items must be selected" in text(response)
    assert Inscription.objects.count() == 1


def test_search_as_you_type_fields_show_a_wrong_value_as_a_form_error(admin_client):
    meeting = MeetingFactory()
    response = admin_client.post(
        "/admin/meetings/sideevent/add/",
        {"title": "Roundtable", "organizer": "abc", "room": "²", "meeting": meeting.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert not SideEvent.objects.exists()


@pytest.mark.parametrize("key", ["abc", "²", str(2**64)])
def test_the_history_of_an_object_that_cannot_exist_is_not_found(admin_client, key):
    MeetingFactory()
    response = admin_client.get(f"/admin/meetings/meeting/{key}/history/", follow=True)
    assert response.status_code == 200
    assert "doesn’t exist" in text(response)


def test_a_statement_added_without_its_list_is_a_form_error(admin_client):
    response = admin_client.post("/admin/speakers/inscription/add/", {"organization": "NGO"})
    assert response.status_code == 200
    assert "This field is required" in text(response)
    assert not Inscription.objects.exists()


def test_a_change_the_service_refuses_is_shown_and_saves_nothing(admin_client):
    inscription = inscribe(SpeakersListFactory(), DelegationFactory(name="Peru"))
    url = f"/admin/speakers/inscription/{inscription.pk}/change/"
    data = form_fields(admin_client.get(url).content.decode())
    services.withdraw(inscription=inscription, actor=None)
    data["speaker_name"] = "Someone else"

    response = admin_client.post(url, data, follow=True)

    assert response.status_code == 200
    assert "This statement can no longer be changed." in text(response)
    inscription.refresh_from_db()
    assert inscription.speaker_name == "Speaker of Peru"


def test_staff_cannot_add_an_entry_to_a_proposed_list_by_hand(admin_client):
    assert admin_client.get("/admin/stakeholders/proposedentry/add/").status_code == 403
    assert admin_client.post("/admin/stakeholders/proposedentry/add/", {}).status_code == 403


def test_an_organization_already_on_the_ecosoc_list_is_not_added_twice(admin_client):
    AccreditedOrganization.objects.create(name="Fuzz Text", ecosoc_status="general")
    response = admin_client.post(
        "/admin/stakeholders/accreditedorganization/add/",
        {"name": "  fuzz  text ", "ecosoc_status": "general", "imported_at_0": "2024-01-01",
         "imported_at_1": "10:00"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "already on the ECOSOC list" in text(response)
    assert AccreditedOrganization.objects.count() == 1


def test_a_date_past_the_year_2200_is_refused_in_the_admin(admin_client):
    speakers_list = SpeakersListFactory()
    url = f"/admin/speakers/speakerslist/{speakers_list.pk}/change/"
    data = form_fields(admin_client.get(url).content.decode())
    data.update({"closes_at_0": "9999-12-31", "closes_at_1": "23:59"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Give a date between 1945 and 2200." in text(response)
    speakers_list.refresh_from_db()
    assert speakers_list.closes_at.year < 2200


def test_an_overlong_name_at_the_admin_sign_in_is_a_form_error(client):
    response = client.post("/admin/login/", {"username": "x" * 300, "password": "secret"})
    assert response.status_code == 200
    assert "at most 150 characters" in text(response)


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
