"""CSV files for download, written one way: no cell runs as a formula in a spreadsheet.

A name an organization or another delegation typed may start with ``=``, ``+``, ``-`` or ``@``;
Excel and LibreOffice would run it (a link that leaks the sheet, a command). Such a cell is
written with a leading apostrophe, which spreadsheets show as text and do not display.
"""

import csv
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value) -> str:
    """The text of a cell; one that a spreadsheet would read as a formula gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, date)):
        return str(value)  # a number stays a number: -3 is no formula
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_rows(out, rows: Iterable[Iterable]) -> None:
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([neutralize(cell) for cell in row])


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download: ``header`` then ``rows``, every cell through :func:`neutralize`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_rows(response, [header, *rows])
    return response
