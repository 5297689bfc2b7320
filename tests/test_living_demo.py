"""The living demo: after `load_demo`, every journey of the README can be tried today."""

import re
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.utils import timezone

import pytest

from meetings.access import may_speak_for_group
from meetings.demo import load_everything
from meetings.demo.living import (
    BELGIUM,
    CO_FACILITATOR,
    DECLARATION_TITLE,
    DEMO_SLUG,
    G77_CHAIR,
)
from meetings.enums import RegistrationStatus
from meetings.models import Delegation, GroupOfStates, Meeting, ResolutionDraft, SideEvent
from speakers import services
from speakers.enums import Level, ListKind, ListState
from speakers.models import SpeakersList
from stakeholders.demo_living import TRY_ECOSOC_NAME
from stakeholders.enums import ApplicationPath
from stakeholders.models import Application

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2017"


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"meetings", "speakers", "stakeholders", "auth"}
        and not model.__name__.startswith("Historical")  # the dates' changes are history
    }


def test_demo_meeting_is_labelled_and_listed_on_the_public_site(client):
    load_everything(password=PASSWORD)

    page = client.get("/").content.decode()

    assert "Demonstration HLM (synthetic data)" in page
    detail = client.get(f"/meetings/{DEMO_SLUG}/").content.decode()
    assert "Demonstration high-level meeting — synthetic data" in detail
    assert "synthetic" in Meeting.objects.get(slug=DEMO_SLUG).summary


def test_every_journey_of_the_demo_is_open_today():
    load_everything(password=PASSWORD)
    now = timezone.now()
    meeting = Meeting.objects.get(slug=DEMO_SLUG)

    assert meeting.starts_on >= timezone.localdate() + timedelta(days=21)
    assert (meeting.starts_on.strftime("%A"), meeting.ends_on.strftime("%A")) == (
        "Monday",
        "Tuesday",
    )
    lists = {(s.kind, s.segment_id is None): s for s in meeting.speakers_lists.all()}
    assert lists[(ListKind.PLENARY, True)].state_at(now) == ListState.OPEN
    panels = meeting.speakers_lists.filter(kind=ListKind.PANEL)
    assert [p.state_at(now) for p in panels] == [ListState.NOT_YET_OPEN] * 2
    assert all(p.opens_at - now < timedelta(days=4) for p in panels)  # opening soon
    assert meeting.civil_society.is_open_at(now)
    draft = ResolutionDraft.objects.get(resolution__meeting=meeting)
    assert draft.input_deadline > now and draft.paragraphs.count() >= 5
    assert list(draft.resolution.co_facilitators.values_list("delegation__code", flat=True)) == [
        "IRL",
        "JAM",
    ]
    seats_left, full = SideEvent.objects.filter(meeting=meeting).order_by("starts_at")
    seated = seats_left.registrations.filter(status=RegistrationStatus.SEATED).count()
    assert 0 < seated < seats_left.seats and seats_left.registration_closes_at > now
    assert full.registrations.filter(status=RegistrationStatus.SEATED).count() == full.seats
    assert full.registrations.filter(status=RegistrationStatus.WAITING).count() == 2


def test_demo_accounts_sign_in_for_their_delegations_which_can_still_inscribe(client):
    load_everything(password=PASSWORD)
    plenary = SpeakersList.objects.get(meeting__slug=DEMO_SLUG, kind=ListKind.PLENARY)

    pages = {}
    for username in (BELGIUM, G77_CHAIR, CO_FACILITATOR):
        client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        pages[username] = client.get("/delegation/").content.decode()
        client.logout()
    client.post("/admin/login/", {"username": "staff", "password": PASSWORD})

    assert client.get("/admin/").status_code == 200
    assert '<h1 class="h2">Belgium</h1>' in pages[BELGIUM]
    assert '<h1 class="h2">Ecuador</h1>' in pages[G77_CHAIR]
    assert '<h1 class="h2">Ireland</h1>' in pages[CO_FACILITATOR]
    assert DECLARATION_TITLE in pages[BELGIUM]  # the draft open for input
    inscribed = set(plenary.inscriptions.values_list("delegation__code", flat=True))
    assert inscribed and not inscribed & {"BEL", "ECU", "IRL"}
    assert not plenary.inscriptions.filter(on_behalf_of__short_name="G77").exists()


def test_in_late_december_the_g77_chair_gives_input_today_and_speaks_at_the_january_meeting(
    monkeypatch,
):
    december = datetime(timezone.localdate().year, 12, 20, 17, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: december)
    load_everything(password=PASSWORD)
    ecuador, g77 = Delegation.objects.get(code="ECU"), GroupOfStates.objects.get(short_name="G77")
    meeting = Meeting.objects.get(slug=DEMO_SLUG)

    assert meeting.starts_on.year == december.year + 1
    assert may_speak_for_group(delegation=ecuador, group=g77, on=timezone.localdate())
    assert may_speak_for_group(delegation=ecuador, group=g77, on=meeting.starts_on)


def test_loading_the_demo_days_later_moves_its_dates_and_keeps_its_rows(monkeypatch):
    load_everything(password=PASSWORD)
    plenary = SpeakersList.objects.get(meeting__slug=DEMO_SLUG, kind=ListKind.PLENARY)
    belgium = services.inscribe(
        speakers_list=plenary,
        delegation=Delegation.objects.get(code="BEL"),
        details=services.SpeakerDetails(
            honorific="H.E. Mr.",
            speaker_name="Demo Speaker",
            function="Minister",
            level=Level.MINISTER,
            on_behalf_of=None,
            gender="",
        ),  # fmt: skip
        actor=None,
    )
    before = _row_counts()
    starts_on = Meeting.objects.get(slug=DEMO_SLUG).starts_on
    later = timezone.now() + timedelta(days=7)
    monkeypatch.setattr(timezone, "now", lambda: later)

    load_everything(password=PASSWORD)

    assert Meeting.objects.get(slug=DEMO_SLUG).starts_on == starts_on + timedelta(days=7)
    plenary.refresh_from_db()
    assert plenary.state_at(later) == ListState.OPEN
    assert Meeting.objects.get(slug=DEMO_SLUG).civil_society.is_open_at(later)
    assert ResolutionDraft.objects.get(resolution__meeting__slug=DEMO_SLUG).input_deadline > later
    assert plenary.inscriptions.filter(pk=belgium.pk).exists()
    assert _row_counts() == before


def test_synthetic_applications_and_side_events_belong_to_the_demo_meeting_only():
    load_everything(password=PASSWORD)

    synthetic = Application.objects.filter(name__contains="(synthetic)")
    demo_events = SideEvent.objects.filter(slug__startswith="demo-")

    assert synthetic.count() == 3
    assert set(synthetic.values_list("process__meeting__slug", flat=True)) == {DEMO_SLUG}
    assert set(demo_events.values_list("meeting__slug", flat=True)) == {DEMO_SLUG}
    assert GroupOfStates.objects.filter(short_name="G77").exists()


@pytest.mark.parametrize(
    ("path", "name"),
    [(ApplicationPath.ECOSOC, TRY_ECOSOC_NAME), (ApplicationPath.PGA_LIST, "Any Demo NGO")],
)
def test_the_demo_call_takes_applications_on_both_paths(
    client, mailoutbox, django_capture_on_commit_callbacks, path, name
):
    load_everything(password=PASSWORD)
    url = f"/meetings/{DEMO_SLUG}/civil-society/apply/"
    key = re.search(r'name="submission_key" value="([^"]+)"', client.get(url).content.decode())
    kenya = Delegation.objects.get(code="KEN").pk
    data = {
        "submission_key": key.group(1), "path": path, "name": name, "country": kenya,
        "organization_type": "ngo", "ecosoc_status": "none", "areas_of_work": "Protection",
        "relevance": "Survivors", "focal_point_name": "A. Demo",
        "focal_point_email": "a@ngo.example.org", "homepage": "",
        "rep-TOTAL_FORMS": "2", "rep-INITIAL_FORMS": "0", "rep-MIN_NUM_FORMS": "0",
        "rep-MAX_NUM_FORMS": "2", "rep-0-honorific": "Ms.", "rep-0-name": "A. Demo",
        "rep-0-title": "Director", "rep-0-gender": "female", "rep-0-nationality": kenya,
        "rep-0-biography": "Works on protection.", "rep-0-consents_to_publication": "on",
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302
    application = Application.objects.get(name=name)
    assert application.path == path
    assert mailoutbox[-1].to == ["a@ngo.example.org"]


def test_every_record_of_the_demo_is_one_the_portal_would_accept():
    """The demo's own data pass the checks a form or the admin would make: no address staff
    would send a refusal to in vain (“contact@survivors'.demo.example.org”)."""
    load_everything(password="demo-pass-2017")

    for model in (Application, SideEvent):
        for record in model.objects.all():
            record.full_clean(validate_unique=False, validate_constraints=False)
