"""Staff's admin pages answer hostile or careless input with a clear page, never a server error:
the checks live in the admin site (hlm_portal/admin_site.py), so Django's and the libraries'
admin pages have them too."""

import pytest

from meetings.models import SideEvent
from speakers import services
from speakers.models import Inscription
from stakeholders.models import AccreditedOrganization
from tests.meetings.factories import DelegationFactory, MeetingFactory
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
