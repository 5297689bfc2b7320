"""Checks for uploaded files: the extension must match what the bytes really are."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

import filetype

#: Extension -> MIME types its content may be detected as.
DOCUMENT_TYPES = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
}


@deconstructible
class UploadedFileValidator:
    """Accept a file only if its size is bounded and its content matches its extension."""

    def __init__(self, *, allowed: tuple[str, ...] = tuple(DOCUMENT_TYPES), max_bytes: int):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes

    def __call__(self, file) -> None:
        if file.size > self.max_bytes:
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(self.max_bytes)},
            )
        extension = Path(file.name).suffix.lower().lstrip(".")
        if extension not in self.allowed:
            raise ValidationError(
                _("Files of type “%(extension)s” are not accepted. Allowed: %(allowed)s."),
                code="invalid_extension",
                params={"extension": extension or "?", "allowed": ", ".join(self.allowed)},
            )
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        head = file.read(8192)
        file.seek(position)
        kind = filetype.guess(head)
        if kind is None or kind.mime not in DOCUMENT_TYPES[extension]:
            raise ValidationError(
                _("The content of the file is not a valid %(extension)s document."),
                code="invalid_content",
                params={"extension": extension.upper()},
            )

    def __eq__(self, other):
        return (
            isinstance(other, UploadedFileValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )


validate_document_file = UploadedFileValidator(max_bytes=20 * 1024 * 1024)
