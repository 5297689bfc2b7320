"""The list of organizations in consultative status with ECOSOC, imported by staff, and the
registrations checked against it.

Organizations in consultative status register with the Secretariat (2021 zero draft OP8;
A/RES/71/287 likewise): staff confirm each registration once the name is found on the
list. They are never put to Member States: the proposed list is for the others (OP9).
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stakeholders.enums import (
    ApplicationPath,
    ApplicationStatus,
    EcosocStatus,
)
from stakeholders.models import (
    AccreditedOrganization,
    normalized_name,
)
from stakeholders.services.applications import _mail_applicant

#: Registrations staff may confirm: submitted, or completed after a request for information.
CONFIRMABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFORMATION)

STATUS_WORDS = {
    "general": EcosocStatus.GENERAL,
    "special": EcosocStatus.SPECIAL,
    "roster": EcosocStatus.ROSTER,
}


def _rows_of(upload) -> list[list[str]]:
    """The rows of the uploaded workbook or CSV file; a ``ValidationError`` that says why
    when the file cannot be read as one."""
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).active
            return [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception as error:  # openpyxl raises what the zip and XML readers raise
            raise ValidationError(
                _("This file is not an Excel workbook (.xlsx) that can be read.")
            ) from error
    if name.endswith(".csv"):
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Save the CSV file in the UTF-8 encoding.")) from None
        rows = csv.reader(io.StringIO(text))
        try:
            return list(rows)
        except csv.Error as error:
            raise ValidationError(
                _("The CSV file cannot be read at row %(row)d: %(error)s")
                % {"row": rows.line_num, "error": error}
            ) from None
    raise ValidationError(_("Upload a CSV or XLSX file."))


def _check_row(number: int, name: str, country: str) -> None:
    """Refuse a row no organization can have: a name or country too long, a NUL character."""
    for field, value in (("name", name), ("country", country)):
        limit = AccreditedOrganization._meta.get_field(field).max_length
        if len(value) > limit or "\x00" in value:
            raise ValidationError(
                _("Row %(row)d: the %(column)s holds a NUL character or is longer than %(limit)d "
                  "characters.")
                % {"row": number, "column": field, "limit": limit}
            )  # fmt: skip


@transaction.atomic
def import_ecosoc_list(*, upload) -> dict[str, int]:
    """Create or update organizations from a CSV/XLSX with the columns name, status, country."""
    rows = _rows_of(upload)
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [h.strip().lower() for h in rows[0]]
    try:
        name_col, status_col = header.index("name"), header.index("status")
    except ValueError:
        raise ValidationError(
            _("The first row must name the columns: name, status, country.")
        ) from None
    country_col = header.index("country") if "country" in header else None
    counts = {"created": 0, "updated": 0, "skipped": 0}
    for number, row in enumerate(rows[1:], start=2):
        name = (row[name_col] if len(row) > name_col else "").strip()
        status = STATUS_WORDS.get(
            (row[status_col] if len(row) > status_col else "").strip().lower()
        )
        if not name or status is None:
            counts["skipped"] += 1
            continue
        country = (
            row[country_col].strip() if country_col is not None and len(row) > country_col else ""
        )
        _check_row(number, name, country)
        _obj, created = AccreditedOrganization.objects.update_or_create(
            normalized=normalized_name(name),
            defaults={"name": name, "ecosoc_status": status, "country": country},
        )
        counts["created" if created else "updated"] += 1
    return counts


@transaction.atomic
def confirm_registrations(*, applications) -> dict[str, list[str]]:
    """Confirm the ECOSOC registrations among ``applications`` whose name is on the list.

    Return the names ``confirmed`` and those ``not_found`` on the ECOSOC list (left as they
    are, for staff to ask the organization or reject); other applications are skipped.
    """
    result = {"confirmed": [], "not_found": []}
    for application in applications.select_related("process__meeting").filter(
        path=ApplicationPath.ECOSOC, status__in=CONFIRMABLE
    ):
        match = AccreditedOrganization.objects.filter(
            normalized=normalized_name(application.name)
        ).first()
        if match is None:
            result["not_found"].append(application.name)
            continue
        application.accredited = match
        application.ecosoc_status = match.ecosoc_status
        application.status = ApplicationStatus.REGISTERED
        application.save(update_fields=["accredited", "ecosoc_status", "status", "updated_at"])
        _mail_applicant(application, "registration_confirmed")
        result["confirmed"].append(application.name)
    return result
