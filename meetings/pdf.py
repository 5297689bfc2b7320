"""The one place that renders PDF: HTML to PDF with WeasyPrint and a restricted URL fetcher.

Every PDF of the portal (programmes, letters, notices, nameplates, printed lists, the
civil-society list, compilations) goes through ``render_pdf``. Its fetcher serves only
``data:`` URIs and the portal's own static and media files read from disk: a ``file:``
URL, any other host, or a path outside those folders is refused, so even a template that
let markup through unescaped could neither read local files nor reach the network.
"""

import hashlib
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.utils._os import safe_join

#: Relative URLs in rendered HTML ("/static/...", "/media/...") resolve against this base.
BASE_URL = "https://portal.invalid/"


class RefusedURL(ValueError):
    """A URL the PDF renderer will not fetch."""


def local_file(url: str) -> Path:
    """Return the static or media file that ``url`` names; refuse anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        raise RefusedURL(f"Refused to fetch {url!r}: only the portal's own files.")
    path = unquote(parts.path)
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    media_prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
    try:
        if path.startswith(static_prefix):
            relative = path.removeprefix(static_prefix)
            found = finders.find(relative) or safe_join(settings.STATIC_ROOT, relative)
            return Path(found)
        if path.startswith(media_prefix):
            return Path(safe_join(settings.MEDIA_ROOT, path.removeprefix(media_prefix)))
    except Exception as error:  # SuspiciousFileOperation: a path out of the folder
        raise RefusedURL(f"Refused to fetch {url!r}.") from error
    raise RefusedURL(f"Refused to fetch {url!r}: only static and media files.")


@lru_cache(maxsize=1)
def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # a second to import: lazily

    class PortalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = local_file(url)
            return URLFetcherResponse(url, path.read_bytes())

    return PortalFetcher(allowed_protocols=("data", "https"))


def render_pdf(html: str) -> bytes:
    """Render ``html`` (a whole document) as PDF bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


#: A rendered letter stays in the shared cache this long (a mailing is sent within hours).
LETTER_TIMEOUT = 24 * 3600
LETTER_WAIT_SECONDS = 30  # how long a worker waits for another one rendering the same letter


def letter_pdf(letter_html: str) -> bytes:
    """Render a letter as PDF once per mailing, whatever the number of workers sending it.

    The PDF is kept in the shared cache under the hash of the letter's HTML: the workers
    sending a mailing of identical letters render it once between them (the first takes a
    lock; the others wait for its PDF), and each keeps its last letters in memory too.
    """
    return _letter_pdf(hashlib.sha256(letter_html.encode()).hexdigest(), letter_html)


@lru_cache(maxsize=8)
def _letter_pdf(digest: str, letter_html: str) -> bytes:
    key = f"hlm:letter-pdf:{digest}"
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    if not cache.add(f"{key}:rendering", 1, LETTER_WAIT_SECONDS):
        deadline = time.monotonic() + LETTER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.1)
            pdf = cache.get(key)
            if pdf is not None:
                return pdf
    pdf = render_pdf(letter_html)
    cache.set(key, pdf, LETTER_TIMEOUT)
    return pdf
