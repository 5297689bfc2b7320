"""The client's address, one way for the whole portal (rate limits, sign-in lockout, logs).

Behind a reverse proxy every request comes from the proxy: the client's address is then in a
header the proxy sets. That header is believed only when the settings say a proxy sets it
(``HLM_TRUSTED_PROXY_HEADER``); otherwise anyone could write it and pick their own address.
"""

import ipaddress

from django.conf import settings


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


def meta_key(header: str) -> str:
    """``X-Forwarded-For`` (as a proxy's documentation names it) as Django's META key."""
    header = header.strip()
    if not header or header.upper().startswith("HTTP_") or header == "REMOTE_ADDR":
        return header.upper()
    return "HTTP_" + header.upper().replace("-", "_")
