import re

from django.urls import reverse

import pytest

from meetings.enums import ParticipantRole, ProgrammeKind, RunStatus
from meetings.models import Meeting, Participant, ProgrammeRun
from meetings.services.programme import generate_programme, request_programme
from tests.pdf import programme_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo_lists, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Meeting.objects.get(slug="trafficking-in-persons-2017")


def test_programme_pdf_has_the_seed_programme_in_order(meeting):
    version, created = generate_programme(meeting=meeting)

    text = programme_text(version)
    assert created
    expected_in_order = [
        "PROVISIONAL PROGRAMME",
        "27–28 September 2017",
        "Wednesday 27 September 2017",
        "10 a.m. – 11 a.m. General Assembly Hall Opening segment",
        "H.E. Mr. Miroslav Lajčák, President of the UN General Assembly",
        "Ms. Grizelda Grootboom",
        "11 a.m. – 1 p.m.",
        "Plenary meeting",
        "3 p.m. – 6 p.m. General Assembly Hall Plenary meeting",
        "3 p.m. – 4.30 p.m. Trusteeship Council Chamber Interactive panel discussion 1",
        "Chair: H.E. Mr. Marc Pecsteen de Buytswerve",
        "Panellists:",
        "Dr. Purna Sen",
        "Ms. Rani Hong",
        "4.30 p.m. – 6 p.m.",
        "Interactive panel discussion 2",
        "Chair: H.E. Ms. Alya Ahmed Saif Al-Thani",
        "Ms. Joy Ezeilo",
        "Thursday 28 September 2017",
        "10 a.m. – 1 p.m.",
        "Until the list of speakers is exhausted.",
        "After 6 p.m. Closing segment",
        "Concept Note for the Interactive panel discussion 1",
        "III. Questions",
        "List of speakers: Plenary meetings",
        "Ecuador (on behalf of the Group of 77 and China)",
    ]
    positions = [text.index(fragment) for fragment in expected_in_order]
    assert positions == sorted(positions)


def test_generating_again_without_change_makes_no_new_version(meeting):
    first, _created = generate_programme(meeting=meeting)

    again, created = generate_programme(meeting=meeting)

    assert (again.pk, created) == (first.pk, False)
    assert meeting.programmes.count() == 1


def test_new_version_says_what_changed(meeting):
    generate_programme(meeting=meeting)
    panel = meeting.segments.get(position=4)
    Participant.objects.create(
        segment=panel, role=ParticipantRole.PANELLIST, name="Ana Example", honorific="Ms.",
        function="Researcher", confirmed=False, position=9,
    )  # fmt: skip
    panel.starts_at = panel.starts_at.replace(hour=19, minute=15)  # 3.15 pm New York
    panel.save()

    version, created = generate_programme(meeting=meeting)

    assert created
    assert version.number == 2
    assert "Interactive panel discussion 1: Ms. Ana Example added" in version.changes
    assert "Interactive panel discussion 1: now 3.15\u00a0p.m. – 4.30\u00a0p.m." in version.changes
    assert "Ms. Ana Example, Researcher (TBC)" in programme_text(version)


def test_final_programme_is_its_own_kind(meeting):
    generate_programme(meeting=meeting)

    final, created = generate_programme(meeting=meeting, kind=ProgrammeKind.FINAL)

    assert created
    assert programme_text(final).startswith("PROGRAMME")


def test_staff_start_the_generation_from_the_meeting_page_and_see_the_result(
    staff_client, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:meetings_meeting_generate_programme", args=[meeting.pk]),
            {"kind": "provisional"},
            follow=True,
        )
    page = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    run = ProgrammeRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.version.number == 1
    assert "The programme is being generated" in response.content.decode()
    assert "First version." in page.content.decode()


def test_failed_generation_is_recorded_on_the_run(
    meeting, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(html):
        raise OSError("no fonts")

    monkeypatch.setattr("meetings.services.programme.render_pdf", broken)

    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        request_programme(meeting=meeting, kind=ProgrammeKind.PROVISIONAL, actor=None)

    run = ProgrammeRun.objects.get()
    assert (run.status, run.error) == (RunStatus.FAILED, "no fonts")
    assert meeting.programmes.count() == 0


def test_public_page_offers_only_published_versions(
    client, meeting, django_capture_on_commit_callbacks
):
    version, _created = generate_programme(meeting=meeting)
    url = version.get_absolute_url()

    assert client.get(url).status_code == 404
    assert "Programme (PDF" not in client.get(meeting.get_absolute_url()).content.decode()
    version.is_published = True
    with django_capture_on_commit_callbacks(execute=True):
        version.save()

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert re.search(r'href="/programmes/\d+\.pdf">Programme \(PDF, version 1\)', page)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_french_programme_uses_the_french_text_and_marks_what_is_english(meeting):
    from django.core.management import call_command

    call_command("compilemessages", "--ignore=.venv", verbosity=0)

    version, _created = generate_programme(meeting=meeting, language="fr")

    text = programme_text(version)
    assert version.language == "fr"
    assert text.startswith("PROGRAMME PROVISOIRE Réunion de haut niveau de l'Assemblée générale")
    assert "Mercredi 27 septembre 2017" in text
    assert "15 h – 16 h 30 Salle du Conseil de tutelle Réunion-débat interactive 1 EN" in text
    assert "S. E. M. Miroslav Lajčák, Président de l'Assemblée générale des Nations Unies" in text
    assert (
        "Mme Mira Sorvino, Ambassadrice de bonne volonté de l'ONUDC pour la lutte mondiale "
        "contre la traite des êtres humains Mme" in text
    )
    english, _created = generate_programme(meeting=meeting, language="en")
    assert "Wednesday 27 September 2017" in programme_text(english)
    assert english.pk != version.pk


def test_each_language_numbers_its_own_versions_and_compares_with_its_own(meeting):
    from django.core.management import call_command

    call_command("compilemessages", "--ignore=.venv", verbosity=0)
    generate_programme(meeting=meeting, language="en")
    panel = meeting.segments.get(title="Interactive panel discussion 1")
    panel.starts_at = panel.starts_at.replace(hour=19, minute=15)  # 3.15 pm New York
    panel.save()
    english_2, _created = generate_programme(meeting=meeting, language="en")

    french_1, _created = generate_programme(meeting=meeting, language="fr")
    Participant.objects.create(
        segment=panel, role=ParticipantRole.PANELLIST, name="Ana Example", honorific="Ms.",
        function="Researcher", function_fr="Chercheuse", position=9,
    )  # fmt: skip
    french_2, _created = generate_programme(meeting=meeting, language="fr")

    assert (english_2.number, french_1.number, french_2.number) == (2, 1, 2)
    assert french_1.changes == "Première version."
    assert " ".join(french_2.changes.split()) == (
        "Réunion-débat interactive 1 : ajout de Mme Ana Example"
    )
    assert "programme-v1-fr" in french_1.pdf.name


def test_the_html_programme_shows_with_its_own_layout_and_names_its_kind(client, meeting):
    """The HTML a programme was printed from opens in the browser as printed: the site's
    security policy lets its own styles apply (without them time and room run together), and
    its title names the version's kind."""
    final, _created = generate_programme(meeting=meeting, kind=ProgrammeKind.FINAL)
    final.is_published = True
    final.save()

    response = client.get(reverse("meetings:programme_html", args=[final.pk]))
    html = b"".join(response.streaming_content).decode()
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )

    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "<style>" in html and "td.when .room { font-weight: normal; display: block;" in html
    assert re.search(r"<title>Programme — ", html)
    assert (
        "'unsafe-inline'" not in client.get(meeting.get_absolute_url())["Content-Security-Policy"]
    )
