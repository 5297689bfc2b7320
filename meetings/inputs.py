"""Reading ids from what a browser sends: one path for every view, never an error on bad input.

An id is a positive decimal integer that fits the database's 64-bit keys. Anything else
(letters, "²", a NUL byte, a number past 2**63) reads as "no such object", so views answer
404 or a clear message instead of a server error, on SQLite and PostgreSQL alike.
"""

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
