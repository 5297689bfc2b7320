"""What a generated PDF prints, as ``pdftotext`` (poppler-utils) reads it."""

import subprocess


def pdf_text(path, *options: str) -> str:
    """The text of the PDF at ``path`` (``options`` for pdftotext, e.g. ``-raw``, ``-layout``)."""
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def programme_text(version) -> str:
    """The text of a programme version's PDF in reading order, whitespace made single spaces."""
    return " ".join(pdf_text(version.pdf.path, "-raw").split())
