"""Every URL and every API operation, every method it accepts, tried as every role, at its
own agency and at another agency.

For each URL (pages and API alike) and each method it accepts (GET and POST):

- anonymous: a page sends them to sign in; the API answers 401;
- a role without the view's permission: 403;
- a role with the permission, at an agency the URL's objects belong to (``HOMES``): not
  refused (for API tokens, only their owner and the team's managers: ``PERSONAL_PARAMS``);
- the same role at any other agency, including every role's twin (the same role at another
  agency of the same kind): 404 for any URL naming an object, so existence does not leak.
  The only way past this leg is a named, reasoned entry in ``OUTSIDERS_WELCOME``; the only
  way an insider may be refused is a named, reasoned entry in ``INSIDERS_REFUSED``;
- every 403 and 404 above left an audit event of the refusal.

A view that declares no access policy (``@public_view``, ``@signed_in_view``,
``@staff_view``; ``required_permission`` or ``public`` on an API view) fails this test.
Refused visitors are tried before the insiders, since an insider's POST may change the
world (an empty form may still close or mark something).
"""

from __future__ import annotations

import inspect
from collections import Counter
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from tests.conftest import World, sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.integration.access.url_params import PERSONAL_PARAMS, URL_PARAMS

pytestmark = pytest.mark.django_db

METHODS = ("get", "post")
API_METHODS = ("get", "post", "put", "patch", "delete")

# The one place an outsider may reach a URL that names an object, and why. Keys are URL
# names; a value maps a role (or "*" for every role) to the reason.
OUTSIDERS_WELCOME: dict[str, dict[str, str]] = {
    "directory:service": {
        "*": "the services directory is the partnership's: every agency reads every entry"
    },
    **{
        name: {
            RoleName.SYSTEM_ADMINISTRATOR: (
                "the directory is reference data that the partnership's administrators keep"
            )
        }
        for name in ("directory:edit", "directory:contacts", "directory:locations")
    },
    **{
        name: {RoleName.SYSTEM_ADMINISTRATOR: "a system administrator manages every agency's staff"}
        for name in (
            "accounts:staff-account",
            "accounts:staff-role",
            "accounts:staff-switch",
            "accounts:staff-two-step",
            "accounts:staff-password",
        )
    },
}

# Where the insider (the right role at the agency the object belongs to) is refused all the
# same, by a rule finer than roles, and why. The refusal must still be a 403 and audited.
INSIDERS_REFUSED: dict[tuple[str, str], str] = {
    (name, "post"): (
        "only the police or the front door record police notifications and their notices; "
        "the home agency is an outreach service"
    )
    for name in ("encompass:record", "encompass:prepare", "encompass:sent")
}

# Which agencies a URL parameter's objects belong to (see url_params.py): the home agency
# holds the records; a MARAC's objects are its coordinating agency's too.
_MARAC_PARAMS = {
    "marac_id",
    "marac_referral_id",
    "marac_meeting_id",
    "agenda_item_id",
    "marac_action_id",
    "repeat_flag_id",
}


# The delivery plan's objects are held by the council that leads the plan, not the home agency.
_PLAN_PARAMS = {"priority_id", "objective_id", "delivery_action_id"}


def homes(world: World, params: list[str]) -> set[int]:
    """The agencies whose staff may reach the objects a URL names."""
    if _PLAN_PARAMS & set(params):
        return {world.council.pk}
    found = {world.agency.pk}
    if _MARAC_PARAMS & set(params):
        found.add(world.central.pk)
    return found


@dataclass
class Endpoint:
    route: str
    name: str
    callback: object
    params: list[str]

    @property
    def is_api(self) -> bool:
        return hasattr(self.callback, "cls")

    def policy(self, method: str = "get") -> tuple[bool, tuple, bool]:
        """(public, the permissions any one of which opens it, declared) for one method."""
        if self.is_api:
            cls = self.callback.cls
            public = getattr(cls, "public", False)
            by_method = getattr(cls, "permission_by_method", None)
            if by_method is not None:
                permission = by_method.get(method.upper())
            else:
                permission = getattr(cls, "required_permission", None)
            permissions = (permission,) if permission is not None else ()
            return public, permissions, public or permission is not None
        policy = getattr(self.callback, "access_policy", None)
        if policy is None:
            return False, (), False
        return policy.public, policy.permissions, True

    def methods(self) -> list[str]:
        """The methods the URL accepts: the API view's handlers, or the page's declared ones."""
        if self.is_api:
            cls = self.callback.cls
            return [m for m in API_METHODS if hasattr(cls, m)]
        declared = _declared_methods(self.callback)
        return [m for m in METHODS if declared is None or m in declared]


def _declared_methods(view) -> set[str] | None:
    """The methods named by ``require_http_methods`` (or require_GET/POST) under ``view``."""
    while view is not None:
        closure = inspect.getclosurevars(view).nonlocals if hasattr(view, "__code__") else {}
        methods = closure.get("request_method_list")
        if methods is not None:
            return {m.lower() for m in methods}
        view = getattr(view, "__wrapped__", None)
    return None


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


def test_every_exception_names_a_url_that_takes_an_object():
    with_objects = {e.name for e in all_endpoints() if e.params}
    stale = (set(OUTSIDERS_WELCOME) | {name for name, _ in INSIDERS_REFUSED}) - with_objects
    assert not stale, f"exceptions for URLs that do not exist or name no object: {stale}"
    roles = {*RoleName.values, "*"}
    for name, reasons in OUTSIDERS_WELCOME.items():
        assert set(reasons) <= roles, f"{name}: unknown role in {set(reasons)}"
        assert all(len(reason) > 20 for reason in reasons.values()), f"{name}: say why"


def test_every_page_accepts_at_least_one_method():
    assert all(e.methods() for e in all_endpoints())


def _path(endpoint: Endpoint, world: World) -> str:
    path = "/" + endpoint.route
    for param in endpoint.params:
        value = URL_PARAMS[param](world)
        for converter in ("int:", "", "str:", "slug:", "uuid:"):
            path = path.replace(f"<{converter}{param}>", str(value))
    return path


def _call(client, method: str, path: str, is_api: bool):
    if method == "get":
        return client.get(path)
    return getattr(client, method)(
        path, data={} if is_api else None, content_type="application/json"
    )


# The other agency of the same kind, for each agency of the world a role works at.
_TWIN_AGENCIES = {
    "agency": ("Southvale Outreach", AgencyKind.COMMUNITY_OUTREACH),
    "central": ("Southvale Front Door", AgencyKind.CENTRAL_POINT_OF_CONTACT),
    "council": ("Southvale Borough Council", AgencyKind.COMMISSIONER),
}


def twins(world: World) -> dict[str, User]:
    """For every role of the world, the same role at another agency of the same kind."""
    agencies: dict[int, Agency] = {}
    for attribute, (name, kind) in _TWIN_AGENCIES.items():
        agencies[getattr(world, attribute).pk] = AgencyFactory(name=name, kind=kind)
    made = {}
    for label, user in world.users().items():
        twin_agency = agencies.get(user.agency_id)
        if twin_agency is None:
            continue  # the world's other caseworker is already the caseworker's twin
        made[f"{label}'s twin"] = UserFactory(
            username=f"twin_{label}", agency=twin_agency, role=user.role
        )
    return made


def _welcome(endpoint: Endpoint, user: User) -> str | None:
    reasons = OUTSIDERS_WELCOME.get(endpoint.name, {})
    return reasons.get(user.role) or reasons.get("*")


TALLY: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_the_tally():
    yield
    if TALLY:
        print(
            "\npermission matrix: "
            f"{TALLY['pairs']} URL/method pairs, {TALLY['roles']} users "
            f"({TALLY['roles'] - TALLY['twins']} roles at home, {TALLY['twins']} twins), "
            f"{TALLY['calls']} signed-in calls, {TALLY['refusals']} refusals, all audited; "
            f"{TALLY['outsider_checks']} outsider checks, {TALLY['welcomed']} welcomed by "
            "a named exception"
        )


def _endpoints_with_policy():
    return [e for e in all_endpoints() if e.policy()[2]]


@pytest.mark.parametrize("endpoint", _endpoints_with_policy(), ids=lambda e: e.name)
def test_the_matrix(endpoint: Endpoint, world: World, client):
    path = _path(endpoint, world)
    users = {**world.users(), **twins(world)}
    TALLY["roles"] = len(users)
    TALLY["twins"] = len(users) - len(world.users())
    at_home = homes(world, endpoint.params)
    for method in endpoint.methods():
        TALLY["pairs"] += 1
        public, permissions, _ = endpoint.policy(method)
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

        # Refused visitors first: an insider's POST may change what the URL names.
        allowed = {
            label: not permissions or any(u.has_permission(p) for p in permissions)
            for label, u in users.items()
        }
        insider = {
            label: allowed[label] and (not endpoint.params or u.agency_id in at_home)
            for label, u in users.items()
        }
        for label, user in sorted(users.items(), key=lambda item: insider[item[0]]):
            where = f"{label} {method.upper()} {path}"
            before = AuditEvent.objects.filter(actor_id=user.pk).order_by("-id").first()
            response = _call(sign_in(client.__class__(), user), method, path, endpoint.is_api)
            status = response.status_code
            TALLY["calls"] += 1
            if not allowed[label]:
                assert status == 403, f"{where}: wrong role should get 403, got {status}"
            elif not insider[label]:
                TALLY["outsider_checks"] += 1
                if _welcome(endpoint, user):
                    TALLY["welcomed"] += 1
                    assert status < 500, f"{where}: got {status}"
                    assert status not in (401, 403, 404), f"{where}: welcomed, got {status}"
                    continue
                assert status == 404, f"{where}: another agency should get 404, got {status}"
            elif not all(
                PERSONAL_PARAMS[p](world, user) for p in endpoint.params if p in PERSONAL_PARAMS
            ):
                # Some objects (API tokens) belong to one member of staff, not to the agency,
                # so a colleague at the same agency is an outsider too.
                assert status == 404, f"{where}: a colleague should get 404, got {status}"
            elif (endpoint.name, method) in INSIDERS_REFUSED:
                assert status == 403, f"{where}: {INSIDERS_REFUSED[endpoint.name, method]}"
            else:
                assert status < 500, f"{where}: got {status}"
                assert status not in (401, 403, 404), f"{where}: got {status}"
            if status in (403, 404):
                TALLY["refusals"] += 1
                refused = AuditEvent.objects.filter(actor_id=user.pk, action=AuditAction.REFUSED)
                if before is not None:
                    refused = refused.filter(id__gt=before.id)
                assert refused.exists(), f"{where}: answered {status} but audited no refusal"
