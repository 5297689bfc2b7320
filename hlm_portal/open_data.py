"""HTTP for the open data (the API and the feeds): ETags, conditional GET and CORS for GET.

Other sites read the API and the feeds from a browser, so their responses allow any
origin, for GET and HEAD only; a preflight (OPTIONS) is answered here. Every successful
answer carries an ETag computed from its body, and a request that sends it back in
``If-None-Match`` gets ``304 Not Modified`` without the body, as Django's
``ConditionalGetMiddleware`` does, but only on these paths: the pages keep their own rules.
"""

import re

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

#: The open data: the API, the calendars and the documents' feeds.
OPEN_DATA_PATHS = re.compile(r"^/api/|/calendar\.ics$|/documents\.atom$")
READ_METHODS = ("GET", "HEAD")
#: Caches may keep a copy for this long, then ask again with the ETag (a 304 costs no body).
MAX_AGE_SECONDS = 60


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not OPEN_DATA_PATHS.search(request.path_info):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return self._preflight()
        head = request.method == "HEAD"
        if head:  # the API answers GET only: HEAD is a GET without the body
            request.method = "GET"
        response = self.get_response(request)
        if request.method not in READ_METHODS:
            return response
        if response.status_code == 200 and not response.streaming:
            patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
            if not response.has_header("ETag"):  # the public pages' cache sets its own
                set_response_etag(response)
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        if head and not response.streaming:
            response.content = b""
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    @staticmethod
    def _preflight() -> HttpResponse:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response["Access-Control-Allow-Headers"] = "If-None-Match, Accept-Language"
        response["Access-Control-Max-Age"] = "86400"
        return response
