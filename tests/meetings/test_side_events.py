import re
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.enums import DelegationKind, RegistrationStatus
from meetings.models import Delegation, Registration, SideEvent
from meetings.services import side_events
from tests.meetings.factories import (
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    RoomFactory,
    UserFactory,
)


def make_event(seats=2, **fields) -> SideEvent:
    values = {
        "title": "Working roundtable", "slug": f"roundtable-{SideEvent.objects.count()}",
        "organizer": Delegation.objects.filter(code="BLR").first() or DelegationFactory(name="Belarus", code="BLR"), "room": RoomFactory(name="Conference Room 8"),
        "starts_at": timezone.now() + timedelta(days=3), "ends_at": timezone.now() + timedelta(days=3, hours=1),
        "seats": seats, "registration_closes_at": timezone.now() + timedelta(days=2),
        "contact_name": "Ms Irina", "contact_email": "c@example.org", "is_published": True,
    }  # fmt: skip
    return SideEvent.objects.create(**{**values, **fields})


def register(event, delegation):
    return side_events.register(
        side_event=event, delegation=delegation, attendee_name="Attendee", attendee_function="Counsellor",
        wishes_to_speak=False, actor=None,
    )  # fmt: skip


@pytest.mark.django_db
def test_seats_then_waiting_list_then_moving_up(mailoutbox, django_capture_on_commit_callbacks):
    event = make_event(seats=2)
    a, b, c, d = (DelegationFactory(name=n) for n in ("Chile", "Egypt", "India", "Qatar"))
    FocalPointFactory(delegation=c, user=UserFactory(email="fp@india.example"))
    first, second, third, fourth = (register(event, x) for x in (a, b, c, d))

    assert [r.status for r in (first, second, third, fourth)] == [
        "seated",
        "seated",
        "waiting",
        "waiting",
    ]
    assert register(event, a).pk == first.pk  # the same form twice
    with django_capture_on_commit_callbacks(execute=True):
        moved = side_events.withdraw(registration=first)

    assert moved.pk == third.pk
    third.refresh_from_db()
    assert (third.status, third.seat) == (RegistrationStatus.SEATED, 1)
    assert [m.subject for m in mailoutbox] == ["A seat is now yours: Working roundtable"]
    assert mailoutbox[0].body.rstrip().endswith("Office of the President of the General Assembly")
    assert side_events.withdraw(registration=first) is None  # twice: nothing more


@pytest.mark.django_db
def test_an_event_whose_notice_gives_no_number_of_seats_seats_everyone(client):
    event = make_event(seats=None)

    registrations = [register(event, DelegationFactory()) for _ in range(3)]

    assert [(r.status, r.seat) for r in registrations] == [("seated", n) for n in (1, 2, 3)]
    page = client.get(event.get_absolute_url()).content.decode()
    assert "seating capacity is limited" in page and "Seating is limited to" not in page


@pytest.mark.django_db
def test_registration_closes_at_its_time_and_observers_may_be_excluded():
    closed = make_event(registration_closes_at=timezone.now() - timedelta(minutes=1))
    states_only = make_event(observers_may_register=False)

    with pytest.raises(ValidationError) as error:
        register(closed, DelegationFactory())
    with pytest.raises(PermissionDenied):
        register(states_only, DelegationFactory(kind=DelegationKind.UN_ENTITY))

    assert error.value.messages == ["Registration for this event has closed."]


@pytest.mark.django_db
def test_the_database_refuses_two_delegations_on_one_seat():
    event = make_event(seats=3)
    register(event, DelegationFactory())

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            side_event=event, delegation=DelegationFactory(), attendee_name="X", attendee_function="Y",
            status=RegistrationStatus.SEATED, seat=1,
        )  # fmt: skip


@pytest.mark.django_db(transaction=True)
@pytest.mark.integration
def test_the_race_for_the_last_seats_never_overbooks_the_room():
    if connection.vendor != "postgresql":
        pytest.fail("The race needs PostgreSQL: run it with `make test`.")
    event = make_event(seats=5)
    delegations = Delegation.objects.bulk_create(
        Delegation(
            name=f"State {n:02d}",
            code=f"R{n:02d}",
            kind=DelegationKind.MEMBER_STATE,
            sort_key=f"state {n:02d}",
        )
        for n in range(30)
    )
    go = threading.Event()

    def attempt(delegation):
        go.wait()
        try:
            return register(event, delegation).status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=15) as pool:
        futures = [pool.submit(attempt, d) for d in delegations]
        go.set()
        statuses = [f.result() for f in futures]

    assert statuses.count("seated") == 5
    assert statuses.count("waiting") == 25
    seats = list(event.registrations.filter(status="seated").values_list("seat", flat=True))
    assert sorted(seats) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_who_may_edit_and_manage_an_event(staff_user):
    event = make_event()
    organizer = FocalPointFactory(delegation=event.organizer)
    other = FocalPointFactory(delegation=DelegationFactory(name="Peru"))
    as_organizer, as_other, as_staff = Client(), Client(), Client()
    as_organizer.force_login(organizer.user)
    as_other.force_login(other.user)
    as_staff.force_login(staff_user)
    edit = reverse("meetings:side_event_edit", args=[event.slug])
    manage = reverse("meetings:side_event_manage", args=[event.slug])

    assert as_organizer.get(edit).status_code == 200
    assert as_other.get(edit).status_code == 403
    assert as_other.post(edit, {"title": "Hijacked"}).status_code == 403
    assert as_other.get(manage).status_code == 403
    assert as_staff.get(manage).status_code == 200
    event.refresh_from_db()
    assert event.title == "Working roundtable"


@pytest.mark.django_db
def test_organizer_creates_an_event_with_co_sponsors():
    organizer = FocalPointFactory(delegation=DelegationFactory(name="Belarus", code="BLR"))
    room = RoomFactory(name="Conference Room 8")
    qatar = DelegationFactory(name="Qatar")
    client = Client()
    client.force_login(organizer.user)
    start = timezone.localtime(timezone.now() + timedelta(days=5))

    response = client.post(reverse("meetings:side_event_new"), {
        "title": "Partners and ideas", "kind_label": "Working roundtable", "starts_at": start.strftime("%Y-%m-%dT15:00"),
        "ends_at": start.strftime("%Y-%m-%dT16:30"), "room": room.pk, "seats": 20,
        "registration_closes_at": start.strftime("%Y-%m-%dT09:00"), "observers_may_register": "on",
        "contact_name": "Ms Irina", "contact_email": "c@example.org", "is_published": "on",
        "co_sponsoring_delegations": [organizer.delegation.pk, qatar.pk], "other_co_sponsors": "UNODC",
    })  # fmt: skip

    event = SideEvent.objects.get()
    assert response.status_code == 302
    assert event.organizer == organizer.delegation
    assert [c.display_name for c in event.co_sponsors.all()] == ["Belarus", "Qatar", "UNODC"]


@pytest.mark.django_db
def test_nameplates_are_one_per_seated_delegation_in_un_order(staff_user, tmp_path):
    event = make_event(seats=3)
    for name in ("Qatar", "Côte d'Ivoire", "Bahrain", "Zambia"):  # Zambia waits
        register(event, DelegationFactory(name=name))
    client = Client()
    client.force_login(staff_user)

    response = client.get(reverse("meetings:side_event_nameplates", args=[event.slug]))
    pdf = tmp_path / "plates.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [" ".join(p.split()) for p in text.split("\f") if p.strip()]

    assert len(pages) == 3
    assert [p.split()[0] for p in pages] == ["Bahrain", "Côte", "Qatar"]
    assert "Zambia" not in text
    csv_lines = (
        client.get(reverse("meetings:side_event_csv", args=[event.slug]))
        .content.decode()
        .splitlines()
    )
    assert len(csv_lines) == 5
    assert "On the waiting list" in csv_lines[-1]


@pytest.mark.django_db
def test_reminder_the_day_before_goes_to_seated_delegations_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(
        seats=1,
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=21),
    )
    seated, waiting = DelegationFactory(), DelegationFactory()
    FocalPointFactory(delegation=seated, user=UserFactory(email="seated@example.org"))
    FocalPointFactory(delegation=waiting, user=UserFactory(email="waiting@example.org"))
    register(event, seated)
    register(event, waiting)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        side_events.send_side_event_reminders()
        side_events.send_side_event_reminders()

    assert [m.to for m in mailoutbox] == [["seated@example.org"]]
    assert mailoutbox[0].body.rstrip().endswith("Office of the President of the General Assembly")


@pytest.mark.django_db
def test_demo_roundtable_page_lists_its_24_co_sponsors_alphabetically(client, demo_meetings):
    page = client.get("/side-events/roundtable-2017-review-2016-12-05/").content.decode()

    names = re.findall(r'<li class="list-inline-item fw-semibold">([^<·]+?)(?: ·)?</li>', page)
    assert len(names) == 24
    assert names[0] == "Bahrain" and names[-1] == "Venezuela (Bolivarian Republic of)"
    assert names.index("Lao People&#x27;s Democratic Republic") < names.index("Libya")
    assert "Conference Room 8" in page
    notice = client.get("/side-events/roundtable-2017-review-2016-12-05/notice.pdf")
    assert notice["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_organizers_register_the_ngos_they_invite_where_the_event_allows_it(staff_user):
    closed_to_ngos = make_event()
    open_to_ngos = make_event(seats=1, ngos_may_register=True)
    register(open_to_ngos, DelegationFactory(name="Chile"))  # the only seat
    client = Client()
    client.force_login(FocalPointFactory(delegation=open_to_ngos.organizer).user)
    data = {
        "organization": "Survivors' Voices Network",
        "attendee_name": "Amina",
        "attendee_function": "Founder",
    }

    client.post(reverse("meetings:side_event_manage", args=[open_to_ngos.slug]), data)
    with pytest.raises(PermissionDenied):
        side_events.register(side_event=closed_to_ngos, delegation=None, organization="NGO",
                             attendee_name="A", attendee_function="B", wishes_to_speak=False, actor=None)  # fmt: skip

    ngo = open_to_ngos.registrations.get(organization="Survivors' Voices Network")
    assert ngo.status == RegistrationStatus.WAITING  # NGOs count against the same seats
    assert ngo.entity == "Survivors' Voices Network"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "when"),
    [
        ("en", "Monday, 16 December 2030, 1.15 p.m. – 2.30 p.m., Conference Room 8"),
        ("fr", "lundi 16 décembre 2030, 13 h 15 – 14 h 30, Conference Room 8"),
    ],
)
def test_the_registration_mail_gives_the_time_as_the_pages_do(
    language, when, mailoutbox, django_capture_on_commit_callbacks
):
    # Not "Monday 16 December 2030, 13:15 – 14:30": the UN's style in English, French's in French.
    new_york = timezone.get_default_timezone()
    event = make_event(
        starts_at=datetime(2030, 12, 16, 13, 15, tzinfo=new_york),
        ends_at=datetime(2030, 12, 16, 14, 30, tzinfo=new_york),
    )
    delegation = DelegationFactory()
    FocalPointFactory(
        delegation=delegation, user=UserFactory(email="fp@example.org"), language=language
    )

    with django_capture_on_commit_callbacks(execute=True):  # in the focal point's language
        register(event, delegation)

    assert when in " ".join(mailoutbox[0].body.split())


@pytest.mark.django_db
def test_a_registration_refused_comes_back_as_typed_with_the_reason():
    """A name longer than a nameplate takes: the form shows what was typed and why, and the
    delegation is not registered."""
    event = make_event()
    focal_point = FocalPointFactory()
    client = Client()
    client.force_login(focal_point.user)
    name = "H.E. Ms. " + "Amina " * 30

    response = client.post(
        reverse("meetings:side_event_register", args=[event.slug]),
        {"attendee_name": name, "attendee_function": "Deputy Permanent Representative",
         "wishes_to_speak": "on"},
    )  # fmt: skip

    page = response.content.decode()
    assert response.status_code == 400
    assert "at most 150 characters" in page
    assert 'value="Deputy Permanent Representative"' in page
    assert name.strip() in page
    assert re.search(r'id="id_wishes_to_speak" name="wishes_to_speak" checked', page)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_sentence_that_ends_on_the_time_takes_one_full_stop(client):
    """“… until 18 December 2026, 6 p.m. Organized by Belarus.”, not “6 p.m.. Organized”."""
    closes = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    event = make_event(registration_closes_at=closes)

    page = " ".join(client.get(event.get_absolute_url()).content.decode().split())

    assert "6 p.m. Organized by Belarus." in page
    assert ".." not in page.replace("...", "")


@pytest.mark.django_db
def test_a_meeting_page_lists_its_side_events_in_the_order_they_are_held(client):
    meeting, soon = MeetingFactory(), timezone.now() + timedelta(days=8)
    later = make_event(
        slug="later", meeting=meeting, starts_at=soon + timedelta(days=1),
        ends_at=soon + timedelta(days=1, hours=1),
    )  # fmt: skip
    earlier = make_event(
        slug="earlier", meeting=meeting, starts_at=soon, ends_at=soon + timedelta(hours=1)
    )

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert html.index(earlier.get_absolute_url()) < html.index(later.get_absolute_url())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "floor"),
    [("en", "Wishes to take the floor"), ("fr", "Souhaite prendre la parole")],
)
def test_the_wish_to_take_the_floor_is_confirmed_on_the_page_and_in_the_mail(
    language, floor, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    focal_point = FocalPointFactory(user=UserFactory(email="fp@example.org"), language=language)
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(focal_point.user)
    type(focal_point).objects.filter(pk=focal_point.pk).update(language=language)  # as signed in
    url = reverse("meetings:side_event_register", args=[event.slug])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"attendee_name": "Ms. Amina Diallo", "attendee_function": "Counsellor",
                          "wishes_to_speak": "on"})  # fmt: skip

    box = re.search(
        r'data-testid="registration">(.*?)</div>\s*</div>', client.get(url).content.decode(), re.S
    )
    assert floor in box.group(1)
    (mail,) = mailoutbox
    assert f"Ms. Amina Diallo, Counsellor\n{floor}.\n" in mail.body
