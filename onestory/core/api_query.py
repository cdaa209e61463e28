"""Reading an API request's query string through a serializer, the same way everywhere.

A query value given empty (``?page=``) is refused with a clear message instead of being taken
as absent, so a client that builds its URL wrongly learns of it. A plain dict is validated,
so a repeated parameter counts once, as Django reads it.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

BLANK = "Give a value, or leave it out."


def read_query(request: Request, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
    """The validated query of ``request``; a 400 naming each blank or wrong value."""
    params = request.query_params.dict()
    fields = serializer_class().fields
    blank = {
        name: [BLANK] for name, value in params.items() if name in fields and not value.strip()
    }
    if blank:
        raise ValidationError(blank)
    query = serializer_class(data=params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


class TextField(serializers.CharField):
    """A text field that takes only text: a number or a true/false given for words is
    refused, as the schema says, instead of being turned into a string."""

    default_error_messages = {"not_text": "Give text here, in quotes."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)
