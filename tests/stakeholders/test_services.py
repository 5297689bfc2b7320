import io
import re
import uuid
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from meetings.enums import DelegationKind, Gender, RegionalGroup
from speakers.models import Inscription
from stakeholders.enums import (
    ApplicationPath,
    ApplicationStatus,
    EcosocStatus,
    EntryOutcome,
    ProposedListStatus,
)
from stakeholders.models import AccreditedOrganization, Application, Objection
from stakeholders.selectors import balance_of
from stakeholders.services import applications, ecosoc, proposed_lists, review
from tests.meetings.factories import DelegationFactory, FocalPointFactory, UserFactory
from tests.speakers.factories import SpeakersListFactory
from tests.stakeholders.factories import ApplicationFactory, CivilSocietyProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return CivilSocietyProcessFactory()


def new_application(process, **fields):
    values = {
        "process": process, "path": ApplicationPath.PGA_LIST, "name": "Survivors' Voices Network",
        "country": DelegationFactory(), "organization_type": "ngo", "areas_of_work": "Protection",
        "relevance": "High", "focal_point_name": "Amina",
        "focal_point_email": "amina@svn.example.org", "submission_key": uuid.uuid4(),
    }  # fmt: skip
    return Application(**{**values, **fields})


def rep(nationality, **fields):
    values = {
        "honorific": "Ms.", "name": "Amina Okafor", "title": "Founder", "gender": Gender.FEMALE,
        "nationality": nationality, "biography": "Survivor and advocate.", "lived_experience": True,
    }  # fmt: skip
    return applications.RepresentativeDetails(**{**values, **fields})


def submit(process, **fields):
    application = new_application(process, **fields)
    return applications.submit_application(
        application=application, representatives=[rep(application.country)]
    )


def link_in(mail) -> str:
    return re.search(r"http://\S+", mail.body).group(0)


def test_application_is_confirmed_by_its_e_mail_link_then_gets_a_reference(
    process, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(process)
    assert application.status == ApplicationStatus.UNCONFIRMED
    assert application.reference is None
    token = link_in(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = applications.confirm_application(
            application=applications.application_from_confirmation(token)
        )
        again = applications.confirm_application(application=confirmed)

    assert confirmed.status == ApplicationStatus.SUBMITTED
    assert confirmed.reference.endswith("-0001")
    assert again.reference == confirmed.reference
    assert len(mailoutbox) == 2
    assert f"submitted under the reference {confirmed.reference}" in mailoutbox[1].body


def test_the_same_form_sent_twice_creates_one_application(process):
    key = uuid.uuid4()

    first = submit(process, submission_key=key)
    second = submit(process, submission_key=key)

    assert first.pk == second.pk
    assert Application.objects.count() == 1


def test_application_outside_the_window_is_refused():
    closed = CivilSocietyProcessFactory(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )

    with pytest.raises(ValidationError) as error:
        submit(closed)

    assert error.value.messages == ["Applications are not open for this meeting."]


def test_ecosoc_registration_is_checked_against_the_imported_list(process):
    AccreditedOrganization.objects.create(
        name="Women's Link Worldwide", ecosoc_status=EcosocStatus.SPECIAL
    )

    with pytest.raises(ValidationError) as error:
        submit(process, path=ApplicationPath.ECOSOC, name="Unknown Org")
    registered = submit(process, path=ApplicationPath.ECOSOC, name="Womens Link  Worldwide")

    assert (
        "not on the list of organizations in consultative status"
        in error.value.message_dict["name"][0]
    )
    assert registered.accredited.name == "Women's Link Worldwide"
    assert registered.ecosoc_status == EcosocStatus.SPECIAL


def test_duplicate_applications_are_flagged_for_staff(process):
    first = ApplicationFactory(process=process, name="Sahel Child Protection Collective")
    second = submit(process, name="Sahel child-protection collective")  # other spelling, same name
    third = submit(process, name="Other", focal_point_email=first.focal_point_email)

    assert applications.confirm_application(application=second).duplicate_of == first
    assert applications.confirm_application(application=third).duplicate_of == first


def test_a_shared_domain_is_no_duplicate_the_same_site_or_person_is(process):
    """Sites under one domain (a federation's members, a web host) are different
    organizations; the same site, or the same person applying for the same country under a
    name spelt a little otherwise, is worth a second look."""
    first = ApplicationFactory(process=process, name="Alliance A", website="https://a.un.example")
    other_site = submit(
        process, name="Alliance B", website="https://un.example/", focal_point_email="b@b.example"
    )
    same_site = submit(
        process, name="Alliance C", website="http://www.a.un.example/", focal_point_email="c@c.ex"
    )
    kenya = DelegationFactory()
    person = ApplicationFactory(
        process=process, name="Youth Voices Against Trafficking", country=kenya,
        focal_point_name="Amina Okafor",
    )  # fmt: skip
    same_person = submit(
        process, name="Youth Voices against Trafficking Network", country=kenya,
        focal_point_name="amina okafor", focal_point_email="amina@yvat.example",
    )  # fmt: skip

    assert applications.confirm_application(application=other_site).duplicate_of is None
    assert applications.confirm_application(application=same_site).duplicate_of == first
    assert applications.confirm_application(application=same_person).duplicate_of == person


def test_withdrawal_is_possible_until_the_deadline_only(process):
    application = ApplicationFactory(process=process)
    applications.withdraw_application(application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN

    late = ApplicationFactory(process=process)
    process.closes_at = timezone.now() - timedelta(minutes=1)
    process.opens_at = timezone.now() - timedelta(days=3)
    process.save()
    late.refresh_from_db()
    with pytest.raises(ValidationError):
        applications.withdraw_application(application=late)


def test_rejection_needs_a_reason_and_tells_the_organization(
    process, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(process=process)
    with pytest.raises(ValidationError):
        review.reject(applications=Application.objects.all(), reason=" ")

    with django_capture_on_commit_callbacks(execute=True):
        review.reject(applications=Application.objects.all(), reason="Outside the theme.")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert "Outside the theme." in mailoutbox[0].body


@pytest.fixture
def submitted_list(process, mailoutbox, django_capture_on_commit_callbacks):
    """Two shortlisted names before Member States until tomorrow."""
    applications = [ApplicationFactory(process=process, name=n) for n in ("Alpha", "Beta")]
    review.shortlist(applications=Application.objects.filter(pk__in=[a.pk for a in applications]))
    proposed = proposed_lists.build_proposed_list(process=process)
    for code in ("EGY", "NOR"):
        FocalPointFactory(
            delegation=DelegationFactory(
                code=code, name=code, mission_email=f"{code}@missions.example"
            ),
            user=UserFactory(email=f"fp-{code}@missions.example"),
        )
    with django_capture_on_commit_callbacks(execute=True):
        notified = proposed_lists.submit_to_member_states(
            proposed_list=proposed, deadline=timezone.now() + timedelta(days=1)
        )
    assert notified == 4
    mailoutbox.clear()
    proposed.refresh_from_db()
    return proposed


def test_every_member_state_is_notified_of_the_proposed_list(submitted_list):
    assert submitted_list.status == ProposedListStatus.SUBMITTED
    assert [e.application.name for e in submitted_list.entries.all()] == ["Alpha", "Beta"]
    assert set(submitted_list.entries.values_list("application__status", flat=True)) == {
        ApplicationStatus.PROPOSED
    }


def state(code):
    return DelegationFactory._meta.model.objects.get(code=code)


def test_objection_rules(submitted_list):
    alpha = submitted_list.entries.get(application__name="Alpha")
    eu = DelegationFactory(code="EU", name="European Union", kind=DelegationKind.EUROPEAN_UNION)

    objection = proposed_lists.lodge_objection(
        entry=alpha, delegation=state("EGY"), basis="Basis A", actor=None
    )
    with pytest.raises(ValidationError):
        proposed_lists.lodge_objection(
            entry=alpha, delegation=state("EGY"), basis="Again", actor=None
        )
    with pytest.raises(PermissionDenied):
        proposed_lists.lodge_objection(entry=alpha, delegation=eu, basis="Not a State", actor=None)
    with pytest.raises(PermissionDenied):
        proposed_lists.withdraw_objection(objection=objection, delegation=state("NOR"))
    proposed_lists.withdraw_objection(objection=objection, delegation=state("EGY"))

    assert Objection.objects.get().withdrawn_at is not None


def test_no_objection_after_the_deadline(submitted_list):
    submitted_list.objection_deadline = timezone.now() - timedelta(seconds=1)
    submitted_list.save()

    with pytest.raises(ValidationError) as error:
        proposed_lists.lodge_objection(
            entry=submitted_list.entries.first(), delegation=state("EGY"), basis="Late", actor=None
        )

    assert error.value.messages == ["The deadline for objections has passed."]


def test_at_the_deadline_names_without_objection_become_final_and_are_invited(
    submitted_list, mailoutbox, django_capture_on_commit_callbacks
):
    alpha = submitted_list.entries.get(application__name="Alpha")
    beta = submitted_list.entries.get(application__name="Beta")
    withdrawn = proposed_lists.lodge_objection(
        entry=beta, delegation=state("NOR"), basis="B", actor=None
    )
    proposed_lists.withdraw_objection(objection=withdrawn, delegation=state("NOR"))
    proposed_lists.lodge_objection(
        entry=alpha, delegation=state("EGY"), basis="Basis A", actor=None
    )
    assert proposed_lists.close_due_lists() == 0  # not yet
    submitted_list.objection_deadline = timezone.now() - timedelta(seconds=1)
    submitted_list.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert proposed_lists.close_due_lists() == 1
        assert proposed_lists.close_due_lists() == 0

    outcomes = dict(submitted_list.entries.values_list("application__name", "outcome"))
    assert outcomes == {"Alpha": EntryOutcome.OBJECTED, "Beta": EntryOutcome.FINAL}
    assert [m.subject for m in mailoutbox] == [
        f"Invitation: {submitted_list.process.meeting.short_title}"
    ]
    proposed_lists.record_assembly_decision(entry=alpha, approved=True)
    alpha.refresh_from_db()
    assert alpha.outcome == EntryOutcome.APPROVED_BY_ASSEMBLY
    assert alpha.application.status == ApplicationStatus.APPROVED


def test_approved_organization_goes_on_its_panel_list(process):
    panel_list = SpeakersListFactory(meeting=process.meeting, civil_society_allowed=True)
    application = ApplicationFactory(
        process=process, status=ApplicationStatus.APPROVED, name="Beta NGO"
    )
    application.panel = panel_list.meeting.segments.first()
    application.save()
    panel_list.kind, panel_list.segment = "panel", application.panel
    panel_list.save()

    review.inscribe_on_panel(application=application, actor=None)

    inscription = Inscription.objects.get()
    assert (inscription.organization, inscription.speaker_name) == ("Beta NGO", "Rep of Beta NGO")


def test_balance_of_the_shortlist(process):
    south = DelegationFactory(regional_group=RegionalGroup.AFRICAN)
    north = DelegationFactory(regional_group=RegionalGroup.WESTERN_EUROPEAN_OTHER)
    ApplicationFactory(process=process, country=south, representatives=["female", "male"])
    ApplicationFactory(process=process, country=south, representatives=["female"])
    ApplicationFactory(
        process=process, country=north, organization_type="academic", representatives=["male"]
    )

    balance = balance_of(Application.objects.all())

    assert (balance.organizations, balance.representatives) == (3, 4)
    assert balance.global_south_percent == 66.7
    assert [(s.label, s.count, s.percent) for s in balance.by_gender] == [
        ("Female", 2, 50.0),
        ("Male", 2, 50.0),
    ]
    assert balance.by_region[0].label == "African States"
    assert balance.by_type[0].label == "Non-governmental organization"


def test_ecosoc_list_imports_from_csv_and_xlsx():
    from openpyxl import Workbook

    csv_file = SimpleUploadedFile(
        "ecosoc.csv", b"name,status,country\nAlpha Org,Special,Kenya\nBad Row,,\n"
    )
    book = Workbook()
    book.active.append(["Name", "Status", "Country"])
    book.active.append(["Alpha Org", "General", "Kenya"])
    book.active.append(["Beta Org", "roster", "Peru"])
    buffer = io.BytesIO()
    book.save(buffer)

    first = ecosoc.import_ecosoc_list(upload=csv_file)
    second = ecosoc.import_ecosoc_list(upload=SimpleUploadedFile("ecosoc.xlsx", buffer.getvalue()))

    assert first == {"created": 1, "updated": 0, "skipped": 1}
    assert second == {"created": 1, "updated": 1, "skipped": 0}
    assert dict(AccreditedOrganization.objects.values_list("name", "ecosoc_status")) == {
        "Alpha Org": EcosocStatus.GENERAL,
        "Beta Org": EcosocStatus.ROSTER,
    }


def test_incomplete_applications_are_reminded_once_before_the_deadline(
    mailoutbox, django_capture_on_commit_callbacks
):
    soon = CivilSocietyProcessFactory(closes_at=timezone.now() + timedelta(hours=30))
    later = CivilSocietyProcessFactory(closes_at=timezone.now() + timedelta(days=9))
    unconfirmed = ApplicationFactory(
        process=soon, status=ApplicationStatus.UNCONFIRMED, reference=None
    )
    asked = ApplicationFactory(process=soon, status=ApplicationStatus.MORE_INFORMATION)
    ApplicationFactory(process=soon, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(process=later, status=ApplicationStatus.UNCONFIRMED, reference=None)

    with django_capture_on_commit_callbacks(execute=True):
        applications.send_deadline_reminders()
        applications.send_deadline_reminders()

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [unconfirmed.focal_point_email, asked.focal_point_email]
    )
    by_address = {m.to[0]: m.body for m in mailoutbox}
    assert "Please confirm your e-mail address" in by_address[unconfirmed.focal_point_email]
    assert "asked for more information" in by_address[asked.focal_point_email]
