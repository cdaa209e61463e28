"""The return and the board report through the API: the published figures, for the same
staff as the pages, audited; anyone else refused and the refusal audited."""

from __future__ import annotations

import pytest
from django.test import Client

from onestory.accounts.tokens.actions import issue_token
from onestory.audit.models import AuditAction, AuditEvent
from tests.conftest import sign_in
from tests.integration.returns.world import build

pytestmark = pytest.mark.django_db


def test_the_return_as_published(world):
    build(world)
    api = sign_in(Client(), world.commissioner)
    answer = api.get("/api/v1/returns/statutory", {"year": "2025-26"})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["year"], body["start"], body["end"]) == ("2025-26", "2025-04-01", "2026-03-31")
    questions = {row["key"]: row for row in body["questions"]}
    assert questions["supported.households_accommodation"] == {
        "ref": "4.1",
        "key": "supported.households_accommodation",
        "section": "Individuals and households supported",
        "label": "Households supported in safe accommodation",
        "source": "records",
        "mandatory": True,
        "answer": "5",
    }
    assert questions["supported.men"]["answer"] == "fewer than 5"
    assert questions["finance.sanctuary_measures"]["answer"] == "£350.00"
    assert "finance.part4_grant" in body["missing_mandatory"]
    quality = {row["key"]: row["count"] for row in body["quality"]}
    assert quality["requests_without_outcome"] == 2
    assert AuditEvent.objects.filter(
        actor_id=world.commissioner.pk,
        action=AuditAction.EXPORT,
        reason="statutory return 2025-26 (api)",
    ).exists()


def test_the_board_report_as_published(world):
    build(world)
    answer = sign_in(Client(), world.manager).get("/api/v1/returns/board", {"quarter": "2025Q2"})
    assert answer.status_code == 200
    tables = {
        t["key"]: {r["label"]: r["value"] for r in t["rows"]} for t in answer.json()["tables"]
    }
    assert tables["accommodation"]["Nights occupied"] == "179"
    assert tables["cases_closed"] == {"Victims' cases closed": "fewer than 5"}


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"year": "2025-27"}, "A financial year runs from one April to the next"),
        ({"year": ""}, "Give a value, or leave it out."),
        ({}, "This field is required."),
    ],
)
def test_a_year_it_cannot_read(world, query, problem):
    answer = sign_in(Client(), world.commissioner).get("/api/v1/returns/statutory", query)
    assert answer.status_code == 400
    assert problem in str(answer.json())


def test_a_quarter_it_cannot_read(world):
    answer = sign_in(Client(), world.commissioner).get("/api/v1/returns/board", {"quarter": "Q5"})
    assert answer.status_code == 400


def test_staff_who_may_not_see_aggregates_are_refused_and_audited(world):
    _, plain = issue_token(user=world.caseworker, name="Mine", by=world.caseworker)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    for path, query in (
        ("/api/v1/returns/statutory", {"year": "2025-26"}),
        ("/api/v1/returns/board", {"quarter": "2025Q2"}),
    ):
        assert client.get(path, query).status_code == 403
    assert (
        AuditEvent.objects.filter(actor_id=world.caseworker.pk, action=AuditAction.REFUSED).count()
        == 2
    )
    assert Client().get("/api/v1/returns/board", {"quarter": "2025Q2"}).status_code == 401
