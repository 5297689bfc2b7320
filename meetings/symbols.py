"""Official documents by symbol: the one place a symbol becomes a link."""

from urllib.parse import quote

OFFICIAL_DOCUMENTS = "https://undocs.org/"


def official_url(symbol: str | None) -> str:
    """Return the link to the official text of ``symbol`` (e.g. A/RES/71/287), or ""."""
    symbol = (symbol or "").strip()
    return f"{OFFICIAL_DOCUMENTS}{quote(symbol, safe='/')}" if symbol else ""
