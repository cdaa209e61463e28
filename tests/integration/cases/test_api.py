"""GET /api/v1/persons/{id}/cases/ and GET /api/v1/cases/{id}."""

import pytest

from onestory.access.models import ShareScope
from onestory.cases import actions
from onestory.cases.choices import OutcomeStage
from tests.factories import ShareFactory

pytestmark = pytest.mark.django_db


def test_it_lists_a_persons_cases(world, as_user, case):
    response = as_user(world.caseworker).get(f"/api/v1/persons/{case.person_id}/cases/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [case.pk]
    assert response.json()[0]["status"] == "open"


def test_it_gives_one_case_with_the_change_in_outcomes(world, as_user, case):
    by = world.caseworker
    actions.record_outcomes(
        case=case,
        stage=OutcomeStage.INTAKE,
        scores={"safety": 1},
        abuse={"physical": "happening"},
        by=by,
    )
    actions.record_outcomes(
        case=case,
        stage=OutcomeStage.EXIT,
        scores={"safety": 4},
        abuse={"physical": "stopped"},
        by=by,
    )
    body = as_user(by).get(f"/api/v1/cases/{case.pk}").json()
    assert body["outcome_changes"] == [
        {
            "outcome": "safety",
            "label": "Feels safer and is safer",
            "before": 1,
            "after": 4,
            "direction": "better",
        }
    ]
    assert body["abuse_changes"][0]["stopped"] is True
    assert "summary" not in body


def test_another_agency_gets_not_found_and_a_summary_share_sees_no_case(world, as_user, case):
    client = as_user(world.other_caseworker)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.SUMMARY,
        granted_by=world.caseworker,
    )
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client.get(f"/api/v1/persons/{case.person_id}/cases/").json() == []


def test_it_refuses_other_roles_and_strangers(world, as_user, client, case):
    assert as_user(world.call_handler).get(f"/api/v1/cases/{case.pk}").status_code == 403
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 401
