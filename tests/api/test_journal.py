from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from meetings.enums import DraftStage, SegmentKind
from meetings.journal import notices_for, ordinal
from meetings.models import JournalNotice, Meeting, OutgoingMessage, ResolutionDraft, Segment
from tests.api.conftest import DEMO_2017, DEMO_2021, SEEDS, folded
from tests.stakeholders.factories import CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def consultation(demo_meetings):
    """The 2021 first informal consultations, with a deadline for written input on the zero draft."""
    ResolutionDraft.objects.filter(
        resolution__meeting__slug=DEMO_2021, stage=DraftStage.ZERO
    ).update(input_deadline=datetime(2021, 3, 26, 18, tzinfo=NEW_YORK))
    return Segment.objects.get(meeting__slug=DEMO_2021, kind=SegmentKind.INFORMAL_CONSULTATION)


def _notice(meeting_slug, key):
    notices = notices_for(Meeting.objects.get(slug=meeting_slug))
    return next(n for n in notices if n.key == key)


def test_notice_of_the_first_informal_consultations_of_2021_in_english(consultation, settings):
    draft = ResolutionDraft.objects.get(resolution=consultation.resolution, stage=DraftStage.ZERO)

    notice = _notice(DEMO_2021, str(consultation.pk))

    assert notice.english == (
        "GENERAL ASSEMBLY\n"
        "Seventy-fifth session\n"
        "\n"
        "First informal consultations on the draft resolution entitled “Modalities, format and "
        "organization of the high-level meeting of the General Assembly on the appraisal of the "
        "United Nations Global Plan of Action to Combat Trafficking in Persons” (pursuant to "
        "General Assembly resolution 74/176)\n"
        "Tuesday, 30 March 2021, from 15:00 to 18:00, General Assembly Hall\n"
        "Convened by the co-facilitators, H.E. Mr. Kaha Imnadze (Georgia) and H.E. Mr. Enrique "
        "A. Manalo (Philippines).\n"
        "\n"
        "The zero draft was circulated on Friday, 12 March 2021. Delegations are invited to send "
        "their written input on the zero draft by Friday, 26 March 2021 at 18:00, on the portal "
        f"({settings.SITE_URL}/delegation/drafts/{draft.pk}/input/).\n"
        "\n"
        "For further information, please contact Office of the President of the General "
        "Assembly.\n"
    )


def test_notice_of_the_first_informal_consultations_of_2021_in_french(consultation):
    notice = _notice(DEMO_2021, str(consultation.pk))

    lines = notice.french.splitlines()
    assert lines[:2] == ["ASSEMBLÉE GÉNÉRALE", "Soixante-quinzième session"]
    assert lines[3].startswith(
        "Premières consultations officieuses sur le projet de résolution intitulé « Modalités, "
    )
    assert lines[3].endswith("» (en application de la résolution 74/176 de l'Assemblée générale)")
    assert lines[4] == "mardi 30 mars 2021, de 15 heures à 18 heures, salle de l'Assemblée générale"
    assert lines[5] == (
        "Convoquées par les cofacilitateurs, S. E. M. Kaha Imnadze (Géorgie) et S. E. M. Enrique "
        "A. Manalo (Philippines)."
    )
    assert lines[7].startswith(
        "Le projet zéro a été distribué le vendredi 12 mars 2021. Les délégations sont invitées "
        "à faire part de leurs observations écrites sur le projet zéro d'ici au vendredi 26 mars "
        "2021 à 18 heures, sur le portail ("
    )


def test_consultation_notice_agrees_with_the_pga_letter_of_seed_001(consultation):
    letter = folded(next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8"))
    notice = _notice(DEMO_2021, str(consultation.pk))

    assert "30 March 2021" in letter and "30 March 2021" in notice.english
    assert "General Assembly Hall" in letter and "General Assembly Hall" in notice.english
    for name in ("Kaha Imnadze", "Enrique A. Manalo"):
        assert name in letter and name in notice.english and name in notice.french
    title = consultation.resolution.title
    assert title in letter and f"“{title}”" in notice.english


def test_meeting_notice_lists_segments_chairs_and_what_delegations_do_by_when(demo_lists):
    notice = _notice(DEMO_2017, "meeting")

    english, french = notice.english.splitlines(), notice.french.splitlines()
    assert english[:2] == ["GENERAL ASSEMBLY", "Seventy-second session"]
    assert english[4] == "Wednesday, 27 September 2017 and Thursday, 28 September 2017"
    assert (
        "Wednesday, 27 September 2017, from 15:00 to 16:30, Trusteeship Council Chamber: "
        "Interactive panel discussion 1 (Chair: H.E. Mr. Marc Pecsteen de Buytswerve (Belgium))"
    ) in english
    assert (
        "The list of speakers for the plenary meetings is open from Wednesday, 13 September 2017 "
        "at 10:00 to Tuesday, 26 September 2017 at 18:00." in notice.english
    )
    assert "3 minutes for individual delegations and 5 minutes" in notice.english
    assert french[:2] == ["ASSEMBLÉE GÉNÉRALE", "Soixante-douzième session"]
    assert (
        "mercredi 27 septembre 2017, de 15 heures à 16 h 30, salle du Conseil de tutelle : "
        "Réunion-débat interactive 1 (présidence : S. E. M. Marc Pecsteen de Buytswerve (Belgique))"
    ) in french
    assert "du mercredi 13 septembre 2017 à 10 heures au mardi 26 septembre 2017" in notice.french


def test_meeting_notice_invites_organizations_to_register(demo_meetings, settings):
    CivilSocietyProcessFactory(
        meeting=Meeting.objects.get(slug=DEMO_2021),
        opens_at=datetime(2021, 6, 1, 9, tzinfo=NEW_YORK),
        closes_at=datetime(2021, 7, 15, 18, tzinfo=NEW_YORK),
    )

    notice = _notice(DEMO_2021, "meeting")

    url = f"{settings.SITE_URL}/meetings/{DEMO_2021}/civil-society/apply/"
    assert f"register or apply at {url} by Thursday, 15 July 2021 at 18:00." in notice.english
    assert f"à l'adresse {url} d'ici au jeudi 15 juillet 2021 à 18 heures." in notice.french
    assert "Informal consultations" not in notice.english  # they have notices of their own


def test_segment_notice_of_a_panel_gives_theme_chair_and_its_list(demo_lists):
    panel = Segment.objects.get(meeting__slug=DEMO_2017, title="Interactive panel discussion 2")

    notice = _notice(DEMO_2017, str(panel.pk))

    assert notice.english.splitlines()[4:8] == [
        "Interactive panel discussion 2",
        f"Theme: “{panel.theme}”",
        "Wednesday, 27 September 2017, from 16:30 to 18:00, Trusteeship Council Chamber",
        "Chair: H.E. Ms. Alya Ahmed Saif Al-Thani (Qatar)",
    ]
    assert (
        notice.french.splitlines()[7] == "Présidence : S. E. Mme Alya Ahmed Saif Al-Thani (Qatar)"
    )
    assert "Delegations wishing to inscribe on the list of speakers" in notice.english


@pytest.mark.parametrize(
    ("number", "english", "french"),
    [
        (72, "seventy-second", "soixante-douzième"),
        (75, "seventy-fifth", "soixante-quinzième"),
        (71, "seventy-first", "soixante et onzième"),
        (80, "eightieth", "quatre-vingtième"),
        (81, "eighty-first", "quatre-vingt-unième"),
        (99, "ninety-ninth", "quatre-vingt-dix-neuvième"),
    ],
)
def test_sessions_are_named_in_words(number, english, french):
    assert ordinal(number, "en") == english
    assert ordinal(number, "fr") == french


# --- The admin: preview, copy, send, what changed ---------------------------------------------


def test_meeting_admin_links_to_the_journal_page(staff_client, demo_meetings):
    meeting = Meeting.objects.get(slug=DEMO_2021)

    html = staff_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()

    assert f'href="/admin/meetings/meeting/{meeting.pk}/journal/"' in html


def test_journal_page_is_for_staff_only(client, demo_meetings):
    meeting = Meeting.objects.get(slug=DEMO_2021)

    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/journal/")

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_send_then_change_shows_what_changed_and_sends_a_revision(
    staff_client, consultation, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.HLM_JOURNAL_EMAIL = "journal-editors@example.org"
    url = f"/admin/meetings/meeting/{consultation.meeting_id}/journal/"
    page = staff_client.get(url).content.decode()
    assert "Not sent yet." in page
    assert "Tuesday, 30 March 2021, from 15:00 to 18:00, General Assembly Hall" in page

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"notice": str(consultation.pk)})
    unchanged = staff_client.get(url).content.decode()
    consultation.starts_at = datetime(2021, 3, 31, 10, tzinfo=NEW_YORK)
    consultation.ends_at = datetime(2021, 3, 31, 13, tzinfo=NEW_YORK)
    consultation.save()
    changed = staff_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"notice": str(consultation.pk)})

    assert [m.to for m in mailoutbox] == [["journal-editors@example.org"]] * 2
    first, revision = mailoutbox
    assert first.subject == (
        "Journal of the United Nations, notice: "
        "First informal consultations on the modalities resolution"
    )
    assert "--- English ---\nGENERAL ASSEMBLY" in first.body
    assert "--- Français ---\nASSEMBLÉE GÉNÉRALE" in first.body
    assert "Sent on " in unchanged and "unchanged since." in unchanged
    assert "Changed since the notice sent on" in changed
    assert "-Tuesday, 30 March 2021, from 15:00 to 18:00, General Assembly Hall" in changed
    assert "+Wednesday, 31 March 2021, from 10:00 to 13:00, General Assembly Hall" in changed
    assert revision.subject.startswith("Journal of the United Nations, revised notice:")
    assert "+mercredi 31 mars 2021, de 10 heures à 13 heures" in revision.body
    sent = JournalNotice.objects.filter(segment=consultation).order_by("sent_at", "pk")
    assert [n.english.splitlines()[4][:25] for n in sent] == [
        "Tuesday, 30 March 2021, f",
        "Wednesday, 31 March 2021,",
    ]
    assert OutgoingMessage.objects.filter(to="journal-editors@example.org").count() == 2


def test_sending_an_unknown_notice_sends_nothing(staff_client, demo_meetings, mailoutbox):
    meeting = Meeting.objects.get(slug=DEMO_2021)

    response = staff_client.post(
        f"/admin/meetings/meeting/{meeting.pk}/journal/", {"notice": "999999"}, follow=True
    )

    assert "This notice no longer exists" in response.content.decode()
    assert not JournalNotice.objects.exists()
    assert mailoutbox == []


def test_journal_page_reads_in_french(staff_client, demo_meetings):
    meeting = Meeting.objects.get(slug=DEMO_2021)

    html = staff_client.get(
        f"/admin/meetings/meeting/{meeting.pk}/journal/", headers={"accept-language": "fr"}
    ).content.decode()

    assert "Pas encore envoyée." in html
    assert "Envoyer à la rédaction du Journal" in html
    assert "mardi 30 mars 2021, de 15 heures à 18 heures" in html
