import re
import subprocess
from datetime import timedelta
from html import unescape

from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.enums import DelegationKind
from stakeholders.enums import ApplicationStatus
from stakeholders.models import Application, Objection
from stakeholders.services import applications, proposed_lists
from tests.fuzzing import read_page
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def process():
    return CivilSocietyProcessFactory()


@pytest.fixture
def apply_url(process):
    return reverse("stakeholders:apply", args=[process.meeting.slug])


def form_data(client, apply_url, **overrides):
    page = client.get(apply_url).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    country = DelegationFactory(name="Nigeria", code="NGA")
    data = {
        "submission_key": key, "path": "pga_list", "name": "Survivors' Voices Network",
        "acronym": "SVN", "country": country.pk, "website": "https://svn.example.org",
        "organization_type": "ngo", "ecosoc_status": "none", "areas_of_work": "Protection",
        "relevance": "Survivor-led", "focal_point_name": "Amina Okafor",
        "focal_point_email": "amina@svn.example.org", "wishes_to_speak": "", "panel": "",
        "homepage": "",
        "rep-TOTAL_FORMS": "2", "rep-INITIAL_FORMS": "0", "rep-MIN_NUM_FORMS": "0",
        "rep-MAX_NUM_FORMS": "2",
        "rep-0-honorific": "Ms.", "rep-0-name": "Amina Okafor", "rep-0-title": "Founder",
        "rep-0-gender": "female", "rep-0-nationality": country.pk, "rep-0-biography": "Survivor.",
        "rep-0-lived_experience": "on", "rep-0-consents_to_publication": "on",
    }  # fmt: skip
    return {**data, **overrides}


def test_public_form_submits_and_asks_to_confirm_the_address(client, apply_url, mailoutbox):
    response = client.post(apply_url, form_data(client, apply_url), follow=True)

    assert "confirm your e-mail address" in text(response)
    application = Application.objects.get()
    assert application.status == ApplicationStatus.UNCONFIRMED
    assert application.representatives.get().lived_experience is True


def test_errors_are_shown_on_the_fields_and_nothing_typed_is_lost(client, apply_url):
    data = form_data(client, apply_url, focal_point_email="not-an-address", **{"rep-0-gender": ""})

    response = client.post(apply_url, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in page
    assert "This field is required." in page
    assert 'value="Survivors&#x27; Voices Network"' in page
    assert "Survivor-led" in page
    assert not Application.objects.exists()


def test_a_refused_form_lists_its_errors_at_the_top_and_asks_for_the_file_again(client, apply_url):
    """A browser cannot send a chosen file back into the form: the page says so, beside a
    summary at the top that links each field to correct."""
    pdf = SimpleUploadedFile("statutes.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    data = form_data(
        client,
        apply_url,
        wishes_to_speak="on",
        supporting_document=pdf,
        path="",
        **{"rep-0-gender": ""},
    )

    response = client.post(apply_url, data)

    page = response.content.decode()
    summary = page[page.index('id="error-summary"') : page.index("</form>")]
    assert page.index('id="error-summary"') < page.index('name="name"')  # before the fields
    assert 'href="#id_panel"' in summary.split("</div>")[0]
    for target in re.findall(r'href="#([^"]+)"', summary.split("</div>")[0]):
        assert f'id="{target}"' in page, target  # each link leads to its field
    assert "Attach the document again" in text(response)


def test_the_honeypot_catches_robots(client, apply_url):
    response = client.post(apply_url, form_data(client, apply_url, homepage="http://spam.example"))

    assert response.status_code == 400
    assert not Application.objects.exists()


def test_a_forged_upload_is_refused_by_its_content(client, apply_url):
    fake = SimpleUploadedFile(
        "statutes.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    response = client.post(apply_url, {**form_data(client, apply_url), "supporting_document": fake})

    assert response.status_code == 400
    assert "The content of the file is not a valid PDF document." in text(response)


def test_a_real_pdf_is_stored_and_served_to_staff_only(
    client, staff_user, apply_url, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("statutes.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(apply_url, {**form_data(client, apply_url), "supporting_document": pdf})
    application = Application.objects.get()
    url = reverse("stakeholders:document", args=[application.pk])

    assert Client().get(url).status_code == 302  # to the staff sign-in
    staff = Client()
    staff.force_login(staff_user)
    assert b"".join(staff.get(url).streaming_content).startswith(b"%PDF")


def test_the_form_is_rate_limited_per_address(client, apply_url):
    for _ in range(20):
        client.post(apply_url, {"homepage": "x"})

    assert client.post(apply_url, {"homepage": "x"}).status_code == 429


def test_closed_form_says_so(client):
    before = CivilSocietyProcessFactory(
        opens_at=timezone.now() + timedelta(days=2), closes_at=timezone.now() + timedelta(days=9)
    )

    page = text(client.get(reverse("stakeholders:apply", args=[before.meeting.slug])))

    assert "Applications open on" in page


def test_status_link_opens_only_its_own_application(client, process):
    mine = ApplicationFactory(process=process, name="Mine")
    other = ApplicationFactory(process=process, name="Other")
    token = applications.status_url(mine).rstrip("/").rsplit("/", 1)[1]
    # A validly signed link that names another application with this one's key …
    other_id = signing.dumps(
        {"a": other.pk, "k": str(mine.submission_key)}, salt=applications.STATUS_SALT
    )
    # … and this link with its payload altered.
    tampered = ("B" if token[0] != "B" else "C") + token[1:]

    assert "Mine" in text(client.get(applications.status_url(mine)))
    assert client.get(reverse("stakeholders:status", args=[other_id])).status_code == 404
    assert client.get(reverse("stakeholders:status", args=[tampered])).status_code == 404
    assert client.get(reverse("stakeholders:status", args=["garbage"])).status_code == 404
    assert (
        client.get(reverse("stakeholders:confirm", args=[token])).status_code == 404
    )  # wrong salt


def test_applicant_corrects_then_withdraws(client, process):
    application = ApplicationFactory(process=process, name="Old Name")
    edit_url = reverse(
        "stakeholders:edit",
        args=[applications.status_url(application).rstrip("/").rsplit("/", 1)[1]],
    )
    data = form_data(
        client, reverse("stakeholders:apply", args=[process.meeting.slug]), name="New Name"
    )

    client.post(edit_url, data)
    client.post(applications.status_url(application), {"action": "withdraw"})

    application.refresh_from_db()
    assert (application.name, application.status) == ("New Name", ApplicationStatus.WITHDRAWN)
    assert application.reference.startswith("HLM-")


@pytest.fixture
def before_states(process):
    """A list before Member States, with an objection by Egypt to "Alpha"."""
    alpha = ApplicationFactory(process=process, name="Alpha", status=ApplicationStatus.SHORTLISTED)
    proposed = proposed_lists.build_proposed_list(process=process)
    proposed_lists.submit_to_member_states(
        proposed_list=proposed, deadline=timezone.now() + timedelta(days=1)
    )
    egypt = FocalPointFactory(delegation=DelegationFactory(name="Egypt", code="EGY"))
    norway = FocalPointFactory(delegation=DelegationFactory(name="Norway", code="NOR"))
    proposed_lists.lodge_objection(
        entry=proposed.entries.get(),
        delegation=egypt.delegation,
        basis="Outside the theme",
        actor=None,
    )
    return {"alpha": alpha, "egypt": egypt, "norway": norway, "list": proposed}


def signed_in(focal_point) -> Client:
    client = Client()
    client.force_login(focal_point.user)
    return client


def test_a_state_sees_its_own_objection_and_never_another_states(before_states):
    egypt, norway = signed_in(before_states["egypt"]), signed_in(before_states["norway"])
    url = reverse("stakeholders:objections")

    assert "Your delegation objects" in text(egypt.get(url))
    norway_page = text(norway.get(url))
    assert "Alpha" in norway_page
    assert "Your delegation objects" not in norway_page
    assert "Egypt" not in norway_page
    assert "Outside the theme" not in norway_page


def test_a_state_cannot_withdraw_another_states_objection(before_states):
    objection = Objection.objects.get()

    response = signed_in(before_states["norway"]).post(
        reverse("stakeholders:objections"), {"action": "withdraw", "objection": objection.pk}
    )

    assert response.status_code == 404
    objection.refresh_from_db()
    assert objection.withdrawn_at is None


def test_a_state_objects_from_its_page(before_states):
    entry = before_states["list"].entries.get()

    signed_in(before_states["norway"]).post(
        reverse("stakeholders:objections"), {"entry": entry.pk, "basis": "Not relevant"}
    )

    assert Objection.objects.filter(delegation__code="NOR", basis="Not relevant").exists()


def test_an_observer_organization_cannot_object(before_states):
    eu = FocalPointFactory(
        delegation=DelegationFactory(name="EU", code="EU", kind=DelegationKind.EUROPEAN_UNION)
    )

    response = signed_in(eu).post(
        reverse("stakeholders:objections"),
        {"entry": before_states["list"].entries.get().pk, "basis": "No"},
        follow=True,
    )

    assert "Only Member States may object." in text(response)
    assert Objection.objects.count() == 1


def test_the_organization_learns_the_basis_on_request_never_the_state(client, before_states):
    status_url = applications.status_url(before_states["alpha"])
    assert "Outside the theme" not in text(client.get(status_url))

    client.post(status_url, {"action": "request_basis"})
    page = text(client.get(status_url))

    assert "Outside the theme" in page
    assert "Egypt" not in page


def test_the_public_list_shows_names_with_consent_and_exports(client, process, tmp_path):
    application = ApplicationFactory(
        process=process, name="Alpha", status=ApplicationStatus.SHORTLISTED
    )
    application.representatives.create(
        name="Secret Person", title="T", gender="male", nationality=application.country,
        biography="B", consents_to_publication=False,
    )  # fmt: skip
    proposed = proposed_lists.build_proposed_list(process=process)
    proposed_lists.submit_to_member_states(
        proposed_list=proposed, deadline=timezone.now() + timedelta(days=1)
    )
    slug = process.meeting.slug

    page = text(client.get(reverse("stakeholders:public_list", args=[slug])))
    csv_lines = (
        client.get(reverse("stakeholders:public_list_csv", args=[slug]))
        .content.decode()
        .splitlines()
    )
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(client.get(reverse("stakeholders:public_list_pdf", args=[slug])).content)
    pdf_text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout

    assert "Alpha" in page and "Rep of Alpha" in page
    assert "Secret Person" not in page
    assert "Under non-objection procedure" in page
    assert csv_lines[1].startswith("Alpha,")
    assert "Secret Person" not in csv_lines[1]
    assert "Alpha" in pdf_text


def test_staff_balance_panel_and_review_actions(
    staff_client, process, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(process=process, status=ApplicationStatus.SHORTLISTED)
    balance = staff_client.get(reverse("admin:stakeholders_balance", args=[process.pk]))
    assert "1 organization shortlisted or proposed, " in text(balance)
    changelist = reverse("admin:stakeholders_application_changelist")

    ask = staff_client.post(changelist, {"action": "reject", "_selected_action": [application.pk]})
    assert "Reason for not retaining" in text(ask)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            changelist,
            {
                "action": "reject",
                "_selected_action": [application.pk],
                "reason_en": "Outside the theme",
            },
        )

    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (
        ApplicationStatus.REJECTED,
        "Outside the theme",
    )
    assert "Outside the theme" in mailoutbox[0].body


def test_application_changelist_filters(staff_client, process):
    ApplicationFactory(process=process, name="Female-led", representatives=["female"])
    ApplicationFactory(process=process, name="Male-led", representatives=["male"])
    url = reverse("admin:stakeholders_application_changelist")

    page = text(staff_client.get(url, {"gender": "male"}))

    assert "Male-led" in page
    assert "Female-led" not in page


def test_member_state_page_needs_a_delegation_account(client):
    response = client.get(reverse("stakeholders:objections"))
    assert response.status_code == 302

    client.force_login(UserFactory())
    assert client.get(reverse("stakeholders:objections")).status_code == 403


def test_an_objection_refused_comes_back_as_typed_with_the_reason(before_states):
    """A basis longer than the form takes: the State shortens what it typed, it does not lose
    it, and it is told the limit, not asked for a basis it gave."""
    entry = before_states["list"].entries.get()
    typed = "The organization's work lies outside the theme. " * 50

    response = signed_in(before_states["norway"]).post(
        reverse("stakeholders:objections"), {"entry": entry.pk, "basis": typed}
    )

    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert "at most 2000 characters" in text(response)
    assert "State the general basis" not in text(response)
    assert typed.strip() in html
    assert not Objection.objects.filter(delegation__code="NOR").exists()


def test_staff_write_to_a_mixed_selection_in_each_organizations_language(
    staff_client, process, mailoutbox, django_capture_on_commit_callbacks
):
    """Two organizations, one that applied in English and one in French: the action asks for
    the message in each language, and each reads its own in its own language."""
    english = ApplicationFactory(process=process, language="en")
    french = ApplicationFactory(process=process, language="fr")
    changelist = reverse("admin:stakeholders_application_changelist")
    selected = {"action": "request_information", "_selected_action": [english.pk, french.pk]}

    listed = text(staff_client.get(changelist))
    ask = staff_client.post(changelist, selected)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            changelist,
            {**selected, "reason_en": "Send your statutes.", "reason_fr": "Envoyez vos statuts."},
        )

    assert 'name="reason_en"' in ask.content.decode() and 'name="reason_fr"' in ask.content.decode()
    assert "applied in English" in text(ask) and "applied in French" in text(ask)
    assert "Language of e-mails" in listed and "French" in listed  # staff see each language
    by_address = {mail.to[0]: mail.body for mail in mailoutbox}
    assert "Send your statutes." in by_address[english.focal_point_email]
    assert "Envoyez vos statuts." in by_address[french.focal_point_email]
    assert "Send your statutes." not in by_address[french.focal_point_email]


def test_the_admin_counts_one_application_in_the_singular(staff_client, process):
    application = ApplicationFactory(process=process)
    changelist = reverse("admin:stakeholders_application_changelist")

    done = staff_client.post(
        changelist,
        {"action": "reject", "_selected_action": [application.pk], "reason_en": "Off theme."},
        follow=True,
    )

    assert "1 application not retained; the organization is told why." in text(done)


def test_the_confirmation_link_opened_again_leads_to_the_status_not_to_a_second_confirmation(
    client, apply_url
):
    client.post(apply_url, form_data(client, apply_url))
    path = applications.confirmation_url(Application.objects.get())
    client.post(path)

    again = client.get(path)

    assert again.status_code == 302
    assert again.url == applications.status_url(Application.objects.get())


def test_the_links_of_the_mails_open_in_the_language_the_organization_applied_in(client):
    """A French applicant opens its links in a browser set to English: the pages speak French,
    as its e-mails do, until the applicant chooses another language."""
    application = ApplicationFactory(language="fr", status=ApplicationStatus.UNCONFIRMED)

    confirm = client.get(applications.confirmation_url(application), HTTP_ACCEPT_LANGUAGE="en")
    status = client.get(applications.status_url(application), HTTP_ACCEPT_LANGUAGE="en")
    client.get("/language/en/?next=/")
    chosen = client.get(applications.status_url(application), HTTP_ACCEPT_LANGUAGE="en")

    assert confirm["Content-Language"] == status["Content-Language"] == "fr"
    assert chosen["Content-Language"] == "en"


def test_the_message_form_names_the_languages_as_french_writes_them(staff_client, process):
    french = ApplicationFactory(process=process, language="fr")
    changelist = reverse("admin:stakeholders_application_changelist")

    ask = staff_client.post(
        changelist,
        {"action": "request_information", "_selected_action": [french.pk]},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert "présenté leur candidature en français, rédigé en français" in text(ask)


def test_an_edit_that_leaves_out_a_representative_shown_changes_nothing_and_says_why(
    client, process
):
    """Only a ticked "Delete" removes a representative: a request that sends fewer rows than
    the page showed (a tampered or truncated form) is refused whole."""
    application = ApplicationFactory(
        process=process, name="Old Name", representatives=["female", "male"]
    )
    edit_url = reverse(
        "stakeholders:edit",
        args=[applications.status_url(application).rstrip("/").rsplit("/", 1)[1]],
    )
    (form,) = [f for f in read_page(edit_url, client.get(edit_url).content.decode()).forms
               if f.method == "post" and "rep-TOTAL_FORMS" in f.fields]  # fmt: skip
    shown = {name: spec.values for name, spec in form.fields.items() if spec.values}
    data = {**shown, "name": ["New Name"]}  # what the browser sends, one change typed
    assert data["rep-INITIAL_FORMS"] == ["2"]

    response = client.post(edit_url, {**data, "rep-TOTAL_FORMS": ["1"]})

    assert response.status_code == 400
    assert "The form came back without some of the representatives it showed" in text(response)
    application.refresh_from_db()
    assert application.name == "Old Name"
    assert application.representatives.count() == 2

    ticked = client.post(edit_url, {**data, "rep-1-DELETE": ["on"]})  # the way to remove one
    assert ticked.status_code == 302
    assert application.representatives.count() == 1
