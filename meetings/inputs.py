"""Reading ids from what a browser sends: one path for every view, never an error on bad input.

An id is a positive decimal integer that fits the database's 64-bit keys. Anything else
(letters, "²", a NUL byte, a number past 2**63) reads as "no such object", so views answer
404 or a clear message instead of a server error, on SQLite and PostgreSQL alike.
"""

import ipaddress

from django.conf import settings
from django.urls import register_converter

MAX_ID = 2**63 - 1


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
