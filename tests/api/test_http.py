"""The API as other systems meet it: its schema and docs, ETags, CORS for GET only."""

import pytest
from openapi_spec_validator import validate

from tests.api.conftest import API, DEMO_2017
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_openapi_schema_describes_every_endpoint_as_read_only(client):
    response = client.get(f"{API}/openapi.json")
    schema = response.json()

    assert response.status_code == 200
    validate(schema)  # raises on any departure from the OpenAPI specification
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) == {
        f"{API}/",
        f"{API}/meetings/",
        f"{API}/meetings/{{slug}}/",
        f"{API}/meetings/{{slug}}/segments/",
        f"{API}/meetings/{{slug}}/segments/{{segment_id}}/",
        f"{API}/meetings/{{slug}}/concept-notes/",
        f"{API}/meetings/{{slug}}/documents/",
        f"{API}/meetings/{{slug}}/side-events/",
        f"{API}/meetings/{{slug}}/speakers/",
        f"{API}/meetings/{{slug}}/speaking-now/",
        f"{API}/meetings/{{slug}}/civil-society/",
    }
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
        assert "200" in operations["get"]["responses"], path
        assert operations["get"]["operationId"]
    components = schema["components"]["schemas"]
    for ref in _refs(schema):
        assert ref.startswith("#/components/schemas/")
        assert ref.rsplit("/", 1)[1] in components
    assert "email" not in components["PersonOut"]["properties"]


def test_docs_page_is_served_without_outside_scripts(client):
    response = client.get(f"{API}/docs")
    html = response.content.decode()

    assert response.status_code == 200
    assert "swagger-ui" in html
    assert "cdn.jsdelivr.net" not in html


def test_etag_answers_a_repeated_request_with_304(client, demo_meetings):
    url = f"{API}/meetings/{DEMO_2017}/"
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})
    MeetingFactory(slug="other")  # another meeting: this one's body, so its ETag, is the same
    still = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert "max-age=60" in first["Cache-Control"]
    assert again.status_code == 304 and again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    assert still.status_code == 304


def test_etag_changes_when_the_data_changes(client, demo_meetings):
    url = f"{API}/meetings/"
    first = client.get(url)
    MeetingFactory(slug="new-one")

    response = client.get(url, headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]


def test_other_sites_may_read_but_not_write(client, demo_meetings):
    read = client.get(f"{API}/meetings/", headers={"origin": "https://example.com"})
    preflight = client.options(
        f"{API}/meetings/",
        headers={"origin": "https://example.com", "access-control-request-method": "GET"},
    )
    write = client.post(f"{API}/meetings/", headers={"origin": "https://example.com"})
    page = client.get("/", headers={"origin": "https://example.com"})

    assert read["Access-Control-Allow-Origin"] == "*"
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert write.status_code == 405
    assert "Access-Control-Allow-Origin" not in write
    assert "Access-Control-Allow-Origin" not in page


def test_unknown_meeting_is_a_json_404(client):
    response = client.get(f"{API}/meetings/no-such-meeting/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("slug", ["%00", "a%20b", "é", "x" * 500])
def test_odd_slugs_are_404_never_an_error(client, slug):
    assert client.get(f"{API}/meetings/{slug}/").status_code == 404
    assert client.get(f"{API}/meetings/{slug}/speakers/").status_code == 404


def test_head_gives_the_headers_of_a_get_without_the_body(client, demo_meetings):
    get = client.get(f"{API}/meetings/")
    head = client.head(f"{API}/meetings/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "url",
    [
        "/sessions/99999999999999999999/calendar.ics",
        f"{API}/meetings/{DEMO_2017}/segments/99999999999999999999/",
    ],
)
def test_numbers_beyond_the_database_range_are_404(client, demo_meetings, url):
    assert client.get(url).status_code == 404


def test_the_api_is_found_from_its_root_and_from_every_page(client, demo_meetings):
    """``/api/v1/`` says where to start; every page's footer links the documentation."""
    index = client.get("/api/v1/")
    page = client.get("/").content.decode()

    assert index.status_code == 200
    links = index.json()
    for url in links.values():
        assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200, url
    assert 'href="/api/v1/docs"' in page
