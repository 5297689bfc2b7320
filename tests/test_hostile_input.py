"""What an attacker or a careless user sends gets a clear answer, never a server error, and
loses or duplicates nothing (the findings of the hardening review, one test each)."""

import re
from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.enums import DraftStage, MeetingStatus
from meetings.forms import DeadlineForm, SideEventForm
from meetings.models import Proposal, SideEvent
from meetings.services import resolutions, side_events
from speakers.models import Inscription, SwapRequest
from stakeholders.services import applications
from tests.meetings.factories import (
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    ResolutionFactory,
    RoomFactory,
    UserFactory,
)
from tests.meetings.test_negotiation import ZERO_DRAFT
from tests.speakers.factories import SpeakersListFactory, inscribe
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def signed_in(focal_point) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(focal_point.user)
    return client


@pytest.fixture
def belgium():
    return FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))


@pytest.fixture
def open_draft():
    resolution = ResolutionFactory(symbol=None, meeting=MeetingFactory())
    return resolutions.circulate_draft(
        resolution=resolution,
        stage=DraftStage.ZERO,
        circulated_on=date(2021, 3, 12),
        text=ZERO_DRAFT,
        input_deadline=timezone.now() + timedelta(days=5),
    )


@pytest.mark.parametrize("hostile", ["abc", "1e3", "²", "-1", str(2**70), ""])
def test_a_swap_request_naming_no_statement_is_a_404(belgium, hostile):
    speakers_list = SpeakersListFactory()
    own = inscribe(speakers_list, belgium.delegation)
    response = signed_in(belgium).post(
        reverse("speakers:request_swap", args=[own.pk]), {"counterpart": hostile}
    )
    assert response.status_code == 404
    assert not SwapRequest.objects.exists()


def test_a_withdrawn_statement_cannot_ask_to_swap(belgium):
    speakers_list = SpeakersListFactory()
    other = inscribe(speakers_list, DelegationFactory(name="Peru"))
    own = inscribe(speakers_list, belgium.delegation)
    client = signed_in(belgium)
    client.post(reverse("speakers:withdraw", args=[own.pk]))

    response = client.post(
        reverse("speakers:request_swap", args=[own.pk]), {"counterpart": other.pk}, follow=True
    )

    assert "no longer on the list" in text(response)
    assert not SwapRequest.objects.exists()


@pytest.mark.parametrize("hostile", ["abc", "²", str(2**64)])
def test_input_on_a_paragraph_that_does_not_exist_is_a_404(belgium, open_draft, hostile):
    client = signed_in(belgium)
    url = reverse("meetings:draft_input", args=[open_draft.pk])
    response = client.post(url, {"paragraph": hostile, "kind": "comment", "text": "A view"})
    assert response.status_code == 404


@pytest.mark.parametrize("hostile", ["abc", "²", "-1", str(2**64), ""])
def test_withdrawing_input_that_is_not_an_id_is_a_404_and_withdraws_nothing(
    belgium, open_draft, hostile
):
    resolutions.propose(
        delegation=belgium.delegation, kind="general", text="A view", actor=None, draft=open_draft
    )
    url = reverse("meetings:draft_input", args=[open_draft.pk])

    response = signed_in(belgium).post(url, {"withdraw": hostile})

    assert response.status_code == 404
    assert open_draft.proposals.count() == 1


def test_proposals_are_recorded_once_and_bounded_in_length(belgium, open_draft):
    client = signed_in(belgium)
    url = reverse("meetings:draft_input", args=[open_draft.pk])
    paragraph = open_draft.paragraphs.first()
    for _ in range(3):  # a double click and a resent form
        client.post(url, {"paragraph": paragraph.pk, "kind": "comment", "text": "Our view"})
    too_long = client.post(
        url, {"paragraph": paragraph.pk, "kind": "comment", "text": "x" * 1_000_000}, follow=True
    )

    assert list(Proposal.objects.values_list("text", flat=True)) == ["Our view"]
    assert "at most 5,000 characters" in text(too_long)


def test_a_nul_byte_anywhere_gets_a_clear_400_and_saves_nothing(belgium, open_draft):
    client = signed_in(belgium)
    url = reverse("meetings:draft_input", args=[open_draft.pk])
    paragraph = open_draft.paragraphs.first()
    response = client.post(url, {"paragraph": paragraph.pk, "kind": "comment", "text": "a\x00b"})
    staff = Client(raise_request_exception=False)
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))
    filtered = staff.get("/admin/speakers/inscription/", {"status__exact": "\x00"})

    assert response.status_code == 400
    assert "NUL character" in text(response)
    assert filtered.status_code == 400
    assert not Proposal.objects.exists()


def test_silence_broken_on_paragraph_ids_that_are_not_ids_is_refused_clearly(belgium, open_draft):
    final = resolutions.circulate_draft(
        resolution=open_draft.resolution,
        stage=DraftStage.FINAL,
        circulated_on=date(2021, 4, 26),
        text=ZERO_DRAFT,
    )
    resolutions.put_under_silence(draft=final, deadline=timezone.now() + timedelta(hours=2))
    response = signed_in(belgium).post(
        reverse("meetings:silence", args=[final.pk]),
        {"paragraphs": ["x", "²", str(2**70)], "explanation": "Why"},
    )
    assert response.status_code == 400  # the page again, with the service's message
    assert "Name the paragraphs and explain briefly." in text(response)
    assert ">Why</textarea>" in response.content.decode()  # the explanation kept


def test_drafts_of_a_meeting_staff_have_not_published_stay_private(belgium, open_draft):
    open_draft.resolution.meeting.status = MeetingStatus.DRAFT
    open_draft.resolution.meeting.save()
    response = signed_in(belgium).get(reverse("meetings:draft_input", args=[open_draft.pk]))
    assert response.status_code == 404


def test_a_side_event_of_an_unpublished_meeting_is_not_public(client, belgium):
    event = make_event(belgium, "Roundtable", meeting=MeetingFactory(status=MeetingStatus.DRAFT))
    event.is_published = True
    event.save()
    assert client.get(reverse("meetings:side_event", args=[event.slug])).status_code == 404


def make_event(focal_point, title, **extra):
    starts = timezone.now() + timedelta(days=10)
    form = SideEventForm(
        {
            "title": title,
            "kind_label": "Working roundtable",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "room": RoomFactory().pk,
            "seats": 10,
            "registration_closes_at": (starts - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "contact_name": "Focal point",
            "contact_email": "fp@example.org",
            "co_sponsoring_delegations": [focal_point.delegation.pk],
        }
    )
    assert form.is_valid(), form.errors
    event = form.save(commit=False)
    for field, value in extra.items():
        setattr(event, field, value)
    return side_events.save_side_event(
        side_event=event,
        organizer=focal_point.delegation,
        actor=focal_point.user,
        co_sponsoring_delegations=form.cleaned_data["co_sponsoring_delegations"],
        other_co_sponsors=[],
    )


def test_side_events_titled_alike_on_one_day_get_their_own_addresses(client, belgium):
    first = make_event(belgium, "Roundtable: survivors' voices")
    second = make_event(belgium, "Roundtable — survivors’ voices")
    chinese = make_event(belgium, "圆桌会议")
    emoji = make_event(belgium, "🤝")
    day = f"{first.starts_at:%Y-%m-%d}"

    assert first.slug == f"roundtable-survivors-voices-{day}"
    assert second.slug == f"roundtable-survivors-voices-{day}-2"
    assert chinese.slug == f"圆桌会议-{day}"
    assert emoji.slug == f"side-event-{day}"
    for event in (first, second, chinese, emoji):
        event.is_published = True
        event.save()
        assert client.get(reverse("meetings:side_event", args=[event.slug])).status_code == 200
    assert SideEvent.objects.count() == 4


def test_the_rostrum_ignores_a_shown_id_that_is_not_one(admin_client):
    speakers_list = SpeakersListFactory()
    inscribe(speakers_list, DelegationFactory(name="Peru"))
    url = reverse("speakers:rostrum_act", args=[speakers_list.pk])
    admin_client.post(url, {"action": "start"})
    response = admin_client.post(url, {"action": "heard", "shown": "²"})
    assert response.status_code == 200
    assert response.json()["changed"] is False


@pytest.mark.parametrize(
    "url",
    [
        f"/documents/{2**64}/",
        f"/resolutions/{2**70}/",
        f"/meetings/x/segments/{2**63}/",
        f"/programmes/{10**30}.pdf",
    ],
)
def test_ids_beyond_64_bits_are_not_found(url):
    assert Client(raise_request_exception=False).get(url).status_code == 404


def test_an_organization_edits_one_representative_and_keeps_the_others(client):
    process = CivilSocietyProcessFactory(max_representatives=2)
    application = ApplicationFactory(
        process=process, name="Alpha", representatives=["female", "male"]
    )
    first, second = application.representatives.order_by("pk")
    token = applications.status_url(application).rstrip("/").rsplit("/", 1)[1]
    edit_url = reverse("stakeholders:edit", args=[token])
    data = form_fields(client.get(edit_url).content.decode())
    data["rep-0-title"] = "Director of advocacy"

    response = client.post(edit_url, data)

    assert response.status_code == 302, text(response)
    assert list(
        application.representatives.order_by("pk").values_list("pk", "title", "gender")
    ) == [
        (first.pk, "Director of advocacy", "female"),
        (second.pk, "Director", "male"),
    ]


def test_an_organization_changes_its_website_and_keeps_its_representatives(client):
    process = CivilSocietyProcessFactory(max_representatives=2)
    application = ApplicationFactory(
        process=process, name="Alpha", representatives=["female", "male"]
    )
    before = list(application.representatives.order_by("pk").values_list("pk", "name"))
    token = applications.status_url(application).rstrip("/").rsplit("/", 1)[1]
    edit_url = reverse("stakeholders:edit", args=[token])
    data = form_fields(client.get(edit_url).content.decode())
    data["website"] = "https://alpha.example.org/new"

    response = client.post(edit_url, data)

    assert response.status_code == 302, text(response)
    application.refresh_from_db()
    assert application.website == "https://alpha.example.org/new"
    assert list(application.representatives.order_by("pk").values_list("pk", "name")) == before


def form_fields(html: str) -> dict:
    """The values a browser would send back from the page's application form, unchanged."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag or 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag or 'type="radio"' in tag:
            if "checked" in tag:
                data.setdefault(name[1], value[1] if value else "on")
            continue
        data[name[1]] = value[1] if value else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = body.strip()
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen[1] if chosen else ""
    return {
        k: v.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
        for k, v in data.items()
    }


def test_a_co_sponsor_named_past_200_characters_is_refused_on_the_form(belgium):
    data = side_event_data(timezone.now() + timedelta(days=10))
    data["other_co_sponsors"] = "UNICEF\n" + "x" * 201
    response = signed_in(belgium).post(reverse("meetings:side_event_new"), data)
    assert response.status_code == 400
    assert "at most 200 characters" in text(response)
    assert not SideEvent.objects.exists()


def side_event_data(starts, **extra) -> dict:
    return {
        "title": "Roundtable",
        "kind_label": "Working roundtable",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "room": RoomFactory().pk,
        "seats": 10,
        "registration_closes_at": (starts - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "contact_name": "Focal point",
        "contact_email": "fp@example.org",
        **extra,
    }


@pytest.mark.parametrize("when", ["9999-12-31T23:59", "2201-01-01T10:00", "1900-01-01T10:00"])
def test_a_side_event_dated_outside_1945_to_2200_is_refused(client, belgium, when):
    data = side_event_data(timezone.now() + timedelta(days=10), starts_at=when)
    response = signed_in(belgium).post(reverse("meetings:side_event_new"), data)
    assert response.status_code == 400
    assert "Give a date between 1945 and 2200." in text(response)
    assert not SideEvent.objects.exists()
    assert client.get(reverse("meetings:list")).status_code == 200


def test_a_deadline_past_2200_is_a_form_error():
    form = DeadlineForm({"deadline": "9999-12-31T23:59"})
    assert form.errors == {"deadline": ["Give a date between 1945 and 2200."]}


@pytest.mark.parametrize("url", ["/side-events/%00/", "/delegation/side-events/a%00b/edit/"])
def test_an_address_with_a_nul_byte_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_an_overlong_name_at_sign_in_is_a_form_error(client):
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "secret"})
    assert response.status_code == 200
    assert "at most 150 characters" in text(response)


@pytest.mark.parametrize("hostile", ["abc", str(2**64), str(-(2**64))])
def test_a_co_sponsor_that_cannot_be_a_delegation_is_a_form_error(belgium, hostile):
    data = side_event_data(timezone.now() + timedelta(days=10))
    data["co_sponsoring_delegations"] = [belgium.delegation.pk, hostile]
    response = signed_in(belgium).post(reverse("meetings:side_event_new"), data)
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)
    assert not SideEvent.objects.exists()


def test_a_statement_already_heard_offers_no_change_form(belgium):
    speakers_list = SpeakersListFactory()
    own = inscribe(speakers_list, belgium.delegation)
    Inscription.objects.filter(pk=own.pk).update(status="heard")
    response = signed_in(belgium).get(reverse("speakers:change", args=[own.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("speakers:dashboard")
    assert "This statement can no longer be changed." in text(response)


def test_a_new_side_event_sent_twice_is_made_once(belgium):
    """A double click, a form sent again after Back, a browser without JavaScript: one event."""
    client = signed_in(belgium)
    url = reverse("meetings:side_event_new")
    page = client.get(url).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', page)[1]
    form = side_event_data(
        timezone.now() + timedelta(days=10),
        submission_key=key,
        co_sponsoring_delegations=[belgium.delegation.pk],
    )

    first = client.post(url, form)
    again = client.post(url, form)

    assert SideEvent.objects.count() == 1
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    other_form = {**form, "submission_key": re.search(
        r'name="submission_key" value="([^"]+)"', client.get(url).content.decode()
    )[1]}  # fmt: skip
    client.post(url, other_form)
    assert SideEvent.objects.count() == 2  # a second form shown is a second event


def test_a_refused_proposal_is_shown_again_as_typed_to_correct(belgium, open_draft):
    """Input the portal refuses (too long here) comes back in its form with the reason: the
    delegation shortens it, it does not type it again."""
    client = signed_in(belgium)
    paragraph = open_draft.paragraphs.last()
    typed = "Replace with: " + "wording " * 700

    response = client.post(
        reverse("meetings:draft_input", args=[open_draft.pk]),
        {"paragraph": paragraph.pk, "kind": "wording", "text": typed},
    )

    html = response.content.decode()
    form = html[html.index(f'id="p-{paragraph.pk}"') :]
    assert response.status_code == 400
    assert "at most 5,000 characters" in text(response)
    assert re.search(r"<details[^>]*\bopen\b", form)
    assert typed.strip() in form[: form.index("</textarea>")]
    assert re.search(r'value="wording" checked', form)
    assert not Proposal.objects.exists()


def test_reading_a_draft_again_keeps_the_delegations_input(admin_client, belgium, open_draft):
    """Staff read a draft's text again (a typo to fix): the Member States' input on its
    paragraphs is not thrown away with the paragraphs; the text is kept on the form to
    circulate as a new draft."""
    paragraph = open_draft.paragraphs.first()
    signed_in(belgium).post(
        reverse("meetings:draft_input", args=[open_draft.pk]),
        {"paragraph": paragraph.pk, "kind": "comment", "text": "Belgium's view"},
    )
    url = reverse("admin:meetings_resolutiondraft_import", args=[open_draft.pk])

    response = admin_client.post(url, {"text": "The General Assembly,\n\n1. Decides to act;"})

    assert response.status_code == 200
    assert "Decides to act;" in response.content.decode()
    assert "Delegations have given input" in text(response)
    assert list(Proposal.objects.values_list("text", flat=True)) == ["Belgium's view"]
    assert open_draft.paragraphs.filter(pk=paragraph.pk).exists()
