"""Demo data: the 2017 HLM on trafficking in persons, the 2021 HLM in preparation and the
living demonstration meeting (``living.py``: synthetic, its dates follow today's).

Everything here comes from ``shared/seeds``: the PGA letter of 13 September 2017
with the concept notes and provisional programme (seed 002), the meeting's public
page (seed 004, the later state, which is the programme) and the PGA letter of
12 March 2021 with the zero draft of the 2021 modalities (seed 001). Where seeds
002 and 004 differ, 002 is kept as the participant's history, dated 13 September 2017.

Loading is idempotent: rows are matched on natural keys and only changed values are written.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from meetings.demo.appraisal_2021 import _load_2021
from meetings.demo.common import _load_resolutions
from meetings.demo.french import load_french_content
from meetings.demo.letters import _load_letters
from meetings.demo.living import load_living_demo
from meetings.demo.roundtable_2016 import _load_roundtable
from meetings.demo.trafficking_2017 import _load_2017
from meetings.models import Meeting
from meetings.services.delegations import load_reference_data, load_rooms
from meetings.translation import RECORD_LANGUAGE

#: Demo loaders of the apps built on meetings (lists of speakers, civil society), registered
#: in their ``AppConfig.ready``: ``loader(*, password) -> lines to report``, run in order
#: after the meetings are loaded.
LOADERS: list[Callable[..., list[str]]] = []


def register(loader: Callable[..., list[str]]) -> None:
    """Add ``loader`` to the demo (once)."""
    if loader not in LOADERS:
        LOADERS.append(loader)


DEMO_STAFF_USERNAME = "staff"


@transaction.atomic
@translation.override(RECORD_LANGUAGE)  # the seeds are English; French goes in its columns
def load_demo(*, staff_password: str | None = None) -> list[Meeting]:
    """Load the reference data, the two meetings of the record and the living demo meeting.

    With ``staff_password``, also create (or reset) the demo staff user ``staff`` and the
    demo meeting's focal points, all with that password.
    """
    load_reference_data()
    rooms = load_rooms()  # meetings/data/rooms.csv, with their French names
    resolutions = _load_resolutions()
    meetings = [_load_2017(rooms, resolutions), _load_2021(rooms, resolutions)]
    _load_letters(meetings[0])
    _load_roundtable(rooms, meetings[0])
    meetings.append(load_living_demo(rooms, password=staff_password))
    load_french_content()
    if staff_password:
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_STAFF_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "staff@example.org"},
        )
        if not user.check_password(staff_password):
            user.set_password(staff_password)
            user.save(update_fields=["password"])
    return meetings


@translation.override(RECORD_LANGUAGE)
def load_everything(*, password: str | None = None) -> list[str]:
    """Load the meetings' demo and every registered app's; return the lines to report."""
    meetings = load_demo(staff_password=password)
    lines = [f"{meeting.short_title}: {meeting.segments.count()} segments" for meeting in meetings]
    for loader in LOADERS:
        lines += loader(password=password)
    return lines
