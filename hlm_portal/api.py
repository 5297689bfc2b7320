"""The portal's read-only API, version 1: what the public pages show, for other systems.

Each app keeps its own router (``meetings/api.py``, ``speakers/api.py``,
``stakeholders/api.py``); the schema is at ``/api/v1/openapi.json`` and its browsable
documentation at ``/api/v1/docs``. ETags and CORS come from ``hlm_portal.open_data``.
"""

from django.urls import reverse

from ninja import NinjaAPI

from meetings.api import absolute
from meetings.api import router as meetings_router
from speakers.api import router as speakers_router
from stakeholders.api import router as stakeholders_router

api = NinjaAPI(
    title="HLM Portal open data",
    version="1",
    description=(
        "Read-only data of the high-level meetings of the General Assembly: meetings, their "
        "programme, documents, lists of speakers, civil-society lists and side events. "
        "Nothing that the public pages keep private appears here. Times are New York times."
    ),
    urls_namespace="api",
)


@api.get("/", summary="Where to start: the documentation, the schema, the meetings")
def index(request) -> dict[str, str]:
    return {
        "documentation": absolute(reverse("api:openapi-view")),
        "schema": absolute(reverse("api:openapi-json")),
        "meetings": absolute(reverse("api:meetings")),
    }


api.add_router("", meetings_router)
api.add_router("", speakers_router)
api.add_router("", stakeholders_router)
