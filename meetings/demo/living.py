"""The living demo: a clearly labelled, made-up high-level meeting whose dates follow today's.

Nothing here is the record. Everything synthetic lives in this one meeting (slug ``demo-hlm``):
its segments, a political declaration whose zero draft is open for Member States' input, two
side events (one with seats left, one full with a waiting list), and the demo accounts of the
delegations that try the journeys (Belgium; Ecuador, chair of the Group of 77; Ireland,
co-facilitator of the declaration). The lists of speakers and the civil-society call of this
meeting are loaded by the speakers and stakeholders apps (``speakers/demo_living.py``,
``stakeholders/demo_living.py``).

Each load computes the dates from ``timezone.now()`` and moves them with today; rows are
matched on natural keys, so loading again keeps them (and what people did in the demo).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from meetings.demo.common import NEW_YORK, _at
from meetings.enums import (
    DocumentKind,
    DraftStage,
    MeetingFormat,
    MeetingStatus,
    RegistrationStatus,
    ResolutionKind,
    SegmentKind,
)
from meetings.models import (
    CoFacilitator,
    CoSponsor,
    Delegation,
    Document,
    FocalPoint,
    Meeting,
    Registration,
    Resolution,
    ResolutionDraft,
    Room,
    Segment,
    SideEvent,
)
from meetings.services.resolutions import import_paragraphs
from meetings.sync import sync_object

DEMO_SLUG = "demo-hlm"
DEMO_TITLE = "Demonstration high-level meeting — synthetic data"
DEMO_TITLE_FR = "Réunion de haut niveau de démonstration — données fictives"
DEMO_SHORT_TITLE = "Demonstration HLM (synthetic data)"
DEMO_SHORT_TITLE_FR = "Réunion de démonstration (données fictives)"
DEMO_SUMMARY = (
    "A made-up meeting for trying the portal: every name, date and text in it is synthetic and "
    "its dates follow today's. Its plenary list of speakers is open for inscription, the panels' "
    "lists open soon, civil society may apply, the zero draft of its political declaration is "
    "open for Member States' input and its side events take registrations."
)
DEMO_SUMMARY_FR = (
    "Une réunion inventée pour essayer le portail\N{NO-BREAK SPACE}: chaque nom, chaque date et "
    "chaque texte y sont fictifs, et ses dates suivent celle du jour. La liste des orateurs de "
    "ses séances plénières est ouverte aux inscriptions, celles des réunions-débats ouvrent "
    "bientôt, la société civile peut présenter sa candidature, le projet zéro de sa déclaration "
    "politique est ouvert aux contributions des États Membres et ses manifestations parallèles "
    "prennent les inscriptions."
)
DECLARATION_TITLE = "Political declaration of the demonstration high-level meeting"
DECLARATION_TITLE_FR = "Déclaration politique de la réunion de haut niveau de démonstration"

#: The demo accounts of delegations: e-mail (the user name), delegation code, function.
BELGIUM = "focal.point@belgium.example.org"
G77_CHAIR = "focal.point@ecuador.example.org"
CO_FACILITATOR = "focal.point@ireland.example.org"
DEMO_FOCAL_POINTS = [
    (BELGIUM, "BEL", "First Secretary"),
    (G77_CHAIR, "ECU", "Counsellor, Chair of the Group of 77 and China"),
    (CO_FACILITATOR, "IRL", "First Secretary, co-facilitation team"),
]
CO_FACILITATORS = [("IRL", "H.E. Ms.", "Co-facilitator for Ireland"),
                   ("JAM", "H.E. Mr.", "Co-facilitator for Jamaica")]  # fmt: skip

DECLARATION_TEXT = """The General Assembly,

Recalling its earlier resolutions on the subject of this demonstration meeting,

Recognizing that this text is synthetic and serves only to try the portal,

1. *Reaffirms* its commitment to the purposes of the demonstration high-level meeting;
2. *Calls upon* Member States to share their experience and good practices;
3. *Encourages* the participation of civil society, including survivors and people with lived experience;
4. *Requests* the Secretary-General to report on the follow-up to this declaration;
5. *Decides* to remain seized of the matter.
"""

SIDE_EVENT_BACKGROUND = (
    "A made-up side event of the demonstration meeting, for trying the registration of "
    "attendance: seats with nameplates first, then the waiting list."
)
# slug, title, organizer, co-sponsors, day of the meeting (0 or 1), hour, seats,
# delegations already registered (seats first, then the waiting list)
SIDE_EVENTS = [
    ("demo-side-event-survivors", "Demo side event: survivor-led approaches to protection",
     "NOR", ["PHL", "SEN"], 0, 13, 20, ["PHL", "SEN", "KEN", "MEX", "NPL", "QAT"]),
    ("demo-side-event-data", "Demo side event: data and evidence on trafficking",
     "PHL", ["NOR"], 1, 13, 4, ["NOR", "CRI", "SEN", "KEN", "NGA", "MEX"]),
]  # fmt: skip


@dataclass(frozen=True)
class DemoDates:
    """The demo's calendar, from today in New York."""

    today: date
    starts_on: date
    ends_on: date


def demo_dates(now: datetime | None = None) -> DemoDates:
    """The meeting is on the Monday and Tuesday three to four weeks from today."""
    today = timezone.localtime(now or timezone.now(), NEW_YORK).date()
    in_three_weeks = today + timedelta(days=21)
    starts_on = in_three_weeks + timedelta(days=-in_three_weeks.weekday() % 7)
    return DemoDates(today=today, starts_on=starts_on, ends_on=starts_on + timedelta(days=1))


def _ga_session(day: date) -> int:
    """The session of the General Assembly under way on ``day`` (each opens in September)."""
    return day.year - 1945 if day.month >= 9 else day.year - 1946


def _load_segments(meeting: Meeting, dates: DemoDates, rooms: dict[str, Room]) -> None:
    day_1, day_2 = dates.starts_on, dates.ends_on
    at = _at
    hall, council = rooms["GA Hall"], rooms["Trusteeship Council"]
    # kind, title and theme in English and in French, start, end, room
    segments = [
        (SegmentKind.OPENING_PLENARY, ("Opening plenary meeting", "Séance plénière d'ouverture"), ("", ""), at(day_1, 10), at(day_1, 11), hall),
        (SegmentKind.PLENARY, ("Plenary meeting", "Séance plénière"), ("", ""), at(day_1, 11), at(day_1, 13), hall),
        (SegmentKind.PANEL, ("Interactive panel discussion 1", "Réunion-débat interactive 1"), ("Prevention and protection (demo theme)", "Prévention et protection (thème de démonstration)"), at(day_1, 15), at(day_1, 16, 30), council),
        (SegmentKind.PANEL, ("Interactive panel discussion 2", "Réunion-débat interactive 2"), ("Partnerships and data (demo theme)", "Partenariats et données (thème de démonstration)"), at(day_1, 16, 30), at(day_1, 18), council),
        (SegmentKind.PLENARY, ("Plenary meeting", "Séance plénière"), ("", ""), at(day_2, 10), at(day_2, 13), hall),
        (SegmentKind.CLOSING_PLENARY, ("Closing plenary meeting", "Séance plénière de clôture"), ("", ""), at(day_2, 15), at(day_2, 18), hall),
    ]  # fmt: skip
    for position, (kind, title, theme, starts_at, ends_at, room) in enumerate(segments, 1):
        sync_object(
            Segment,
            {"meeting": meeting, "position": position},
            kind=kind, title=title[0], title_fr=title[1], theme=theme[0], theme_fr=theme[1],
            starts_at=starts_at, ends_at=ends_at, room=room,
        )  # fmt: skip


def _load_declaration(meeting: Meeting, dates: DemoDates) -> ResolutionDraft:
    """The zero draft of the declaration, open for Member States' input for ten days."""
    declaration = sync_object(
        Resolution,
        {"meeting": meeting, "kind": ResolutionKind.DECLARATION},
        title=DECLARATION_TITLE,
        title_fr=DECLARATION_TITLE_FR,
    )
    circulated_on = dates.today - timedelta(days=2)
    draft = sync_object(
        ResolutionDraft,
        {"resolution": declaration, "stage": DraftStage.ZERO, "revision": 0},
        circulated_on=circulated_on,
        input_deadline=_at(dates.today + timedelta(days=10), 18),
    )
    if not draft.paragraphs.exists():
        import_paragraphs(draft=draft, text=DECLARATION_TEXT)
    for code, honorific, name in CO_FACILITATORS:
        sync_object(
            CoFacilitator,
            {"resolution": declaration, "delegation": Delegation.objects.get(code=code)},
            honorific=honorific,
            name=name,
            function="Permanent Representative (demo)",
        )
    sync_object(
        Document,
        {"meeting": meeting, "title": "Zero draft: political declaration"},
        title_fr="Projet zéro\u00a0: déclaration politique",
        kind=DocumentKind.DRAFT,
        published_on=circulated_on,
    )
    return draft


def _load_side_events(meeting: Meeting, dates: DemoDates, rooms: dict[str, Room]) -> None:
    delegations = {d.code: d for d in Delegation.objects.all()}
    for slug, title, organizer, co_sponsors, day, hour, seats, registered in SIDE_EVENTS:
        on = dates.starts_on + timedelta(days=day)
        event = sync_object(
            SideEvent,
            {"slug": slug},
            title=title,
            kind_label="Side event (demo)",
            meeting=meeting,
            organizer=delegations[organizer],
            background=SIDE_EVENT_BACKGROUND,
            starts_at=_at(on, hour, 15),
            ends_at=_at(on, hour + 1, 30),
            room=rooms["CR 8"],
            seats=seats,
            registration_closes_at=_at(dates.starts_on - timedelta(days=3), 18),  # the Friday
            contact_name="Demo contact",
            contact_email="side-events@demo.example.org",
            is_published=True,
        )
        for code in co_sponsors:
            sync_object(CoSponsor, {"side_event": event, "delegation": delegations[code]})
        if event.registrations.exists():
            continue  # loaded before: keep the registrations as they now are
        for number, code in enumerate(registered, 1):
            seat = number if number <= seats else None
            Registration.objects.create(
                side_event=event,
                delegation=delegations[code],
                attendee_name=f"Delegate of {delegations[code].name}",
                attendee_function="Delegate",
                status=RegistrationStatus.SEATED if seat else RegistrationStatus.WAITING,
                seat=seat,
                registered_at=timezone.now() - timedelta(hours=len(registered) - number + 1),
            )


def _load_accounts(password: str) -> list[str]:
    """The delegations' demo focal points (user name = e-mail), all with ``password``."""
    users = get_user_model().objects
    for email, code, function in DEMO_FOCAL_POINTS:
        user, _created = users.get_or_create(
            username=email,
            defaults={"email": email, "first_name": "Demo", "last_name": "Focal Point"},
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        FocalPoint.objects.get_or_create(
            user=user,
            defaults={"delegation": Delegation.objects.get(code=code), "function": function},
        )
    return [email for email, _code, _function in DEMO_FOCAL_POINTS]


def load_living_demo(rooms: dict[str, Room], *, password: str | None = None) -> Meeting:
    """Load (or move to today) the demonstration meeting; with ``password``, its accounts."""
    dates = demo_dates()
    meeting = sync_object(
        Meeting,
        {"slug": DEMO_SLUG},
        title=DEMO_TITLE,
        short_title=DEMO_SHORT_TITLE,
        ga_session=_ga_session(dates.starts_on),
        starts_on=dates.starts_on,
        ends_on=dates.ends_on,
        format=MeetingFormat.IN_PERSON,
        status=MeetingStatus.SCHEDULED,
        summary=DEMO_SUMMARY,
        contact_name="Office of the President of the General Assembly (demo)",
    )
    sync_object(
        Meeting,
        {"pk": meeting.pk},
        title_fr=DEMO_TITLE_FR,
        short_title_fr=DEMO_SHORT_TITLE_FR,
        summary_fr=DEMO_SUMMARY_FR,
    )
    _load_segments(meeting, dates, rooms)
    _load_declaration(meeting, dates)
    _load_side_events(meeting, dates, rooms)
    if password:
        _load_accounts(password)
    return meeting
