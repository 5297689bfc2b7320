"""Project-wide request checks that no view should have to repeat."""

from django.http import Http404
from django.shortcuts import render


def _holds_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


class RejectNulBytesMiddleware:
    """Answer 400 with a clear page to a request whose parameters hold a NUL character, and
    404 to an address that holds one.

    No form of the portal accepts one (PostgreSQL cannot store it), no keyboard types one, and
    an address or a filter holding one would otherwise fail deep in the database layer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404  # no page has such an address
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            return render(request, "bad_request.html", status=400)
        return self.get_response(request)
