"""Every refusal from the API is a 4xx answer in JSON with a plain message, never a 500.

DRF already turns its own errors, 404s and permission refusals into JSON. This handler
adds the errors Django raises itself (a model's validation, a suspicious request), and
words a body that is not JSON plainly.
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler


def handle_exception(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("The request could not be read. Check it and send it again.")
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith("JSON parse"):
        exc = exceptions.ParseError(
            "The request body is not valid JSON. " + str(exc.detail).partition(" - ")[2]
        )
    return exception_handler(exc, context)
