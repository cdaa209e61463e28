"""A fuzzer reads the OpenAPI schema and throws generated requests at every operation.

Whatever it sends, the API must answer with a clear 4xx, never a 5xx. Requests go through
the WSGI application in-process, as a team manager with a bearer token, against a small
world with a person the manager's agency holds. Schemathesis generates the requests;
Hypothesis runs them (a fixed number per operation, the same each run).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from onestory.accounts.tokens.actions import issue_token
from onestory.wsgi import application
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a request must not close the test's connection, which
    would roll back the test world mid-run."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def django_settings(settings):
    """Django's settings fixture, renamed so it does not hide Hypothesis's ``settings``."""
    return settings


EXAMPLES_PER_OPERATION = 25


def test_the_api_never_answers_with_a_server_error(world, django_settings):
    # A server error raises here with its traceback instead of becoming a bare 500 page.
    django_settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    PersonFactory(owning_agency=world.agency)
    _, plain = issue_token(user=world.manager, name="Fuzzer", by=world.manager)
    headers = {"Authorization": f"Bearer {plain}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: list[str] = []
    seen: list[int] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def send(case):
            response = case.call(headers=headers)
            seen.append(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: "
                    f"{response.text[:200]}"
                )

        send()

    assert len(seen) >= len(operations) * 5, "the fuzzer sent too few requests"
    assert not failures, "\n".join(failures[:10])
