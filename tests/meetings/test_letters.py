import re
from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from meetings import letters
from meetings.enums import Audience, InvitationResponse, LetterKind, MessageStatus, RegionalGroup
from meetings.models import LetterTemplate, Mailing, Meeting, OutgoingMessage, Participant
from meetings.services import mailings
from meetings.services.outbox import deliver_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo_meetings):
    return Meeting.objects.get(slug="trafficking-in-persons-2017")


def mailing_for(meeting, audience, **extra):
    kind = (
        LetterKind.PERSONAL_INVITATION
        if audience == Audience.SEGMENT_PARTICIPANTS
        else LetterKind.LETTER
    )
    template = LetterTemplate.objects.filter(kind=kind).first()
    return Mailing.objects.create(
        meeting=meeting, template=template, title="Test mailing", letter_date=date(2017, 9, 13),
        audience=audience, **extra,
    )  # fmt: skip


def test_letter_to_all_missions_has_the_pga_form(meeting):
    mailing = mailing_for(meeting, Audience.ALL_MISSIONS)

    subject, text, html = letters.preview_mailing(mailing)

    assert subject == "HLM on trafficking in persons (2017): draft programme and concept notes"
    assert text.startswith(
        "THE PRESIDENT OF THE GENERAL ASSEMBLY\n\n13 September 2017\n\nExcellency,"
    )
    assert "I have the honour to enclose herewith a draft programme" in text
    assert "scheduled for 27–28 September 2017" in text
    assert "Please accept, Excellency, the assurances of my highest consideration." in text
    assert text.endswith(
        "All Permanent Representatives and Permanent Observers to the United Nations\nNew York\n"
    )


def test_recipients_of_a_regional_group(meeting):
    mailing = mailing_for(
        meeting, Audience.REGIONAL_GROUP, regional_group=RegionalGroup.EASTERN_EUROPEAN
    )

    recipients = letters.recipients_for(mailing)

    assert len(recipients) == 23
    assert recipients[0].delegation == "Albania"


def test_hand_made_list_is_read_and_bad_lines_are_explained(meeting):
    mailing = mailing_for(
        meeting,
        Audience.MANUAL,
        manual_recipients="Ana Cruz <ana@example.org>\nbob@example.org\n\n",
    )
    assert [(r.name, r.email) for r in letters.recipients_for(mailing)] == [
        ("Ana Cruz", "ana@example.org"),
        ("", "bob@example.org"),
    ]

    mailing.manual_recipients = "not an address"
    with pytest.raises(ValidationError) as error:
        letters.recipients_for(mailing)
    assert error.value.messages == ["Cannot read this recipient: “not an address”."]


@pytest.mark.parametrize(
    "line",
    ["Foo <not-an-email>", "@@@", "ana@example.org, bob@example.org", "a" * 250 + "@example.org"],
)
def test_a_typed_recipient_no_message_could_go_to_is_refused_when_the_mailing_is_saved(
    meeting, line
):
    """Not an address, two on one line (the second was dropped), longer than an address may
    be: refused on the mailing's form, where staff typed it, not found when sending."""
    mailing = mailing_for(meeting, Audience.MANUAL, manual_recipients=f"ana@example.org\n{line}")

    with pytest.raises(ValidationError) as error:
        mailing.full_clean()

    assert error.value.message_dict["manual_recipients"] == [
        f"Cannot read this recipient: “{line[:200]}”."
    ]


def test_generating_a_mailing_twice_adds_no_duplicate(meeting):
    mailing = mailing_for(meeting, Audience.ALL_MISSIONS)

    first = mailings.generate_mailing(mailing=mailing)
    second = mailings.generate_mailing(mailing=mailing)

    assert first == 195 + 1 + 10  # States, the EU and IGO observers with a mission address
    assert second == 0
    assert set(mailing.messages.values_list("status", flat=True)) == {MessageStatus.DRAFT}


def test_sending_a_mailing_again_sends_nothing_twice(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    mailing = mailing_for(
        meeting, Audience.MANUAL, manual_recipients="a@example.org\nb@example.org"
    )
    mailings.generate_mailing(mailing=mailing)

    with django_capture_on_commit_callbacks(execute=True):
        assert mailings.send_mailing(mailing=mailing) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert mailings.send_mailing(mailing=mailing) == 0

    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    message = mailoutbox[0]
    assert message.attachments[0][0] == "letter.pdf"
    assert message.attachments[0][1].startswith(b"%PDF")
    assert (
        message.extra_headers["Message-ID"]
        == OutgoingMessage.objects.get(to=message.to[0]).message_id
    )


def test_panellists_get_a_personal_link_that_confirms_them(
    meeting, client, mailoutbox, django_capture_on_commit_callbacks
):
    panel = meeting.segments.get(position=4)
    Participant.objects.filter(segment=panel).update(confirmed=False)
    hong = panel.participants.get(name="Rani Hong")
    hong.email = "rani@example.org"
    hong.save()
    mailing = mailing_for(
        meeting, Audience.SEGMENT_PARTICIPANTS, segment=panel, deadline=date(2017, 9, 20)
    )
    mailings.generate_mailing(mailing=mailing)

    with django_capture_on_commit_callbacks(execute=True):
        mailings.send_mailing(mailing=mailing)

    (mail,) = mailoutbox
    assert (
        "as panellist, in the Interactive panel discussion 1 of the High-level meeting of the "
        "General Assembly on the appraisal of the United Nations Global Plan"
        in " ".join(mail.body.split())
    )
    assert "by 20 September 2017" in mail.body
    link = re.search(r"http://\S+/invitations/\S+/", mail.body).group(0)
    path = link[link.index("/invitations/") :]
    hong.refresh_from_db()
    assert hong.invitation_response == InvitationResponse.PENDING
    assert "Ms. Rani Hong, CEO of The Tronie Foundation (TBC)" in re.sub(
        r"\s+", " ", re.sub("<[^>]+>", " ", client.get(meeting.get_absolute_url()).content.decode())
    )

    client.post(path, {"answer": "accept"})

    hong.refresh_from_db()
    assert (hong.invitation_response, hong.confirmed) == (InvitationResponse.ACCEPTED, True)
    page = re.sub(
        r"\s+", " ", re.sub("<[^>]+>", " ", client.get(meeting.get_absolute_url()).content.decode())
    )
    assert "Ms. Rani Hong, CEO of The Tronie Foundation (TBC)" not in page
    assert "Ms. Rani Hong, CEO of The Tronie Foundation" in page


def test_forged_invitation_link_is_a_404(client):
    assert client.get(reverse("meetings:invitation", args=["forged:token"])).status_code == 404


def test_letter_template_error_is_explained(meeting):
    mailing = mailing_for(meeting, Audience.MANUAL, manual_recipients="a@example.org")
    mailing.template.body = "{% if %}"
    mailing.template.save()

    with pytest.raises(ValidationError) as error:
        mailings.generate_mailing(mailing=mailing)

    assert error.value.messages[0].startswith("The letter template has an error:")


def test_staff_preview_generate_and_send_from_the_admin(
    staff_client, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    mailing = mailing_for(meeting, Audience.MANUAL, manual_recipients="a@example.org")
    change_url = reverse("admin:meetings_mailing_change", args=[mailing.pk])
    assert "I have the honour to enclose herewith" in staff_client.get(change_url).content.decode()
    changelist = reverse("admin:meetings_mailing_changelist")

    staff_client.post(changelist, {"action": "generate", "_selected_action": [mailing.pk]})
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(changelist, {"action": "send", "_selected_action": [mailing.pk]})

    assert [m.to for m in mailoutbox] == [["a@example.org"]]
    assert OutgoingMessage.objects.get().status == MessageStatus.SENT


def test_staff_edit_a_draft_before_sending(staff_client, meeting):
    mailing = mailing_for(meeting, Audience.MANUAL, manual_recipients="a@example.org")
    mailings.generate_mailing(mailing=mailing)
    message = mailing.messages.get()
    url = reverse("admin:meetings_outgoingmessage_change", args=[message.pk])

    staff_client.post(
        url, {"to": "a@example.org", "recipient_name": "A", "subject": "Edited", "body": "New text"}
    )

    message.refresh_from_db()
    assert (message.subject, message.body) == ("Edited", "New text")
    deliver_message(message_id=message.pk)  # still a draft: nothing is sent
    message.refresh_from_db()
    assert message.status == MessageStatus.DRAFT


def test_letter_template_page_shows_a_preview(staff_client, meeting):
    template = LetterTemplate.objects.get(kind=LetterKind.PERSONAL_INVITATION)

    page = staff_client.get(reverse("admin:meetings_lettertemplate_change", args=[template.pk]))

    assert "I have the honour to invite you to take part, as " in page.content.decode()


def test_an_invitation_to_a_side_event_carries_its_notice(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    from meetings.models import SideEvent

    mailing = mailing_for(
        meeting, Audience.MANUAL, manual_recipients="a@example.org", attach_letter=False
    )
    mailing.side_event = SideEvent.objects.get(slug="roundtable-2017-review-2016-12-05")
    mailing.save()
    mailings.generate_mailing(mailing=mailing)

    with django_capture_on_commit_callbacks(execute=True):
        mailings.send_mailing(mailing=mailing)

    ((name, content, mimetype),) = mailoutbox[0].attachments
    assert (name, mimetype) == ("notice.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
