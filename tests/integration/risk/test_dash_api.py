"""POST and GET /api/v1/persons/{id}/risk-assessments/."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from onestory.access.models import LawfulBasis, Share, ShareScope
from onestory.audit.models import AuditEvent
from onestory.risk.models import Incident, RiskAssessment, RiskSettings
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _url(person):
    return f"/api/v1/persons/{person.pk}/risk-assessments/"


def _answers(yes: int) -> dict[str, str]:
    return {str(n): ("yes" if n <= yes else "no") for n in range(1, 25)}


@pytest.fixture
def victim(world):
    return PersonFactory(owning_agency=world.agency)


def test_it_scores_a_high_risk_assessment(world, victim, as_user):
    client = as_user(world.caseworker)
    body = {
        "kind": "dash",
        "answers": _answers(14),
        "incidents_known_elsewhere_12m": 0,
        "professional_judgement": {"marac": False, "reason": ""},
    }
    response = client.post(_url(victim), body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["yes_count"] == 14
    assert data["risk_level"] == "high"
    assert data["marac_criteria"] == ["visible_high_risk"]
    assert data["marac_eligible"] is True
    assert RiskAssessment.objects.get().answers.count() == 24
    assert AuditEvent.objects.filter(person_id=victim.pk, action="create").exists()


def test_13_yes_is_medium_and_not_eligible(world, victim, as_user):
    response = as_user(world.caseworker).post(
        _url(victim), {"kind": "dash", "answers": _answers(13)}, content_type="application/json"
    )
    assert response.json()["risk_level"] == "medium"
    assert response.json()["marac_eligible"] is False
    assert response.json()["marac_criteria"] == []


def test_missing_answers_are_counted_as_not_asked(world, victim, as_user):
    response = as_user(world.caseworker).post(
        _url(victim),
        {"kind": "dash", "answers": {"1": "yes", "2": "not_known"}},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["questions_not_asked"] == 22
    assert response.json()["yes_count"] == 1
    assessment = RiskAssessment.objects.get()
    assert assessment.questions_not_asked == 22
    assert list(assessment.answers.values_list("question", "answer")) == [
        (1, "yes"),
        (2, "not_known"),
    ]


@pytest.mark.parametrize(
    "answers",
    [{}, {str(n): "" for n in range(1, 25)}, {str(n): "not_known" for n in range(1, 25)}],
    ids=["nothing", "all blank", "all not known"],
)
def test_a_checklist_with_nothing_answered_is_refused(world, victim, as_user, answers):
    response = as_user(world.caseworker).post(
        _url(victim), {"kind": "dash", "answers": answers}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "No question was answered yes or no" in response.json()["answers"][0]
    assert not RiskAssessment.objects.exists()


def test_a_declined_checklist_is_recorded_without_a_score(world, victim, as_user):
    response = as_user(world.caseworker).post(
        _url(victim),
        {"kind": "dash", "declined": True, "narrative": "Did not want to talk today."},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["declined"] is True
    assert body["risk_level"] == ""
    assert body["yes_count"] is None
    assessment = RiskAssessment.objects.get()
    assert assessment.declined
    assert not assessment.answers.exists()
    assert assessment.narrative == "Did not want to talk today."


def test_a_declined_checklist_cannot_carry_answers(world, victim, as_user):
    response = as_user(world.caseworker).post(
        _url(victim),
        {"kind": "dash", "declined": True, "answers": {"1": "yes"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "declined" in response.json()
    assert not RiskAssessment.objects.exists()


def test_professional_judgement_raises_to_marac(world, victim, as_user):
    response = as_user(world.caseworker).post(
        _url(victim),
        {
            "kind": "dash",
            "answers": _answers(3),
            "professional_judgement": {"marac": True, "reason": "Threats to kill after leaving"},
        },
        content_type="application/json",
    )
    assert response.json()["marac_criteria"] == ["professional_judgement"]
    assert response.json()["marac_eligible"] is True


def test_potential_escalation_counts_recorded_and_reported_incidents(world, victim, as_user):
    today = timezone.localdate()
    for days in (10, 100):
        Incident.objects.create(
            person=victim,
            occurred_on=today - timedelta(days=days),
            kind="police",
            agency=world.agency,
            recorded_by=world.caseworker,
        )
    Incident.objects.create(
        person=victim,
        occurred_on=today - timedelta(days=400),
        kind="police",
        agency=world.agency,
        recorded_by=world.caseworker,
    )
    client = as_user(world.caseworker)
    two = client.post(
        _url(victim), {"kind": "dash", "answers": {"1": "no"}}, content_type="application/json"
    )
    assert two.json()["marac_criteria"] == []
    three = client.post(
        _url(victim),
        {"kind": "dash", "answers": {"1": "no"}, "incidents_known_elsewhere_12m": 1},
        content_type="application/json",
    )
    assert three.json()["marac_criteria"] == ["potential_escalation"]


def test_the_partnerships_bands_and_threshold_apply(world, victim, as_user):
    RiskSettings.objects.create(medium_from=5, high_from=8, escalation_threshold=5)
    response = as_user(world.caseworker).post(
        _url(victim), {"kind": "dash", "answers": _answers(8)}, content_type="application/json"
    )
    assert response.json()["risk_level"] == "high"
    assert response.json()["marac_criteria"] == []  # labelled high, but not 14 yes answers
    assert RiskAssessment.objects.get().high_from == 8


@pytest.mark.parametrize(
    ("medium_from", "high_from", "yes", "level", "visible_high_risk"),
    [
        (5, 8, 13, "high", False),
        (5, 8, 14, "high", True),
        (15, 20, 13, "standard", False),
        (15, 20, 14, "standard", True),
        (15, 20, 15, "medium", True),
        (12, 15, 14, "medium", True),
        (12, 15, 15, "high", True),
    ],
)
def test_bands_never_move_the_national_threshold(
    world, victim, as_user, medium_from, high_from, yes, level, visible_high_risk
):
    RiskSettings.objects.create(medium_from=medium_from, high_from=high_from)
    response = as_user(world.caseworker).post(
        _url(victim), {"kind": "dash", "answers": _answers(yes)}, content_type="application/json"
    )
    assert response.json()["risk_level"] == level
    assert ("visible_high_risk" in response.json()["marac_criteria"]) is visible_high_risk


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"kind": "dash", "answers": {"25": "yes"}}, "answers", "There is no question"),
        ({"kind": "dash", "answers": {"3": "perhaps"}}, "answers", "Answer yes, no or not_known"),
        (
            {"kind": "dash", "answers": {"1": "no"}, "professional_judgement": {"marac": True}},
            "professional_judgement",
            "Give the reason",
        ),
        ({"kind": "caada", "answers": {"1": "no"}}, "kind", "not a valid choice"),
        ({"kind": "dash", "answers": {}, "incidents_known_elsewhere_12m": -1}, "incidents", "0"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(world, victim, as_user, body, field, message):
    response = as_user(world.caseworker).post(_url(victim), body, content_type="application/json")
    assert response.status_code == 400
    assert field in next(iter(response.json())) or field in str(response.json())
    assert message in str(response.json())
    assert not RiskAssessment.objects.exists()


def test_it_lists_a_persons_assessments_newest_first(world, victim, as_user):
    client = as_user(world.caseworker)
    client.post(
        _url(victim), {"kind": "dash", "answers": _answers(2)}, content_type="application/json"
    )
    client.post(
        _url(victim), {"kind": "dash", "answers": _answers(15)}, content_type="application/json"
    )
    listed = client.get(_url(victim)).json()
    assert [a["risk_level"] for a in listed] == ["high", "standard"]


def test_another_agency_gets_404_and_a_summary_share_cannot_assess(world, victim, as_user):
    other = as_user(world.other_caseworker)
    body = {"kind": "dash", "answers": {"1": "no"}}
    assert other.post(_url(victim), body, content_type="application/json").status_code == 404
    assert other.get(_url(victim)).status_code == 404
    Share.objects.create(
        from_agency=world.agency,
        to_agency=world.other_agency,
        person=victim,
        scope=ShareScope.SUMMARY,
        lawful_basis=LawfulBasis.CONSENT,
        granted_by=world.caseworker,
    )
    assert other.get(_url(victim)).status_code == 200
    assert other.post(_url(victim), body, content_type="application/json").status_code == 404


def test_a_commissioner_may_not_assess(world, victim, as_user):
    response = as_user(world.commissioner).post(
        _url(victim), {"kind": "dash", "answers": {"1": "no"}}, content_type="application/json"
    )
    assert response.status_code == 403


@time_machine.travel("2026-03-02 10:00Z", tick=False)
def test_the_people_using_harm_decide_the_repeat_criterion(world, victim, as_user):
    from datetime import date

    from tests.factories import MaracReferralFactory

    him = PersonFactory(owning_agency=world.agency)
    other = PersonFactory(owning_agency=world.agency)
    MaracReferralFactory(
        victim=victim, perpetrators=[him], referred_on=date(2026, 1, 5), status="closed"
    )
    client = as_user(world.caseworker)

    def criteria(perpetrators):
        body = {"kind": "dash", "answers": _answers(2), "incident_on": "2026-02-01"}
        if perpetrators is not None:
            body["perpetrators"] = perpetrators
        response = client.post(_url(victim), body, content_type="application/json")
        assert response.status_code == 201, response.content
        return response.json()["marac_criteria"]

    assert criteria([him.pk]) == ["repeat"]
    assert criteria([other.pk]) == []
    assert criteria(None) == []  # nobody named, no incident that day naming anyone
    outsider = PersonFactory(owning_agency=world.other_agency)
    refused = client.post(
        _url(victim),
        {"kind": "dash", "answers": _answers(2), "perpetrators": [outsider.pk]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "perpetrators" in refused.json()
