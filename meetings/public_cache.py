"""Public pages served from the cache, per path and language, under the versions they show.

``public_page(scopes)`` wraps a view. For a visitor without a session (no sign-in, no
pending message) and a plain GET or HEAD, the page is looked up under its path, the
language of the request, the current versions of its scopes and the release of the code
(``meetings.cache``); on a miss the view renders it and the answer is kept with its gzip
form. Every answer carries an ETag and Last-Modified from those versions and that release
(a conditional request gets 304) and a ``Cache-Control`` that lets a shared cache in front
hold it for a minute. A signed-in user's request goes to the view as before (their own page,
their own tokens), never to the cache.
"""

import gzip
import hashlib
import logging
import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from meetings.cache import GLOBAL, HOME, release, scope_of, slug_key, versions
from meetings.selectors import public_meetings

logger = logging.getLogger(__name__)
MAX_AGE = 60  # seconds a shared cache may serve a page without asking again
STALE_WHILE_REVALIDATE = 30
# A page leaves the cache after an hour: pages of superseded versions are never read again,
# so this bounds what a busy day (every inscription, every speaker called bumps) leaves behind.
PAGE_TIMEOUT = 3600
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
_GZIP_OK = re.compile(r"\bgzip\b")


def _personal(request) -> bool:
    """True when the answer may depend on who asks (signed in, a message waiting)."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def meeting_id_for(slug: str) -> int | None:
    """The id of the public meeting ``slug`` (kept in the cache; None if there is none)."""
    key = slug_key(slug)
    meeting_id = cache.get(key)
    if meeting_id is None:
        meeting_id = public_meetings().filter(slug=slug).values_list("pk", flat=True).first()
        if meeting_id is None:
            return None
        cache.set(key, meeting_id, PAGE_TIMEOUT)
    return meeting_id


def meeting_scopes(kwargs) -> list[str] | None:
    meeting_id = meeting_id_for(kwargs["slug"])
    return [GLOBAL, scope_of(meeting_id)] if meeting_id else None


def home_scopes(kwargs) -> list[str]:
    return [GLOBAL, HOME]


def _stamp(response, etag: str, modified: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(modified))
    response["Cache-Control"] = (
        f"public, max-age={MAX_AGE}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"
    )
    patch_vary_headers(response, ("Accept-Encoding", "Accept-Language", "Cookie"))


def _not_modified(request, etag: str, modified: float) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(modified) <= since


def _entry_from(response) -> dict | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    body = response.content
    return {
        "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
        "body": body,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
        "until": time.time() + response.public_cache_seconds
        if getattr(response, "public_cache_seconds", None)
        else 0,
    }


def _answer(request, entry: dict) -> HttpResponse:
    gzipped = _GZIP_OK.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    response = HttpResponse(entry["gzip"] if gzipped else entry["body"])
    for name, value in entry["headers"].items():
        response[name] = value
    if gzipped:
        response["Content-Encoding"] = "gzip"
    return response


def public_page(scopes_of):
    """Serve the view from the cache (see the module); ``scopes_of(kwargs)`` names its scopes.

    ``scopes_of`` returns None when there is no such page (the view then answers, 404).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or request.GET or _personal(request):
                return view(request, *args, **kwargs)
            try:
                scopes = scopes_of(kwargs)
                current = versions(scopes) if scopes else None  # read before the data
            except Exception:  # the cache unreachable: the page is rendered as without it
                logger.exception("The cache of the public pages is unreachable")
                return view(request, *args, **kwargs)
            if scopes is None:
                return view(request, *args, **kwargs)
            language = translation.get_language() or settings.LANGUAGE_CODE
            token = "-".join(current[scope][0] for scope in scopes)
            code = release()
            page = f"{request.path}|{language}|{token}|{code.token}"
            digest = hashlib.sha256(page.encode()).hexdigest()
            key = f"hlm:page:{digest}"
            entry = cache.get(key)
            if entry is not None and entry["until"] and entry["until"] <= time.time():
                entry = None  # a page that shows the clock (a list opening, closing) is due
            if entry is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                entry = _entry_from(response)
                if entry is None:
                    return response
                cache.set(
                    key,
                    entry,
                    max(1, int(min(entry["until"] - time.time(), PAGE_TIMEOUT)))
                    if entry["until"]
                    else PAGE_TIMEOUT,
                )
            etag = f'"{digest[:24]}-{int(entry["until"]):x}"'
            modified = max(code.at, *(current[scope][1] for scope in scopes))
            if _not_modified(request, etag, modified):
                response = HttpResponseNotModified()
            else:
                response = _answer(request, entry)
            _stamp(response, etag, modified)
            return response

        return wrapped

    return decorator
