"""Delegations: the reference data shipped in ``meetings/data/`` (delegations, groups of
States, rooms), and the accounts of the focal points who act for a delegation.

Each name comes with its UN French short form (``name_fr``, written by
``scripts/french_names.py``). Safe to run any number of times: rows are matched on their
code and only changed fields are written.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from meetings.enums import DelegationKind, RegionalGroup
from meetings.models import Delegation, FocalPoint, GroupOfStates, Room
from meetings.services.outbox import queue_mail
from meetings.sync import sync_object

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

REGIONAL_GROUP_BY_NAME = {
    "African States": RegionalGroup.AFRICAN,
    "Asia-Pacific States": RegionalGroup.ASIA_PACIFIC,
    "Eastern European States": RegionalGroup.EASTERN_EUROPEAN,
    "Latin American and Caribbean States": RegionalGroup.LATIN_AMERICAN_CARIBBEAN,
    "Western European and other States": RegionalGroup.WESTERN_EUROPEAN_OTHER,
}
STATE_KIND_BY_STATUS = {
    "member_state": DelegationKind.MEMBER_STATE,
    "observer_state": DelegationKind.OBSERVER_STATE,
}


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create or update every State, observer, group of States and room; return counts by table."""
    # ``name`` is the English name whatever language the caller has active.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        _load_delegations_and_groups()
        load_rooms()
    return {
        "delegations": Delegation.objects.count(),
        "groups_of_states": GroupOfStates.objects.count(),
        "rooms": Room.objects.count(),
    }


def load_rooms() -> dict[str, Room]:
    """The conference rooms at Headquarters, by short name."""
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return {
            row["short_name"]: sync_object(
                Room,
                {"name_en": row["name"]},
                name=row["name"],
                name_fr=row["name_fr"],
                short_name=row["short_name"],
                building=row["building"],
            )
            for row in _rows("rooms.csv")
        }


def _load_delegations_and_groups() -> None:
    for row in _rows("member_states.csv"):
        sync_object(
            Delegation,
            {"code": row["iso3"]},
            name=row["name"],
            name_fr=row["name_fr"],
            article_fr=row["article_fr"],
            kind=STATE_KIND_BY_STATUS[row["status"]],
            regional_group=REGIONAL_GROUP_BY_NAME.get(row["regional_group"], ""),
            note=row["note"],
        )
    for row in _rows("observers.csv"):
        sync_object(
            Delegation,
            {"code": row["code"]},
            name=row["name"],
            name_fr=row["name_fr"],
            article_fr=row["article_fr"],
            kind=DelegationKind(row["kind"]),
        )
    for row in _rows("groups_of_states.csv"):
        sync_object(
            GroupOfStates,
            {"short_name": row["short_name"]},
            name=row["name"],
            name_fr=row["name_fr"],
            on_behalf_phrase_fr=row["on_behalf_fr"],
            kind=row["kind"],
        )


@transaction.atomic
def create_focal_point(
    *,
    delegation: Delegation,
    email: str,
    first_name: str,
    last_name: str,
    function: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> FocalPoint:
    """Create a focal point's account (no password yet) and e-mail a link to set one, in
    ``language``."""
    email = get_user_model().objects.normalize_email(email).lower()
    User = get_user_model()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(_("An account with this e-mail address already exists."))
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    focal_point = FocalPoint.objects.create(
        user=user, delegation=delegation, function=function, language=language
    )
    send_account_setup(focal_point=focal_point)
    return focal_point


def remember_language(*, user, language: str) -> None:
    """A focal point signing in on a page in ``language``: the portal writes to them in it."""
    FocalPoint.objects.filter(user=user).exclude(language=language).update(language=language)


def send_account_setup(*, focal_point: FocalPoint) -> None:
    """Queue the e-mail with a one-time link to set the password (valid until used)."""
    user = focal_point.user
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    now = timezone.now()
    queue_mail(
        to=user.email,
        template="emails/focal_point_setup",
        context={"focal_point": focal_point, "link": link},
        language=focal_point.language,
        dedupe_key=f"focal-point-setup-{focal_point.pk}-{now.timestamp()}",
    )
    FocalPoint.objects.filter(pk=focal_point.pk).update(invited_at=now)
