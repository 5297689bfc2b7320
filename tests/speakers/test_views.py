import re
import subprocess
from datetime import date, timedelta

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.enums import PUBLIC_MEETING_STATUSES, MeetingStatus
from meetings.models import GroupChair, GroupOfStates, Meeting
from speakers.enums import Level, SwapStatus
from speakers.models import Inscription, SwapRequest
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import FORM, SpeakersListFactory, inscribe

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def speakers_list():
    return SpeakersListFactory()


@pytest.fixture
def focal_point():
    return FocalPointFactory(delegation=DelegationFactory(name="Belgium", code="BEL"))


@pytest.fixture
def delegate(focal_point):
    client = Client()
    client.force_login(focal_point.user)
    return client


def test_delegation_pages_send_anonymous_users_to_sign_in(client, speakers_list):
    inscription = inscribe(speakers_list, DelegationFactory())
    urls = [
        reverse("speakers:dashboard"),
        reverse("speakers:inscribe", args=[speakers_list.pk]),
        reverse("speakers:change", args=[inscription.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.post(reverse("speakers:withdraw", args=[inscription.pk])).status_code == 302
    assert Inscription.objects.get(pk=inscription.pk).status == "active"


def test_a_user_without_a_delegation_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(reverse("speakers:dashboard")).status_code == 403


def test_focal_point_inscribes_and_sees_place_and_projected_time(delegate, speakers_list):
    inscribe(speakers_list, DelegationFactory(name="Nepal"), Level.HEAD_OF_STATE)

    response = delegate.post(
        reverse("speakers:inscribe", args=[speakers_list.pk]), FORM, follow=True
    )

    page = text(response)
    assert "H.E. Mr. Didier Example is inscribed; place 2 on the list." in page
    assert "Place on the list 2" in page
    day = speakers_list.meeting.starts_on
    assert f"{day:%A}, {day.day} {day:%B %Y}, 11.03 a.m." in page  # after Nepal's 3 minutes


def test_form_errors_are_shown_and_nothing_typed_is_lost(delegate, speakers_list):
    data = {**FORM, "level": "", "on_behalf_of": "99999"}

    response = delegate.post(reverse("speakers:inscribe", args=[speakers_list.pk]), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page
    assert "Select a valid choice. That choice is not one of the available choices." in page
    assert 'value="Didier Example"' in page
    assert not Inscription.objects.exists()


def test_inscription_after_closing_is_explained_on_the_form(delegate):
    closed = SpeakersListFactory(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(days=1)
    )

    response = delegate.post(reverse("speakers:inscribe", args=[closed.pk]), FORM)

    assert response.status_code == 400
    assert "The list of speakers is closed." in text(response)
    assert 'value="Didier Example"' in response.content.decode()


def test_double_submit_creates_one_inscription(delegate, speakers_list):
    url = reverse("speakers:inscribe", args=[speakers_list.pk])

    delegate.post(url, FORM)
    second = delegate.post(url, FORM)

    assert second.status_code == 302
    assert Inscription.objects.count() == 1


def test_group_statement_from_the_form(delegate, speakers_list, focal_point):
    group = GroupOfStates.objects.create(name="Nordic countries", short_name="NORDIC")
    GroupChair.objects.create(
        group=group, delegation=focal_point.delegation,
        starts_on=date(2026, 7, 1), ends_on=date(2026, 12, 31),
    )  # fmt: skip

    delegate.post(
        reverse("speakers:inscribe", args=[speakers_list.pk]), {**FORM, "on_behalf_of": group.pk}
    )

    assert Inscription.objects.get().on_behalf_of == group


def test_a_group_the_delegation_does_not_chair_is_refused_on_the_form(delegate, speakers_list):
    group = GroupOfStates.objects.create(name="Group of 77 and China", short_name="G77")

    response = delegate.post(
        reverse("speakers:inscribe", args=[speakers_list.pk]), {**FORM, "on_behalf_of": group.pk}
    )

    assert response.status_code == 400
    assert (
        "Only the chair of the Group of 77 and China for this period, or the Secretariat, may "
        "inscribe a statement on its behalf." in text(response)
    )
    assert not Inscription.objects.exists()


def test_the_chairs_dashboard_shows_the_group_and_the_national_statement(
    delegate, speakers_list, focal_point
):
    group = GroupOfStates.objects.create(name="Group of 77 and China", short_name="G77")
    GroupChair.objects.create(
        group=group, delegation=focal_point.delegation,
        starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
    )  # fmt: skip
    inscribe(speakers_list, focal_point.delegation, Level.MINISTER)
    inscribe(speakers_list, focal_point.delegation, Level.MINISTER, group=group)

    page = text(delegate.get(reverse("speakers:dashboard")))

    assert "On behalf of the Group of 77 and China Place on the list 1" in page
    assert "In its national capacity Place on the list 2" in page
    assert "Inscribe another statement" not in page  # nothing left to inscribe


def test_change_of_level_says_that_the_statement_moved(delegate, speakers_list, focal_point):
    inscribe(speakers_list, DelegationFactory(), Level.MINISTER)
    own = inscribe(speakers_list, focal_point.delegation, Level.HEAD_OF_DELEGATION)

    response = delegate.post(
        reverse("speakers:change", args=[own.pk]),
        {**FORM, "level": Level.HEAD_OF_STATE},
        follow=True,
    )

    assert "The new level moves the statement from place 2 to place 1." in text(response)


def test_a_delegation_cannot_reach_another_delegations_inscription(
    delegate, speakers_list, focal_point
):
    other = inscribe(speakers_list, DelegationFactory(name="Other"))
    own = inscribe(speakers_list, focal_point.delegation)
    request = SwapRequest.objects.create(
        speakers_list=speakers_list, requester=own, counterpart=other
    )

    assert delegate.get(reverse("speakers:change", args=[other.pk])).status_code == 404
    assert delegate.post(reverse("speakers:change", args=[other.pk]), FORM).status_code == 404
    assert delegate.post(reverse("speakers:withdraw", args=[other.pk])).status_code == 404
    assert (
        delegate.post(
            reverse("speakers:request_swap", args=[other.pk]), {"counterpart": own.pk}
        ).status_code
        == 404
    )
    answer = delegate.post(reverse("speakers:answer_swap", args=[request.pk]), {"answer": "accept"})
    assert answer.status_code == 404
    other.refresh_from_db()
    request.refresh_from_db()
    assert (other.status, other.speaker_name) == ("active", "Speaker of Other")
    assert request.status == SwapStatus.REQUESTED
    assert "Speaker of Other" not in text(delegate.get(reverse("speakers:dashboard")))


def test_focal_point_withdraws_and_asks_for_a_swap(delegate, speakers_list, focal_point):
    other = inscribe(speakers_list, DelegationFactory(name="Peru"))
    own = inscribe(speakers_list, focal_point.delegation)

    delegate.post(reverse("speakers:request_swap", args=[own.pk]), {"counterpart": other.pk})
    delegate.post(reverse("speakers:withdraw", args=[own.pk]))

    own.refresh_from_db()
    assert own.status == "withdrawn"
    assert SwapRequest.objects.get().status == SwapStatus.CANCELLED


def test_repeated_failed_sign_ins_are_throttled(client, focal_point):
    focal_point.user.set_password("the-right-password-1")
    focal_point.user.save()
    url = reverse("login")
    for _ in range(5):
        client.post(url, {"username": focal_point.user.username, "password": "wrong"})

    response = client.post(
        url, {"username": focal_point.user.username, "password": "the-right-password-1"}
    )

    assert response.status_code == 429
    assert "Too many failed sign-ins" in text(response)


def test_sign_in_with_the_right_password_reaches_the_dashboard(client, focal_point):
    focal_point.user.set_password("the-right-password-1")
    focal_point.user.save()

    response = client.post(
        reverse("login"),
        {"username": focal_point.user.username, "password": "the-right-password-1"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("speakers:dashboard")
    assert "Belgium" in text(response)


def test_public_list_shows_no_contact_data_and_keeps_its_queries_constant(
    client, speakers_list, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    focal = FocalPointFactory(user=UserFactory(email="secret@mission.example"))
    inscribe(speakers_list, focal.delegation)
    url = reverse("speakers:public_list", args=[speakers_list.meeting.slug])
    with django_assert_max_num_queries(6) as few:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(30):
            inscribe(speakers_list, DelegationFactory())

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert "secret@mission.example" not in response.content.decode()
    assert response.content.decode().count("<tr") == 32  # header and 31 speakers


@pytest.fixture
def listed(speakers_list):
    inscribe(speakers_list, DelegationFactory(name="Nepal"), Level.MINISTER)
    inscribe(speakers_list, DelegationFactory(name="Chile"))
    return speakers_list


def test_staff_sees_the_list_in_order_and_moves_an_entry(staff_client, listed):
    url = reverse("admin:speakers_speakerslist_order", args=[listed.pk])
    chile = listed.inscriptions.get(delegation__name="Chile")

    page = text(staff_client.get(url))
    staff_client.post(url, {"action": "move", "inscription": chile.pk, "to_position": 1})
    after = text(staff_client.get(url))

    assert page.index("Nepal") < page.index("Chile")
    assert after.index("Chile") < after.index("Nepal")
    assert "The list can be exhausted in the meetings decided." in after
    assert "Moved · Chile (2 → 1)" in after


def test_staff_exports_the_list_as_csv(staff_client, listed):
    response = staff_client.get(reverse("admin:speakers_speakerslist_csv", args=[listed.pk]))

    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Place,Delegation,On behalf of")
    assert lines[1].startswith(
        "1,Nepal,,H.E. Ms.,Speaker of Nepal,Permanent Representative,Minister"
    )
    assert len(lines) == 3


def test_staff_prints_the_list_as_pdf(staff_client, listed, tmp_path):
    response = staff_client.get(reverse("admin:speakers_speakerslist_pdf", args=[listed.pk]))

    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(response.content)
    words = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "List of speakers — Plenary meetings" in words
    assert words.index("Nepal") < words.index("Chile")


def test_list_pages_are_refused_to_anonymous_users(client, listed):
    for name in ("order", "csv", "print", "pdf"):
        response = client.get(reverse(f"admin:speakers_speakerslist_{name}", args=[listed.pk]))
        assert response.status_code == 302


def test_with_the_cache_unreachable_a_delegation_still_signs_in_inscribes_and_signs_out(
    delegate, focal_point, speakers_list, settings
):
    """Redis down is an outage of the pages' cache, not of the delegations: their sessions
    live in the database, and the cache only keeps copies."""
    settings.CACHES = {
        "default": {
            "BACKEND": "hlm_portal.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }
    colleague = FocalPointFactory(delegation=focal_point.delegation).user
    colleague.set_password("the-right-password-1")
    colleague.save()
    browser = Client()

    page = delegate.get(reverse("speakers:dashboard"))
    inscribed = delegate.post(reverse("speakers:inscribe", args=[speakers_list.pk]), FORM)
    signed_out = delegate.post(reverse("logout"))
    signed_in = browser.post(
        reverse("login"),
        {"username": colleague.username, "password": "the-right-password-1"},
        follow=True,
    )

    assert page.status_code == 200 and "Belgium" in text(page)
    assert inscribed.status_code == 302
    assert Inscription.objects.filter(speakers_list=speakers_list).count() == 1
    assert signed_out.status_code == 302
    assert delegate.get(reverse("speakers:dashboard")).status_code == 302  # to sign in
    assert signed_in.redirect_chain[-1][0] == reverse("speakers:dashboard")
    assert "Belgium" in text(signed_in)


def test_a_session_the_cache_lost_is_read_from_the_database(delegate):
    """The cache may be flushed or evict a session: the delegation stays signed in."""
    assert delegate.get(reverse("speakers:dashboard")).status_code == 200
    cache.clear()

    page = delegate.get(reverse("speakers:dashboard"))

    assert page.status_code == 200 and "Belgium" in text(page)


@pytest.mark.parametrize("status", list(MeetingStatus))
def test_a_delegation_inscribes_only_on_the_lists_of_a_meeting_shown_to_the_public(
    delegate, speakers_list, status
):
    Meeting.objects.filter(pk=speakers_list.meeting_id).update(status=status)

    response = delegate.post(reverse("speakers:inscribe", args=[speakers_list.pk]), FORM)

    inscribed = Inscription.objects.filter(speakers_list=speakers_list).exists()
    if status in PUBLIC_MEETING_STATUSES:
        assert (response.status_code, inscribed) == (302, True)
    else:  # a draft is the office's own: as if the list did not exist
        assert (response.status_code, inscribed) == (404, False)
    missing = reverse("speakers:inscribe", args=[speakers_list.pk + 1000])
    assert delegate.post(missing, FORM).status_code == 404


@pytest.mark.parametrize(
    ("language", "empty"),
    [
        ("en", ["— choose the level —", "— in the name of the delegation —", "— not given —"]),
        ("fr", ["— choisir le niveau —", "— au nom de la délégation —", "— non précisé —"]),
    ],
)
def test_each_choice_of_the_inscription_form_says_what_leaving_it_empty_means(
    delegate, speakers_list, language, empty
):
    delegate.cookies["django_language"] = language

    page = delegate.get(reverse("speakers:inscribe", args=[speakers_list.pk])).content.decode()

    assert "---------" not in page
    for label in empty:
        assert f'<option value="" selected>{label}</option>' in page


@pytest.mark.parametrize(
    ("opens", "closes", "said"),
    [
        (timedelta(days=2), timedelta(days=3), "Inscription opens on "),
        (-timedelta(days=3), -timedelta(days=1), "The list of speakers is closed."),
    ],
)
def test_a_list_that_takes_no_inscription_says_why_instead_of_showing_the_form(
    delegate, opens, closes, said
):
    speakers_list = SpeakersListFactory(
        opens_at=timezone.now() + opens, closes_at=timezone.now() + closes
    )

    page = delegate.get(reverse("speakers:inscribe", args=[speakers_list.pk]))

    assert said in text(page)
    assert 'name="speaker_name"' not in page.content.decode()
