"""Every refusal from the API is a 4xx answer in JSON with a plain message, never a 500.

DRF already turns its own errors, 404s and permission refusals into JSON. This handler
adds the errors Django raises itself (a model's validation, a suspicious request), and
words a body that is not JSON plainly.

Over a rate limit the answer is 429 with ``Retry-After`` (``onestory.api.throttles``).

When the database cannot be reached (a restart, a failover), the answer is a 503 in JSON
with ``Retry-After``, so a partner system knows to send the same request again (with the
same ``submission_token``: nothing half-done was saved) rather than treat it as refused.
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from onestory.api.throttles import too_many

RETRY_AFTER_SECONDS = 5


class DatabaseUnavailable(exceptions.APIException):
    status_code = 503
    default_detail = (
        "The service cannot reach its database just now. Nothing from this request was "
        f"saved. Send it again in {RETRY_AFTER_SECONDS} seconds."
    )
    default_code = "database_unavailable"


def handle_exception(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, OperationalError | InterfaceError):
        response = exception_handler(DatabaseUnavailable(), context)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if isinstance(exc, exceptions.Throttled):
        wait = max(1, int(exc.wait or 1))
        exc = exceptions.Throttled(detail=too_many(wait, "API token"))
        exc.wait = wait  # DRF answers with Retry-After
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("The request could not be read. Check it and send it again.")
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith("JSON parse"):
        exc = exceptions.ParseError(
            "The request body is not valid JSON. " + str(exc.detail).partition(" - ")[2]
        )
    return exception_handler(exc, context)
