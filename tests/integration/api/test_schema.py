"""The OpenAPI schema at /api/v1/openapi.json describes every endpoint and how to sign in."""

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/openapi.json"


def _api_routes(resolver: URLResolver = None, prefix: str = "") -> list[str]:
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            routes += _api_routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and hasattr(entry.callback, "cls"):
            route = "/" + prefix + str(entry.pattern)
            for name in entry.pattern.converters:
                for kind in ("int", "str", "slug", "uuid", "path"):
                    route = route.replace(f"<{kind}:{name}>", f"{{{name}}}")
            routes.append(route)
    return routes


@pytest.fixture
def schema():
    response = Client().get(SCHEMA)
    assert response.status_code == 200
    return json.loads(response.content)


def test_it_describes_the_bearer_token(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["bearerToken"]["type"] == "http"
    assert schemes["bearerToken"]["scheme"] == "bearer"
    assert schemes["sessionCookie"]["in"] == "cookie"


def test_it_describes_every_endpoint(schema):
    documented = set(schema["paths"])
    routes = {route for route in _api_routes() if route != SCHEMA}
    assert routes, "no API routes found"
    assert routes <= documented, f"not in the schema: {routes - documented}"


def test_it_asks_for_a_token_or_session_on_every_operation_that_needs_one(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            requirements = operation.get("security", [])
            assert {"bearerToken": []} in requirements, f"{method} {path}"


def test_it_never_mentions_a_tokens_hash(schema):
    assert "secret_hash" not in json.dumps(schema)


def test_the_schema_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "openapi.json"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", target
    )
    assert target.read_text().startswith("{")
