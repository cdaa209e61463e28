"""Requests to the API that no database could store are refused before anything reads them.

A NUL character cannot be stored in, or compared with, a PostgreSQL text field; reaching the
database, it would fail the request with a server error. A request to the API carrying one
in its address or query is answered 400 in JSON instead. In a JSON body, each text field's
serializer refuses it already (DRF's ``ProhibitNullCharactersValidator``), and keys the API
does not read are ignored, as the schema allows.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"
MESSAGE = (
    "The request holds a NUL character (\\u0000), which cannot be stored. Remove it and send "
    "the request again."
)


def holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", ""))


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX) and holds_nul(request):
            return JsonResponse({"detail": MESSAGE}, status=400)
        return self.get_response(request)
