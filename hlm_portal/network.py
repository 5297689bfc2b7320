"""How the settings name the header a trusted proxy sets (``meetings.inputs.client_address``
reads the client's address from it for the rate limits, the sign-in lockout and the logs).

Behind a reverse proxy every request comes from the proxy: the client's address is then in a
header the proxy sets. That header is believed only when the settings say a proxy sets it
(``HLM_TRUSTED_PROXY_HEADER``); otherwise anyone could write it and pick their own address.
"""


def meta_key(header: str) -> str:
    """``X-Forwarded-For`` (as a proxy's documentation names it) as Django's META key."""
    header = header.strip()
    if not header or header.upper().startswith("HTTP_") or header == "REMOTE_ADDR":
        return header.upper()
    return "HTTP_" + header.upper().replace("-", "_")
