"""Every URL and every API operation, tried as every kind of user.

- anonymous: a page sends them to sign in; the API answers 401;
- a role without the view's permission: 403;
- another agency's worker whose role has the permission: 404 for any URL naming an
  object owned by the home agency (a list page answers, but from their own agency);
- the home agency's worker whose role has the permission: not refused.

A view that declares no access policy (``@public_view``, ``@signed_in_view``,
``@staff_view``; ``required_permission`` or ``public`` on an API view) fails this test.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import World, sign_in
from tests.integration.access.url_params import PERSONAL_PARAMS, URL_PARAMS

pytestmark = pytest.mark.django_db

SAFE_METHODS = ("get",)


@dataclass
class Endpoint:
    route: str
    name: str
    callback: object
    params: list[str]

    @property
    def is_api(self) -> bool:
        return hasattr(self.callback, "cls")

    def policy(self, method: str = "get") -> tuple[bool, object, bool]:
        """(public, permission, declared) for one HTTP method."""
        if self.is_api:
            cls = self.callback.cls
            public = getattr(cls, "public", False)
            by_method = getattr(cls, "permission_by_method", None)
            if by_method is not None:
                permission = by_method.get(method.upper())
            else:
                permission = getattr(cls, "required_permission", None)
            return public, permission, public or permission is not None
        policy = getattr(self.callback, "access_policy", None)
        if policy is None:
            return False, None, False
        return policy.public, policy.permission, True

    def across_agencies(self):
        """The permission that opens a page for every agency's objects, if it declares one."""
        policy = getattr(self.callback, "access_policy", None)
        return getattr(policy, "across_agencies", None)

    def methods(self) -> list[str]:
        if self.is_api:
            cls = self.callback.cls
            return [m for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m)]
        return ["get"]


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> list[Endpoint]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            found += _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or route)
            params = list(entry.pattern.converters) if hasattr(entry.pattern, "converters") else []
            found.append(Endpoint(route, name, entry.callback, params))
    return found


def all_endpoints() -> list[Endpoint]:
    return [e for e in _walk(get_resolver()) if not e.route.startswith("static/")]


def test_every_view_declares_an_access_policy():
    undeclared = [f"{e.name} ({e.route})" for e in all_endpoints() if not e.policy()[2]]
    assert not undeclared, "views without an access policy: " + ", ".join(undeclared)


def test_every_url_parameter_has_a_maker():
    missing = {p for e in all_endpoints() for p in e.params if p not in URL_PARAMS}
    assert not missing, f"add makers to tests/integration/access/url_params.py for: {missing}"


def _path(endpoint: Endpoint, world: World) -> str:
    path = "/" + endpoint.route
    for param in endpoint.params:
        value = URL_PARAMS[param](world)
        path = path.replace(f"<int:{param}>", str(value)).replace(f"<{param}>", str(value))
        path = path.replace(f"<str:{param}>", str(value)).replace(f"<slug:{param}>", str(value))
        path = path.replace(f"<uuid:{param}>", str(value))
    return path


def _call(client, method: str, path: str, is_api: bool):
    if method == "get":
        return client.get(path)
    return getattr(client, method)(
        path, data={} if is_api else None, content_type="application/json"
    )


def _endpoints_with_policy():
    return [e for e in all_endpoints() if e.policy()[2]]


@pytest.mark.parametrize("endpoint", _endpoints_with_policy(), ids=lambda e: e.name)
def test_the_matrix(endpoint: Endpoint, world: World, client):
    path = _path(endpoint, world)
    for method in endpoint.methods():
        public, permission, _ = endpoint.policy(method)
        if public:
            response = _call(client, method, path, endpoint.is_api)
            assert response.status_code not in (401, 403), f"{method} {path} refused the public"
            continue

        # Anonymous visitors are sent to sign in (pages) or told to authenticate (API).
        response = _call(client, method, path, endpoint.is_api)
        if endpoint.is_api:
            assert response.status_code == 401, f"anonymous {method} {path}: {response.status_code}"
        else:
            assert response.status_code == 302, f"anonymous {method} {path}"
            assert response["Location"].startswith("/account/sign-in/")

        across = endpoint.across_agencies()
        for label, user in world.users().items():
            # A role with the view's ``across_agencies`` permission reaches every agency.
            crosses = across is not None and user.has_permission(across)
            allowed = permission is None or user.has_permission(permission) or crosses
            response = _call(sign_in(client.__class__(), user), method, path, endpoint.is_api)
            status = response.status_code
            where = f"{label} {method.upper()} {path}"
            if not allowed:
                assert status == 403, f"{where}: wrong role should get 403, got {status}"
            elif endpoint.params and user.agency_id != world.agency.pk and not crosses:
                assert status == 404, f"{where}: another agency should get 404, got {status}"
            elif not all(
                PERSONAL_PARAMS[p](world, user) for p in endpoint.params if p in PERSONAL_PARAMS
            ):
                # Some objects (API tokens) belong to one member of staff, not to the agency,
                # so a colleague at the same agency is an outsider too.
                assert status == 404, f"{where}: a colleague should get 404, got {status}"
            else:
                assert status < 500, f"{where}: got {status}"
                assert status not in (401, 403, 404), f"{where}: got {status}"
