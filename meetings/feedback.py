"""How the portal tells a person that what they asked for cannot be done.

A rule refused in a service raises ``ValidationError``; views and admin actions show its
messages with ``report_errors`` (one line, each message a sentence), so every page words a
refusal the same way and nothing is lost from it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def error_text(error: ValidationError | PermissionDenied) -> str:
    """The messages of ``error`` as one line (a refusal of access says why in its text)."""
    return " ".join(getattr(error, "messages", None) or [str(error)])


def report_errors(request, error: ValidationError | PermissionDenied) -> None:
    """Show ``error`` to the person who made ``request``, on the next page they see."""
    messages.error(request, error_text(error))
