"""Fixtures shared by every layer of tests, including the one test world.

The test world: two agencies in the partnership (an outreach service and an IDVA service),
and on the outreach side a caseworker, a call handler and a team manager; on the IDVA
side another caseworker; a MARAC coordinator, a commissioner and a system administrator
at the partnership's central agencies; and anonymous visitors.
"""

import os
import string
import time
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import dj_database_url
import pytest
import time_machine
from django.conf import settings
from django.db import connections
from django.middleware import csrf
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.accounts.middleware import LAST_ACTIVITY_KEY, STAMP_EVERY_SECONDS
from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import RoleName
from onestory.core import throttles
from tests.factories import AgencyFactory, UserFactory

# The moment every unit and integration test starts at, unless `--today` names another: an
# ordinary Wednesday in school term, mid-morning in England. The clock then ticks from it.
ORDINARY_MOMENT = "2026-06-10T10:30"
LONDON = ZoneInfo("Europe/London")


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        default=ORDINARY_MOMENT,
        help="the local date and time (ISO 8601, England) the tests start at; "
        f"default {ORDINARY_MOMENT}",
    )


def test_moment(config) -> datetime:
    """The moment the session's tests travel to, in England's time."""
    moment = datetime.fromisoformat(config.getoption("--today"))
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


test_moment.__test__ = False  # a helper, not a test


@pytest.fixture(autouse=True)
def _fixed_clock(request):
    """Every unit and integration test runs on a fixed clock, so no test depends on today.

    Browser tests keep the real clock: Chromium's own clock would disagree with the server's
    about cookie lifetimes. Tests that start another process (a real server, a command)
    opt out with ``@pytest.mark.real_clock``, since the other process keeps the real time.
    """
    if "tests/browser/" in str(request.node.path) or request.node.get_closest_marker("real_clock"):
        yield None
        return
    with time_machine.travel(test_moment(request.config), tick=True) as traveller:
        yield traveller


def _owner_login() -> dict[str, str] | None:
    """The owner role's login when ``DATABASE_OWNER_URL`` names one (the PostgreSQL stage)."""
    url = os.environ.get("DATABASE_OWNER_URL")
    if not url or settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return None
    owner = dj_database_url.parse(url)
    return {"USER": owner["USER"], "PASSWORD": owner["PASSWORD"]}


def _log_in_as(login: dict[str, str]) -> None:
    connection = connections["default"]
    connection.close()
    connection.settings_dict.update(login)
    settings.DATABASES["default"].update(login)


# Everything but the audit table, which the runtime role must never truncate: Django's flush
# after a transactional test truncates tables, and the synthetic county's loader resets
# sequences. Production grants neither (README.md, "Database roles").
TEST_ONLY_GRANTS = """
DO $$
DECLARE audit_sequence text := pg_get_serial_sequence('access_auditevent', 'id');
BEGIN
    EXECUTE format('GRANT TRUNCATE ON ALL TABLES IN SCHEMA public TO %I', '{runtime}');
    EXECUTE format('REVOKE TRUNCATE ON access_auditevent FROM %I', '{runtime}');
    EXECUTE format('GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', '{runtime}');
    EXECUTE format('REVOKE UPDATE ON SEQUENCE %s FROM %I', audit_sequence, '{runtime}');
END $$
"""


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """On PostgreSQL the owner role makes and migrates the test database, as in production."""
    owner = _owner_login()
    if owner is not None:
        _log_in_as(owner)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Then the tests run as the runtime role, which owns nothing, on the migrated database."""
    owner = _owner_login()
    if owner is None:
        yield
        return
    runtime_url = dj_database_url.parse(os.environ["DATABASE_URL"])
    runtime = {"USER": runtime_url["USER"], "PASSWORD": runtime_url["PASSWORD"]}
    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        cursor.execute(TEST_ONLY_GRANTS.replace("{runtime}", runtime["USER"]))
    _log_in_as(runtime)
    yield
    _log_in_as(owner)  # the owner drops the test database


@pytest.fixture
def as_database_owner(django_db_setup, django_db_blocker):
    """Run the test's database work as the owner role (for tests that migrate), where there is
    one. Ask for it before ``db`` so that the test's transaction is the owner's."""
    owner = _owner_login()
    if owner is None:
        yield
        return
    runtime = {key: settings.DATABASES["default"][key] for key in ("USER", "PASSWORD")}
    _log_in_as(owner)
    yield
    _log_in_as(runtime)


@pytest.fixture(autouse=True)
def _csrf_tokens_in_digits(monkeypatch):
    """Form tokens are drawn from digits only, so they never spell a word a page must not show.

    Django draws its 64-character form token from letters and digits; a test asserting that a
    name such as "Eve" is absent then fails about once in a few thousand pages, on the token.
    Drawn from digits the token is still random and still checked, and no name can match it.
    """
    monkeypatch.setattr(csrf, "CSRF_ALLOWED_CHARS", string.digits)


@pytest.fixture(autouse=True)
def _no_tidying_by_chance(monkeypatch):
    """The request limits clear ended windows on about one request in 200, by chance; in the
    tests they never do, so a request's number of queries is always the same.
    tests/integration/api/test_throttles.py tests the tidying itself."""
    monkeypatch.setattr(throttles, "time_to_tidy", lambda: False)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs about 0.3 s a password; the tests need only that hashing happens.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    agency: Agency
    other_agency: Agency
    central: Agency
    council: Agency
    caseworker: User
    call_handler: User
    manager: User
    other_caseworker: User
    marac_coordinator: User
    commissioner: User
    admin: User
    # The home agency's MARAC representative: may see persons, never location-secret fields.
    representative: User
    school_lead: User
    # The home agency's disclosure officer and review coordinator (the matrix's home agency
    # holds the objects; in a real partnership they work at the police and the council).
    disclosure_officer: User
    review_coordinator: User
    # A perpetrator service's own partner-support worker (here at the home agency too).
    partner_support: User

    def users(self) -> dict[str, User]:
        return {
            name: getattr(self, name)
            for name in (
                "caseworker",
                "call_handler",
                "manager",
                "other_caseworker",
                "marac_coordinator",
                "commissioner",
                "admin",
                "representative",
                "school_lead",
                "disclosure_officer",
                "review_coordinator",
                "partner_support",
            )
        }


@pytest.fixture
def world(db) -> World:
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    other = AgencyFactory(name="Southvale IDVA Service", kind=AgencyKind.IDVA_SERVICE)
    central = AgencyFactory(name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)
    council = AgencyFactory(name="Northshire County Council", kind=AgencyKind.COMMISSIONER)
    return World(
        agency=agency,
        other_agency=other,
        central=central,
        council=council,
        caseworker=UserFactory(username="caseworker", agency=agency, role=RoleName.CASEWORKER),
        call_handler=UserFactory(
            username="call_handler", agency=agency, role=RoleName.CALL_HANDLER
        ),
        manager=UserFactory(username="manager", agency=agency, role=RoleName.TEAM_MANAGER),
        other_caseworker=UserFactory(
            username="other_caseworker", agency=other, role=RoleName.CASEWORKER
        ),
        marac_coordinator=UserFactory(
            username="marac_coordinator", agency=central, role=RoleName.MARAC_COORDINATOR
        ),
        commissioner=UserFactory(
            username="commissioner", agency=council, role=RoleName.COMMISSIONER
        ),
        admin=UserFactory(username="admin", agency=council, role=RoleName.SYSTEM_ADMINISTRATOR),
        representative=UserFactory(
            username="representative", agency=agency, role=RoleName.MARAC_REPRESENTATIVE
        ),
        school_lead=UserFactory(
            username="school_lead", agency=agency, role=RoleName.SCHOOL_SAFEGUARDING_LEAD
        ),
        disclosure_officer=UserFactory(
            username="disclosure_officer", agency=agency, role=RoleName.DISCLOSURE_OFFICER
        ),
        review_coordinator=UserFactory(
            username="review_coordinator", agency=agency, role=RoleName.REVIEW_COORDINATOR
        ),
        partner_support=UserFactory(
            username="partner_support", agency=agency, role=RoleName.PARTNER_SUPPORT
        ),
    )


def sign_in(client: Client, user: User) -> Client:
    """Sign ``user`` in with two-step verification done, as after a real sign-in."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # As after a real sign-in, the idle clock has started.
    session[LAST_ACTIVITY_KEY] = int(time.time())
    session.save()
    return client


def idle_stamp_due(client: Client) -> Client:
    """Make the client's next request the one that stamps the idle clock (a session write),
    as one request a minute is, so a query count covers the worst case."""
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - STAMP_EVERY_SECONDS - 1
    session.save()
    return client


@pytest.fixture
def as_user(client):
    """``as_user(world.caseworker)`` gives a test client signed in as that user."""

    def make(user: User) -> Client:
        return sign_in(Client(), user)

    return make
