"""Input on a draft on behalf of a group of States, given by the group's chair for the day
(issue 12, point 6): others are refused, and the compilation names the group."""

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from meetings.enums import DelegationKind, DraftStage, ParagraphKind, ProposalKind
from meetings.models import GroupChair, GroupOfStates, Proposal
from meetings.services import resolutions
from tests.meetings.factories import DelegationFactory, FocalPointFactory, ResolutionFactory
from tests.test_french import french_catalogue  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("french_catalogue")]
ZERO_DRAFT = (
    Path(__file__).resolve().parents[2] / "meetings" / "data" / "modalities_2021_zero_draft.txt"
).read_text(encoding="utf-8")
REFUSED = (
    "Only the chair of the Group of 77 and China for this period may give input on its behalf."
)
WORDING = "Calls upon Member States to share data on trafficking in persons;"


@pytest.fixture(autouse=True)
def _language_restored():
    """A French page leaves French active in the thread: the next tests read English."""
    with translation.override("en"):
        yield


@pytest.fixture
def zero():
    return resolutions.circulate_draft(
        resolution=ResolutionFactory(symbol=None, title="Modalities of the high-level meeting"),
        stage=DraftStage.ZERO,
        circulated_on=date(2021, 3, 12),
        text=ZERO_DRAFT,
        input_deadline=timezone.now() + timedelta(days=5),
    )


@pytest.fixture
def g77():
    return GroupOfStates.objects.create(
        name_en="Group of 77 and China",
        name_fr="Groupe des 77 et la Chine",
        on_behalf_phrase_fr="au nom du Groupe des 77 et de la Chine",
        short_name="G77",
    )


def state(name, code, name_fr=""):
    return DelegationFactory(
        name_en=name, name_fr=name_fr or name, code=code, kind=DelegationKind.MEMBER_STATE
    )


@pytest.fixture
def ecuador(g77):
    """The chair of the Group of 77 and China this year."""
    delegation = state("Ecuador", "ECU", "Équateur")
    today = timezone.localdate()
    GroupChair.objects.create(
        group=g77, delegation=delegation, starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
    )  # fmt: skip
    return delegation


def op2(draft):
    return draft.paragraphs.get(kind=ParagraphKind.OPERATIVE, number="2")


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_the_chair_gives_input_on_behalf_of_the_group(zero, g77, ecuador):
    proposal = resolutions.propose(
        paragraph=op2(zero), delegation=ecuador, kind=ProposalKind.NEW_WORDING, actor=None,
        text=WORDING, on_behalf_of=g77,
    )  # fmt: skip

    assert proposal.on_behalf_of == g77
    assert proposal.author == "Ecuador on behalf of the Group of 77 and China"


def test_another_delegation_is_refused_the_group_with_a_message(zero, g77, ecuador):
    with pytest.raises(ValidationError) as error:
        resolutions.propose(
            paragraph=op2(zero), delegation=state("Belgium", "BEL"), actor=None,
            kind=ProposalKind.NEW_WORDING, text=WORDING, on_behalf_of=g77,
        )  # fmt: skip

    assert error.value.messages == [REFUSED]
    assert not Proposal.objects.exists()


def test_a_chair_whose_period_is_over_is_refused(zero, g77):
    peru = state("Peru", "PER")
    last_year = timezone.localdate().year - 1
    GroupChair.objects.create(
        group=g77, delegation=peru, starts_on=date(last_year, 1, 1),
        ends_on=date(last_year, 12, 31),
    )  # fmt: skip

    with pytest.raises(ValidationError) as error:
        resolutions.propose(
            draft=zero, delegation=peru, kind=ProposalKind.GENERAL, actor=None,
            text="The text should be short.", on_behalf_of=g77,
        )  # fmt: skip

    assert error.value.messages == [REFUSED]


def test_the_same_input_is_recorded_once_the_national_one_beside_the_groups(zero, g77, ecuador):
    for _attempt in range(2):  # a double click
        resolutions.propose(
            paragraph=op2(zero), delegation=ecuador, kind=ProposalKind.NEW_WORDING, actor=None,
            text=WORDING, on_behalf_of=g77,
        )  # fmt: skip
    resolutions.propose(
        paragraph=op2(zero), delegation=ecuador, kind=ProposalKind.NEW_WORDING, actor=None,
        text=WORDING,
    )  # fmt: skip

    authors = sorted(p.author for p in Proposal.objects.all())
    assert authors == ["Ecuador", "Ecuador on behalf of the Group of 77 and China"]


def test_the_form_offers_the_group_to_its_chair_only(client, zero, g77, ecuador):
    url = reverse("meetings:draft_input", args=[zero.pk])
    client.force_login(FocalPointFactory(delegation=ecuador).user)
    chairs_page = client.get(url).content.decode()
    client.force_login(FocalPointFactory(delegation=state("Belgium", "BEL")).user)
    others_page = client.get(url).content.decode()

    assert f'<option value="{g77.pk}">Group of 77 and China</option>' in chairs_page
    assert 'name="on_behalf_of"' not in others_page


def test_a_delegation_posting_for_a_group_it_does_not_chair_reads_the_message(
    client, zero, g77, ecuador
):
    client.force_login(FocalPointFactory(delegation=state("Belgium", "BEL")).user)
    url = reverse("meetings:draft_input", args=[zero.pk])

    response = client.post(
        url,
        {"paragraph": op2(zero).pk, "kind": "wording", "text": WORDING, "on_behalf_of": g77.pk},
        follow=True,
    )

    assert REFUSED in text_of(response.content.decode())
    assert not Proposal.objects.exists()


def test_the_compilation_names_the_group_in_html_pdf_and_french(zero, g77, ecuador, tmp_path):
    client = Client()
    client.force_login(FocalPointFactory(delegation=ecuador).user)
    client.post(
        reverse("meetings:draft_input", args=[zero.pk]),
        {"paragraph": op2(zero).pk, "kind": "wording", "text": WORDING, "on_behalf_of": g77.pk},
    )
    staff = Client()
    staff.force_login(FocalPointFactory(user__is_staff=True).user)
    url = reverse("meetings:compilation", args=[zero.pk])

    english = text_of(staff.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    french_html = staff.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    french = text_of(french_html)
    (tmp_path / "compilation.pdf").write_bytes(
        staff.get(url, {"format": "pdf"}, HTTP_ACCEPT_LANGUAGE="en").content
    )
    pdf = subprocess.run(  # noqa: S603 - a fixed command on a file of the test
        ["/usr/bin/pdftotext", str(tmp_path / "compilation.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    assert f"Ecuador on behalf of the Group of 77 and China (New wording): {WORDING}" in english
    assert "Ecuador on behalf of the Group of 77 and China (New wording)" in " ".join(pdf.split())
    assert "Équateur au nom du Groupe des 77 et de la Chine" in french
    assert "(Nouveau libellé)\u00a0: " in french_html  # French keeps ":" with its word


def test_the_refusal_reads_in_french_on_a_french_page(client, zero, g77, ecuador):
    client.force_login(FocalPointFactory(delegation=state("Belgium", "BEL", "Belgique")).user)
    url = reverse("meetings:draft_input", args=[zero.pk])

    response = client.post(
        url,
        {"kind": "general", "text": "Un texte court.", "on_behalf_of": g77.pk},
        HTTP_ACCEPT_LANGUAGE="fr",
        follow=True,
    )

    assert (
        "Seule la présidence du Groupe des 77 et de la Chine pour cette période peut donner "
        "une contribution en son nom."
    ) in text_of(response.content.decode())


def test_staff_see_and_filter_the_groups_input_in_the_admin(zero, g77, ecuador):
    resolutions.propose(
        draft=zero, delegation=ecuador, kind=ProposalKind.GENERAL, actor=None,
        text="The text should be short.", on_behalf_of=g77,
    )  # fmt: skip
    staff = Client()
    staff.force_login(FocalPointFactory(user__is_staff=True, user__is_superuser=True).user)

    page = text_of(
        staff.get(
            reverse("admin:meetings_proposal_changelist"), {"on_behalf_of__id__exact": g77.pk}
        ).content.decode()
    )

    assert "EcuadorGroup of 77 and ChinaGeneral commentThe text should be short." in page
