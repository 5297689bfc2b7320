from django.core.files.base import ContentFile

import pytest

from meetings.enums import MeetingStatus, ParticipantRole
from meetings.models import Meeting, ProgrammeVersion, SideEvent
from tests.api.conftest import API, DEMO_2017, DEMO_2021, folded
from tests.meetings.factories import (
    DelegationFactory,
    DocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    SegmentFactory,
)

pytestmark = pytest.mark.django_db


def get(client, path, **headers):
    response = client.get(API + path, headers=headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_meetings_lists_the_public_meetings_newest_first(client, demo_meetings):
    MeetingFactory(status=MeetingStatus.DRAFT, slug="secret-draft")

    meetings = get(client, "/meetings/")

    assert [m["slug"] for m in meetings] == ["demo-hlm", DEMO_2021, DEMO_2017]
    assert meetings[2]["status"] == "concluded"
    assert meetings[2]["status_label"] == "Concluded"
    assert meetings[2]["ga_session"] == 72
    assert meetings[2]["url"].endswith(f"/meetings/{DEMO_2017}/")


def test_meeting_gives_its_mandates_and_language_versions(client, demo_meetings):
    meeting = get(client, f"/meetings/{DEMO_2017}/")

    assert meeting["starts_on"] == "2017-09-27"
    assert meeting["ends_on"] == "2017-09-28"
    assert [m["symbol"] for m in meeting["mandates"]] == ["A/RES/70/179"]  # convened it
    assert [m["symbol"] for m in meeting["background"]] == ["A/RES/64/293"]  # the Global Plan
    assert meeting["translations"]["en"]["short_title"] == "HLM on trafficking in persons (2017)"
    assert meeting["translations"]["fr"]["short_title"] == (
        "Réunion de haut niveau sur la traite des personnes (2017)"
    )
    assert meeting["translations"]["fr"]["summary"] is None  # not translated: no fallback here
    assert meeting["calendar_url"].endswith(f"/meetings/{DEMO_2017}/calendar.ics")


def test_meeting_in_french_falls_back_to_english_where_untranslated(client, demo_meetings):
    meeting = get(client, f"/meetings/{DEMO_2017}/", accept_language="fr")
    segments = get(client, f"/meetings/{DEMO_2017}/segments/", accept_language="fr")

    assert meeting["short_title"] == "Réunion de haut niveau sur la traite des personnes (2017)"
    assert meeting["summary"].startswith("In accordance with GA resolution 71/287")
    assert segments[0]["title"] == "Séance d'ouverture"
    panel = next(s for s in segments if s["title"] == "Réunion-débat interactive 1")
    assert panel["time"] == "15\u00a0h – 16\u00a0h\u00a030"  # a time is never split


def test_segments_read_as_the_programme_of_seeds_002_and_004(
    client, demo_meetings, seed_002, seed_004
):
    segments = get(client, f"/meetings/{DEMO_2017}/segments/")

    assert len(segments) == 8  # seed 004's programme with the afternoon plenary of seed 002
    # Each time as the seeds print it ("3 pm", "after 6 pm"; the portal writes "3 p.m.").
    for segment in segments:
        time = segment["time"].replace("\u00a0", " ").replace("a.m.", "am").replace("p.m.", "pm")
        assert time.lower() in seed_004.lower() or time in seed_002
    assert segments[-1]["ends_at"] is None
    for segment in segments:  # a room where the seeds give one, none made up
        assert segment["room"] is None or segment["room"]["short_name"] in seed_002 + seed_004
    assert sum(segment["room"] is None for segment in segments) == 1  # the closing
    panel_1, panel_2 = (
        next(s for s in segments if s["title"] == f"Interactive panel discussion {n}")
        for n in (1, 2)
    )
    assert panel_1["theme"] in seed_002 and panel_2["theme"] in seed_004
    for panel in (panel_1, panel_2):
        people = panel["participants"]
        chairs = [p for p in people if p["role"] == "chair"]
        panellists = [p for p in people if p["role"] == "panellist"]
        assert len(chairs) == 1 and len(panellists) == 3
        assert chairs[0]["name"] in seed_002  # seed 004 misspells the second chair's name
        for person in panellists:
            assert person["confirmed"] is True
            assert person["name"] in seed_004
    speakers = [p for p in segments[0]["participants"] if p["role"] == "speaker"]
    assert len(speakers) == 5  # seed 004's five: the later record stands
    for person in speakers:
        assert person["display"] in seed_004


def test_unconfirmed_people_are_marked_tbc(client):
    segment = SegmentFactory(kind="panel")
    ParticipantFactory(segment=segment, role=ParticipantRole.MODERATOR, name="A", confirmed=True)
    ParticipantFactory(segment=segment, role=ParticipantRole.PANELLIST, name="B", confirmed=False)

    people = get(client, f"/meetings/{segment.meeting.slug}/segments/{segment.pk}/")["participants"]

    assert [(p["role"], p["confirmed"]) for p in people] == [
        ("moderator", True),
        ("panellist", False),
    ]
    assert (people[0]["honorific"], people[0]["name"]) == ("Ms.", "A")
    assert people[0]["display"] == "Ms. A, Executive Director"
    assert people[1]["display"] == "Ms. B, Executive Director (TBC)"
    assert "email" not in people[0]


def test_concept_notes_give_the_questions_of_seed_002(client, demo_meetings, seed_002):
    notes = get(client, f"/meetings/{DEMO_2017}/concept-notes/")

    assert [n["title"] for n in notes] == [
        "Interactive panel discussion 1",
        "Interactive panel discussion 2",
    ]
    questions = notes[0]["concept_note"]["questions"]
    assert len(questions) == 6
    for question in questions + notes[1]["concept_note"]["questions"]:
        assert folded(question) in seed_002


def test_documents_are_those_of_seed_004_newest_first(client, demo_meetings, seed_004):
    hidden = DocumentFactory(
        meeting=Meeting.objects.get(slug=DEMO_2017), title="Internal note", is_public=False
    )

    documents = get(client, f"/meetings/{DEMO_2017}/documents/")

    titles = [d["title"] for d in documents]
    assert hidden.title not in titles
    from_the_page = [t for t in titles if t in seed_004]
    assert len(from_the_page) == 20  # every document of the meeting's page
    places = [seed_004.index(title) for title in from_the_page]
    assert places == sorted(places)  # in the seed's own order
    resolution = next(d for d in documents if d["title"].startswith("GA resolution 71/287"))
    assert resolution["url"] == "https://undocs.org/A/RES/71/287"


def test_document_with_a_file_links_to_the_portal(client, settings):
    document = DocumentFactory(url="")
    document.file.save("letter.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)

    documents = get(client, f"/meetings/{document.meeting.slug}/documents/")

    assert documents[0]["url"] == f"{settings.SITE_URL}/documents/{document.pk}/"


def test_side_events_give_the_seats_left(client, demo_meetings):
    event = SideEvent.objects.get(slug="roundtable-2017-review-2016-12-05")
    event.registrations.create(
        delegation=DelegationFactory(), attendee_name="X", attendee_function="Y", status="seated",
        seat=1,
    )  # fmt: skip
    event.registrations.create(
        delegation=DelegationFactory(), attendee_name="Z", attendee_function="Y",
        status="withdrawn",
    )  # fmt: skip

    events = get(client, f"/meetings/{DEMO_2017}/side-events/")

    assert len(events) == 1
    assert events[0]["seats"] is None and events[0]["seats_left"] is None  # the notice gives none
    assert events[0]["room"]["name"] == "Conference Room 8"
    assert events[0]["organizer"] == "Belarus"
    assert len(events[0]["co_sponsors"]) == 24
    assert events[0]["time"] == "3\u00a0p.m. – 4.30\u00a0p.m."


def test_unpublished_side_events_stay_private(client, demo_meetings):
    SideEvent.objects.update(is_published=False)

    assert get(client, f"/meetings/{DEMO_2017}/side-events/") == []


def test_only_published_programmes_are_offered(client):
    meeting = MeetingFactory()
    for number, published in [(1, True), (2, False)]:
        ProgrammeVersion.objects.create(
            meeting=meeting, number=number, checksum=str(number), content={},
            html=f"programmes/{number}.html", pdf=f"programmes/{number}.pdf",
            is_published=published,
        )  # fmt: skip

    pdfs = get(client, f"/meetings/{meeting.slug}/")["programme_pdfs"]

    assert [p["number"] for p in pdfs] == [1]


ENDPOINTS = [
    "/meetings/{slug}/",
    "/meetings/{slug}/segments/",
    "/meetings/{slug}/segments/{segment}/",
    "/meetings/{slug}/concept-notes/",
    "/meetings/{slug}/documents/",
    "/meetings/{slug}/side-events/",
    "/meetings/{slug}/speakers/",
    "/meetings/{slug}/speaking-now/",
    "/meetings/{slug}/civil-society/",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_draft_meeting_is_404_everywhere_as_on_its_page(client, endpoint):
    segment = SegmentFactory(meeting__status=MeetingStatus.DRAFT)
    path = endpoint.format(slug=segment.meeting.slug, segment=segment.pk)

    assert client.get(segment.meeting.get_absolute_url()).status_code == 404
    assert client.get(API + path).status_code == 404


def test_a_segment_of_another_meeting_is_404(client, demo_meetings):
    other = SegmentFactory()

    assert client.get(f"{API}/meetings/{DEMO_2021}/segments/{other.pk}/").status_code == 404
    assert client.get(f"{API}/meetings/{DEMO_2021}/segments/abc/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_meeting_reads_take_constant_queries(client, django_assert_num_queries, count):
    meeting = MeetingFactory()
    for _ in range(count):
        segment = SegmentFactory(meeting=meeting)
        ParticipantFactory(segment=segment, delegation=DelegationFactory())
        DocumentFactory(meeting=meeting)
        MeetingFactory()

    with django_assert_num_queries(1):
        client.get(f"{API}/meetings/")
    with django_assert_num_queries(4):  # the meeting, its mandate, background, programmes
        client.get(f"{API}/meetings/{meeting.slug}/")
    with django_assert_num_queries(3):
        client.get(f"{API}/meetings/{meeting.slug}/segments/")
    with django_assert_num_queries(2):
        client.get(f"{API}/meetings/{meeting.slug}/documents/")


@pytest.mark.parametrize("count", [1, 3])
def test_side_events_take_constant_queries(client, django_assert_num_queries, count):
    meeting = MeetingFactory()
    room = SegmentFactory(meeting=meeting).room
    for n in range(count):
        SideEvent.objects.create(
            title=f"Event {n}", slug=f"event-{n}", meeting=meeting,
            organizer=DelegationFactory(), starts_at=meeting.segments.get().starts_at,
            ends_at=meeting.segments.get().ends_at, room=room, seats=10,
            registration_closes_at=meeting.segments.get().starts_at, contact_name="C",
            contact_email="c@example.org", is_published=True,
        )  # fmt: skip

    with django_assert_num_queries(3):
        events = client.get(f"{API}/meetings/{meeting.slug}/side-events/").json()

    assert len(events) == count
