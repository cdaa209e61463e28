"""A fuzzer reads the OpenAPI schema and throws generated requests at every operation.

Every one of Schemathesis's checks runs on every answer: no 5xx; status codes, content types,
headers and bodies as the published schema says; invalid requests refused and valid ones not;
a method an operation does not take answered 405; a request without its token refused. The
requests go through the WSGI application in-process, as a team manager with a bearer token,
against a small world with a person the manager's agency holds. Schemathesis generates valid
and invalid requests; Hypothesis runs them (a fixed number per operation and mode, from a
fixed seed, the same each run). The figures are printed (`-s` shows them).
"""

from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance

from onestory.accounts.tokens.actions import issue_token
from onestory.config import Rate
from onestory.wsgi import application
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25
SEED = 20261207
# Operations whose rules the schema cannot express: a request can be well formed and still
# be refused with 400 and a message, so "valid data is accepted" is not asked of them. Every
# other check still runs on them.
RULES_BEYOND_THE_SCHEMA = {
    "POST /api/v1/referrals/": "which answers a referral needs depends on who sent it",
    "POST /api/v1/onward-referrals/": "the service and the referral named must exist and fit",
    "POST /api/v1/persons/{person_id}/risk-assessments/": "answers must name the screen's "
    "own questions",
    "GET /api/v1/persons/search": "an NHS number's check digit, a real date, a real postcode",
    "GET /api/v1/directory/services/": "the area must be one the partnership knows",
    "POST /api/v1/persons/": "a year of birth cannot be in the future, and the details given "
    "must agree with each other",
    "GET /api/v1/accommodation/figures": "the period must start before it ends",
    "GET /api/v1/harm/figures": "the period must start before it ends",
    "GET /api/v1/returns/statutory": "a financial year's second part must be the year after "
    "its first, like 2025-26",
    "GET /api/v1/needs/assessment": "the area must exist, with population and rates loaded",
}


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


def all_checks() -> list:
    load_all_checks()
    return list(CHECKS.get_all())


def test_the_api_answers_every_request_as_its_schema_says(world, django_settings):
    # A server error raises here with its traceback instead of becoming a bare 500 page.
    django_settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    # The fuzzer sends far more than a partner would; the limits have tests of their own.
    django_settings.THROTTLE_API_TOKEN = Rate(1_000_000, 60)
    django_settings.THROTTLE_API_ADDRESS = Rate(1_000_000, 60)
    PersonFactory(owning_agency=world.agency)
    _, plain = issue_token(user=world.manager, name="Fuzzer", by=world.manager)
    headers = {"Authorization": f"Bearer {plain}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    checks = all_checks()
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    statuses: Counter[int] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @seed(SEED)
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def send(case):
                response = case.call(headers=headers)
                statuses[response.status_code] += 1
                label = f"{case.method} {case.operation.path}"
                excluded = [positive_data_acceptance] if label in RULES_BEYOND_THE_SCHEMA else []
                try:
                    case.validate_response(
                        response, checks=checks, excluded_checks=excluded, headers=headers
                    )
                except (FailureGroup, Failure) as failure:
                    for single in getattr(failure, "exceptions", [failure]):
                        kind = type(single).__name__
                        title = f"{label}: {kind}: {single}".splitlines()[0][:200]
                        failures[title] += 1
                        examples.setdefault(
                            title,
                            f"{case.method} {case.formatted_path} "
                            f"query={case.query} body={case.body!r}"[:300],
                        )

            send()

    sent = sum(statuses.values())
    print(
        f"\nfuzz: {len(operations)} operations, {sent} requests, "
        f"{sum(n for s, n in statuses.items() if s >= 500)} 5xx, "
        f"{sum(failures.values())} failed checks; statuses {dict(sorted(statuses.items()))}"
    )
    assert sent >= len(operations) * 10, "the fuzzer sent too few requests"
    report = [f"{n} x {title}\n    e.g. {examples[title]}" for title, n in failures.most_common()]
    assert not failures, "\n".join(report[:40])
