"""The refusals every operation may answer with, written into the OpenAPI schema.

drf-spectacular describes each operation's successful answers from its serializers; the
refusals come from the shared authentication, permissions, throttles and error handler, so
they are added here for every operation at once (a postprocessing hook):

- 400 (``ValidationError``, a message for each field at fault, or ``detail``) for an
  operation that takes a body or query parameters: the request breaks a rule;
- 401 (``Error``, with ``WWW-Authenticate: Bearer``): no token, or one not recognised;
- 403 (``Error``): the caller's role may not use the operation;
- 404 (``Error``) for an operation with a path parameter: nothing there the caller may see
  (another agency's record looks exactly like one that does not exist), and for one that
  looks up a record named in its query or body (``FINDS_ONE_BY_QUERY``);
- 429 (``Error``, with ``Retry-After``): over the rate limit for the address or the token;
- 503 (``Error``, with ``Retry-After``): the database cannot be reached; nothing was saved.
"""

from __future__ import annotations

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, plainly."}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "For each field at fault, its messages (``detail`` or ``non_field_errors`` "
    "when the request as a whole is at fault).",
    "additionalProperties": True,
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before sending the request again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}
WWW_AUTHENTICATE = {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}}


# Operations that look up a record named in the query or the body: 404 when it is not there
# (or the caller may not see it).
FINDS_ONE_BY_QUERY = {
    "/api/v1/marac/quarterly",
    "/api/v1/marac/referrals/",
    "/api/v1/onward-referrals/",
}


def _answer(description: str, schema: str, headers: dict | None = None) -> dict:
    answer = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def document_refusals(result: dict, generator, request, public) -> dict:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            takes_input = "requestBody" in operation or any(
                parameter.get("in") != "path" for parameter in parameters
            )
            if takes_input:
                responses.setdefault(
                    "400",
                    _answer("The request breaks a rule; nothing was done.", "ValidationError"),
                )
            responses.setdefault(
                "401", _answer("No API token, or one not recognised.", "Error", WWW_AUTHENTICATE)
            )
            responses.setdefault("403", _answer("The caller's role may not do this.", "Error"))
            if "{" in path or path in FINDS_ONE_BY_QUERY:
                responses.setdefault(
                    "404", _answer("Nothing there that the caller may see.", "Error")
                )
            responses.setdefault(
                "429", _answer("Too many requests; nothing was done.", "Error", RETRY_AFTER)
            )
            responses.setdefault(
                "503",
                _answer("The database cannot be reached; nothing was saved.", "Error", RETRY_AFTER),
            )
    return result
