"""Reading ids and dates from what a browser sends: one path for every view and form, never an
error on bad input.

An id is a positive decimal integer that fits the database's 64-bit keys. Anything else
(letters, "²", a NUL byte, a number past 2**63) reads as "no such object", so views answer
404 or a clear message instead of a server error, on SQLite and PostgreSQL alike.

A date lies between 1945 and 2200 (FIRST_YEAR, LAST_YEAR): the validator ``within_years`` is on
every date and date-time field of the portal's models (``bound_model_dates``, at start-up), so
every model form (the portal's and the admin's) refuses 9999-12-31, which would become year
10000 in UTC and break every page that reads it; forms that are not model forms use it too.
"""

import ipaddress
from datetime import date
from email.utils import getaddresses

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 1945, 2200


def parse_id(value) -> int | None:
    """Return ``value`` as a database id, or None if it cannot be one."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def id_from(data, name: str) -> int | None:
    """The id in ``data[name]`` (a QueryDict such as ``request.POST``), or None."""
    return parse_id(data.get(name))


def ids_from(data, name: str) -> list[int]:
    """Every valid id among the values of ``data[name]``; the others are left out."""
    return [number for value in data.getlist(name) if (number := parse_id(value)) is not None]


def is_key(field, value) -> bool:
    """Whether ``value`` can be looked up in ``field`` (a model's key, or the field a relation
    points at) on every database: a value of its type and, for a number, within 64 bits."""
    try:
        key = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return not isinstance(key, int) or abs(key) <= MAX_ID


class KeyedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects that refuses values that cannot be keys before the look-up
    (SQLite cannot compare a number past 64 bits: Django's own field fails there)."""

    def _check_values(self, value):
        model = self.queryset.model
        field = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        for item in value if isinstance(value, (list, tuple)) else []:
            if not is_key(field, item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class IdConverter:
    """``<id:pk>`` in a URL: like ``<int:pk>`` but no wider than the database's keys."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the URL does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


def within_years(value) -> None:
    """Refuse a date or date-time outside FIRST_YEAR..LAST_YEAR (the UN's years, and margin)."""
    if isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Give a date between %(first)d and %(last)d."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def bound_model_dates(app_configs) -> None:
    """Put ``within_years`` on every date and date-time field of the models of ``app_configs``.

    As a default validator (like an e-mail field's), so migrations do not record it.
    """
    for app_config in app_configs:
        for model in app_config.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.DateField) and within_years not in field.validators:
                    field.default_validators = [*field.default_validators, within_years]
                    field.__dict__.pop("validators", None)  # computed again with it


def client_address(request) -> str:
    """The address of the client of ``request``, as the trusted proxy saw it.

    A proxy appends the address it saw to ``X-Forwarded-For``: with ``TRUSTED_PROXY_COUNT``
    proxies in front of the portal, the client is that many entries from the right; what a
    client wrote itself stands further left and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.TRUSTED_PROXY_HEADER
    if not header:
        return remote
    hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
    if len(hops) < settings.TRUSTED_PROXY_COUNT:
        return remote  # not through the proxy chain
    candidate = hops[-settings.TRUSTED_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


#: The longest name and address a message of the outbox holds (``OutgoingMessage``).
RECIPIENT_NAME_LENGTH, ADDRESS_LENGTH = 200, 254


def typed_recipients(text: str) -> list[tuple[str, str]]:
    """The (name, address) of each line of ``text``: “Name <address>” or the address alone, as
    an e-mail's header writes them (``email.utils.getaddresses``). A ``ValidationError`` names
    the first line that is not one recipient."""
    recipients = []
    for line in filter(str.strip, text.splitlines()):
        try:
            [(name, address)] = getaddresses([line.strip()])
            validate_email(address)
            if len(address) > ADDRESS_LENGTH or len(name) > RECIPIENT_NAME_LENGTH:
                raise ValidationError("too long")
        except (ValueError, ValidationError):  # none, several, or not an address
            raise ValidationError(
                _("Cannot read this recipient: “%(line)s”."),
                params={"line": line.strip()[:200]},
            ) from None
        recipients.append((name, address))
    return recipients


def validate_typed_recipients(text: str) -> None:
    typed_recipients(text)
