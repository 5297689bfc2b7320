"""Staff work by task: the admin index grouped by the Office's work, a home per meeting that
shows what is due with links to act, a readable programme version, progress as JSON."""

import re
from datetime import date, timedelta

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.enums import DraftStage, MessageStatus, RunStatus
from meetings.formatting import moment
from meetings.models import (
    LetterTemplate,
    Mailing,
    OutgoingMessage,
    ProgrammeRun,
    ResolutionDraft,
)
from meetings.services.programme import generate_programme
from stakeholders.enums import ApplicationStatus, ProposedListStatus
from stakeholders.models import Objection, ProposedEntry, ProposedList
from tests.meetings.factories import (
    DelegationFactory,
    MeetingFactory,
    ResolutionFactory,
    SegmentFactory,
    UserFactory,
)
from tests.speakers.factories import SpeakersListFactory
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory
from tests.test_french import french_catalogue  # noqa: F401

pytestmark = pytest.mark.django_db


def new_mailing(meeting, title="Invitations"):
    template, _created = LetterTemplate.objects.get_or_create(
        name="Letter", defaults={"subject": "S", "body": "B", "signatory_name": "PGA"}
    )
    return Mailing.objects.create(
        meeting=meeting, template=template, title=title, audience="manual",
        letter_date=date(2026, 9, 1),
    )  # fmt: skip


def text_of(response) -> str:
    """The text of a page as read, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def officer(client):
    """A staff member of the Office who is not a superuser: every permission of the portal."""
    user = UserFactory(username="desk.officer", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["meetings", "speakers", "stakeholders", "auth"]
        )
    )
    client.force_login(user)
    return client


def test_the_admin_index_is_grouped_by_the_offices_work_without_internals(officer):
    page = text_of(officer.get(reverse("admin:index")))

    headings = [
        "Meetings and programme", "Resolutions and negotiation", "Lists of speakers",
        "Civil society", "Side events", "Letters and e-mail", "Delegations and accounts",
    ]  # fmt: skip
    positions = [page.find(f" {heading} ") for heading in headings]
    assert -1 not in positions and positions == sorted(positions)
    assert "Access attempts" not in page and "Access logs" not in page
    assert " System " not in page


def test_a_superuser_finds_the_internals_under_system(staff_client):
    page = text_of(staff_client.get(reverse("admin:index")))

    assert " System " in page
    assert page.find(" System ") < page.find("Access attempts")


def test_the_index_and_the_meeting_page_lead_to_the_meetings_home(officer):
    meeting = MeetingFactory(short_title="HLM 2026")
    home = reverse("admin:meetings_meeting_home", args=[meeting.pk])

    assert f'href="{home}"' in officer.get(reverse("admin:index")).content.decode()
    change = officer.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert f'href="{home}"' in change.content.decode()


@pytest.fixture
def busy_meeting():
    """A meeting with something due in every part of the Office's work."""
    meeting = MeetingFactory(short_title="HLM 2026")
    now = timezone.now()
    SpeakersListFactory(
        meeting=meeting,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
    )
    process = CivilSocietyProcessFactory(meeting=meeting)
    ApplicationFactory.create_batch(3, process=process)
    ApplicationFactory(process=process, status=ApplicationStatus.SHORTLISTED)
    proposed = ProposedList.objects.create(
        process=process, number=1, status=ProposedListStatus.SUBMITTED,
        objection_deadline=now + timedelta(days=3), submitted_at=now,
    )  # fmt: skip
    entry = ProposedEntry.objects.create(
        proposed_list=proposed,
        application=ApplicationFactory(process=process, status=ApplicationStatus.PROPOSED),
    )
    Objection.objects.create(entry=entry, delegation=DelegationFactory(), basis="Basis")
    resolution = ResolutionFactory(meeting=meeting)
    ResolutionDraft.objects.create(
        resolution=resolution, stage=DraftStage.SILENCE, circulated_on=now.date(),
        silence_deadline=now + timedelta(days=2),
    )  # fmt: skip
    mailing = new_mailing(meeting)
    for status in [MessageStatus.DRAFT, MessageStatus.DRAFT, MessageStatus.FAILED]:
        OutgoingMessage.objects.create(
            mailing=mailing, to="pr@example.org", subject="S", body="B", status=status
        )
    return meeting


def read(printed: str) -> str:
    """A time as the page is read here: its non-breaking spaces as spaces."""
    return printed.replace("\u00a0", " ")


def test_the_meetings_home_shows_what_is_due_with_links_to_act(officer, busy_meeting):
    response = officer.get(reverse("admin:meetings_meeting_home", args=[busy_meeting.pk]))

    page = text_of(response)
    assert response.status_code == 200
    closes_at = busy_meeting.speakers_lists.get().closes_at
    assert f"Plenary meetings: open, inscription closes on {read(moment(closes_at))}" in page
    assert "3 applications with the status “Submitted”" in page
    assert "1 application with the status “Shortlisted”" in page
    assert "is before Member States; objections until" in page
    assert "1 HLM 2026: First list is before Member States" in page
    assert "0 Modalities of the high-level meeting: under silence until" in page
    silence = ResolutionDraft.objects.get(resolution__meeting=busy_meeting).silence_deadline
    assert f"under silence until {read(moment(silence))}" in page
    assert "2 messages of its mailings with the status “Draft”" in page
    assert "1 message of its mailings with the status “Failed”" in page
    assert "No programme has been generated yet." in page
    for url in [
        reverse("admin:speakers_speakerslist_order", args=[busy_meeting.speakers_lists.get().pk]),
        reverse("admin:stakeholders_application_changelist"),
        reverse("admin:meetings_outgoingmessage_changelist"),
    ]:
        assert f'href="{url}' in response.content.decode()


def test_every_link_of_the_home_opens_a_page(officer, busy_meeting):
    from meetings.selectors import meeting_home

    home = meeting_home(meeting=busy_meeting)
    urls = [item.url for _section, items in home.sections for item in items]

    assert len(urls) >= 7
    for url in urls:
        response = officer.get(url)
        assert response.status_code == 200, url
        assert "?e=1" not in response.get("Location", ""), url


@pytest.fixture
def programme_meeting(demo_lists, settings, tmp_path):
    from meetings.models import Meeting

    settings.MEDIA_ROOT = tmp_path
    return Meeting.objects.get(slug="trafficking-in-persons-2017")


def test_the_home_says_which_programme_version_is_last_and_if_it_is_published(
    officer, programme_meeting
):
    version, _created = generate_programme(meeting=programme_meeting)
    url = reverse("admin:meetings_meeting_home", args=[programme_meeting.pk])

    assert "Last version: 1 (Provisional)" in text_of(officer.get(url))
    assert "Not published: the public does not see it." in text_of(officer.get(url))
    version.is_published = True
    version.save()
    assert "Published: the public page links to it." in text_of(officer.get(url))


def test_a_programme_version_reads_as_a_changelog_with_working_files(officer, programme_meeting):
    first, _created = generate_programme(meeting=programme_meeting)
    segment = programme_meeting.segments.get(position=3)
    segment.title = "Interactive panel discussion 1 (prevention)"
    segment.save()
    second, _created = generate_programme(meeting=programme_meeting)

    response = officer.get(reverse("admin:meetings_programmeversion_change", args=[second.pk]))
    page = response.content.decode()
    assert '<ul class="changelog">' in page
    assert "<li>Interactive panel discussion 1 (prevention): title or theme changed</li>" in page
    assert '"days"' not in page and "checksum" not in page.lower()
    html_link = reverse("meetings:programme_html", args=[second.pk])
    assert f'href="{html_link}"' in page
    html = officer.get(html_link)
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")
    assert b"Interactive panel discussion 1 (prevention)" in b"".join(html.streaming_content)
    assert officer.get(reverse("meetings:programme_pdf", args=[second.pk])).status_code == 200


def test_an_unpublished_programme_html_stays_with_staff(client, programme_meeting):
    version, _created = generate_programme(meeting=programme_meeting)

    assert client.get(reverse("meetings:programme_html", args=[version.pk])).status_code == 404
    version.is_published = True
    version.save()
    assert client.get(reverse("meetings:programme_html", args=[version.pk])).status_code == 200


def test_programme_progress_is_reported_as_json(officer):
    meeting = MeetingFactory()
    queued = ProgrammeRun.objects.create(meeting=meeting)
    failed = ProgrammeRun.objects.create(meeting=meeting, status=RunStatus.FAILED, error="x")
    url = reverse("admin:meetings_meeting_progress", args=[meeting.pk])

    data = officer.get(url, {"run": [queued.pk, failed.pk]}).json()

    states = {item["id"]: item for item in data["items"]}
    assert data["finished"] is False
    assert states[queued.pk]["percent"] < 100 and not states[queued.pk]["finished"]
    assert states[failed.pk]["failed"] and states[failed.pk]["finished"]
    assert "queued" in states[queued.pk]["label"]


def test_mailing_progress_counts_messages_sent(officer):
    mailing = new_mailing(MeetingFactory())
    for status in [MessageStatus.SENT, MessageStatus.SENT, MessageStatus.QUEUED]:
        OutgoingMessage.objects.create(
            mailing=mailing, to="a@example.org", subject="S", body="B", status=status
        )

    data = officer.get(reverse("admin:meetings_mailing_progress", args=[mailing.pk])).json()

    assert data["items"][0]["percent"] == 67
    assert data["items"][0]["label"].startswith("Sent: 2 of 3")
    assert data["finished"] is False


def test_progress_is_for_staff_only(client):
    meeting = MeetingFactory()

    response = client.get(reverse("admin:meetings_meeting_progress", args=[meeting.pk]))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_hostile_ids_on_the_new_admin_pages_are_never_an_error(officer):
    meeting = MeetingFactory()
    for url in [
        "/admin/meetings/meeting/99999999999999999999999/home/",
        "/admin/meetings/meeting/99999999999999999999/progress.json",
        "/admin/meetings/mailing/99999999999999999999/progress.json",
    ]:
        response = officer.get(url, follow=True)  # an unknown id: a 404 or the admin's own message
        assert response.status_code in (200, 404), url
    progress = reverse("admin:meetings_meeting_progress", args=[meeting.pk])
    response = officer.get(progress, {"run": ["99999999999999999999", "²", "-1"]})
    assert response.status_code == 200


def test_a_mailing_with_nothing_on_its_way_is_not_watched(officer):
    mailing = new_mailing(MeetingFactory())
    OutgoingMessage.objects.create(
        mailing=mailing, to="a@example.org", subject="S", body="B", status=MessageStatus.DRAFT
    )

    data = officer.get(reverse("admin:meetings_mailing_progress", args=[mailing.pk])).json()

    assert data["finished"] is True  # drafts only: the page stops asking
    assert data["items"][0]["label"] == "Sent: 0 of 0 · failed: 0 · drafts: 1"


def test_every_model_of_the_offices_work_has_a_place_in_the_index():
    from django.contrib import admin

    from hlm_portal.admin_site import GROUPS

    placed = {label for _key, _name, labels in GROUPS for label in labels}
    ours = {
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in ("meetings", "speakers", "stakeholders", "auth")
    }
    assert ours - placed == set()  # nothing of the Office's work hides under "System"


def test_the_applications_filters_read_as_nouns_and_offer_only_the_panels_applied_for(officer):
    """“By wish to speak”, not “By wishes to speak”; the panels applications name, not every
    segment of every meeting."""
    application = ApplicationFactory(panel=SegmentFactory(kind="panel", title="Panel on data"))
    SegmentFactory(kind="plenary", title="Plenary meeting of another meeting")

    page = text_of(officer.get(reverse("admin:stakeholders_application_changelist")))

    assert "By wish to speak" in page and "By wishes to speak" not in page
    assert str(application.panel) in page
    assert "Plenary meeting of another meeting" not in page


@pytest.mark.parametrize(
    ("language", "clock"),
    [("en", r"\b\d{1,2}\.\d\d\s[ap]\.m\."), ("fr", r"\b\d{1,2}\s?h\s?\d\d\b")],
)
def test_the_admin_prints_a_moment_as_each_language_writes_a_time(officer, language, clock):
    """“30 novembre 2026, 10 h 39”, “30 November 2026, 10.39 a.m.”: not “10:39”."""
    application = ApplicationFactory()

    page = officer.get(
        reverse("admin:stakeholders_application_change", args=[application.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()

    confirmed = page[page.index("field-email_confirmed_at") :][:600]
    assert re.search(clock, confirmed.replace("\u00a0", " ")), confirmed
    assert not re.search(r"\b\d{1,2}:\d\d\b", confirmed)


def test_the_form_of_typed_recipients_shows_the_format_it_expects(officer):
    """“Name <e-mail>”: the angle brackets print, they are not taken for a tag."""
    page = officer.get(reverse("admin:meetings_mailing_add")).content.decode()

    assert "“Name &lt;e-mail&gt;”" in page


def test_an_applications_panel_is_chosen_among_its_meetings_panels(officer):
    application = ApplicationFactory()
    meeting = application.process.meeting
    application.panel = SegmentFactory(kind="panel", meeting=meeting, title="Panel on data")
    application.save()
    SegmentFactory(kind="panel", title="A panel of another meeting")
    SegmentFactory(kind="plenary", meeting=application.process.meeting, title="Its plenary")

    page = officer.get(
        reverse("admin:stakeholders_application_change", args=[application.pk])
    ).content.decode()

    select = page[page.index('name="panel"') : page.index("</select>", page.index('name="panel"'))]
    assert "Panel on data" in select
    assert "A panel of another meeting" not in select and "Its plenary" not in select


def test_a_programme_version_reads_in_french_in_the_french_admin(
    officer,
    programme_meeting,
    french_catalogue,  # noqa: F811
):
    version, _created = generate_programme(meeting=programme_meeting)

    page = text_of(
        officer.get(
            reverse("admin:meetings_programmeversion_change", args=[version.pk]),
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    )

    assert "Généré par" in page and "Generated by" not in page
    assert "version 1" in page and "(en), version" in page
