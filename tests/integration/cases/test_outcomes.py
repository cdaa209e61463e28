"""Outcomes at intake, review and exit; the change shown on the case; the figures."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onestory.cases import actions
from onestory.cases.choices import ClosureReason, OutcomeStage
from onestory.cases.models import OutcomeRecord
from onestory.cases.reports import outcomes_report
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def record(case, stage, by, **scores):
    return actions.record_outcomes(case=case, stage=stage, scores=scores, by=by)


def test_it_records_ratings_and_abuse_at_intake(world, case):
    outcome = actions.record_outcomes(
        case=case,
        stage=OutcomeStage.INTAKE,
        scores={"safety": 1, "wellbeing": 2},
        abuse={"physical": "happening", "coercive_control": "happening"},
        by=world.caseworker,
    )
    assert outcome.score_safety == 1
    assert outcome.abuse_physical == "happening"


@pytest.mark.parametrize("score", [0, 6, -1, 10])
def test_it_refuses_a_score_outside_the_scale(world, case, score):
    with pytest.raises(ValidationError) as refused:
        record(case, OutcomeStage.INTAKE, world.caseworker, safety=score)
    assert refused.value.message_dict == {
        "score_safety": ["Feels safer and is safer: the score must be from 1 to 5"]
    }
    assert not OutcomeRecord.objects.exists()


def test_it_refuses_a_second_set_at_intake_but_takes_many_reviews(world, case):
    record(case, OutcomeStage.INTAKE, world.caseworker, safety=2)
    with pytest.raises(ValidationError) as refused:
        record(case, OutcomeStage.INTAKE, world.caseworker, safety=3)
    assert "already recorded" in refused.value.message_dict["stage"][0]
    record(case, OutcomeStage.REVIEW, world.caseworker, safety=3)
    record(case, OutcomeStage.REVIEW, world.caseworker, safety=4)
    assert case.outcomes.count() == 3


def test_it_refuses_an_empty_set(world, case):
    with pytest.raises(ValidationError):
        actions.record_outcomes(
            case=case, stage=OutcomeStage.REVIEW, scores={}, by=world.caseworker
        )


def test_the_page_refuses_a_score_off_the_scale_clearly(world, as_user, case):
    client = as_user(world.caseworker)
    url = reverse("cases:outcomes", args=[case.pk])
    response = client.post(url, {"stage": "intake", "score_safety": "7"})
    html = response.content.decode()
    assert "<title>Error: Record their outcomes – OneStory</title>" in html
    assert "Choose a score from 1 to 5, or not asked" in html
    assert not OutcomeRecord.objects.exists()


def test_the_page_records_outcomes(world, as_user, case):
    client = as_user(world.caseworker)
    url = reverse("cases:outcomes", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'value="intake" checked' in page.replace("\n", " ") or 'value="intake"' in page
    assert "Positive change in their own behaviour" not in page  # asked only of people using harm
    response = client.post(
        url,
        {
            "stage": "intake",
            "score_safety": "2",
            "score_resilience": "1",
            "abuse_physical": "happening",
        },
    )
    assert response.status_code == 302
    outcome = OutcomeRecord.objects.get()
    assert (outcome.score_safety, outcome.score_resilience, outcome.score_wellbeing) == (2, 1, None)


def test_the_case_shows_the_change_from_intake_to_exit(world, as_user, case):
    by = world.caseworker
    actions.record_outcomes(
        case=case,
        stage=OutcomeStage.INTAKE,
        scores={"safety": 1, "wellbeing": 3, "relationships": 4},
        abuse={"physical": "happening", "stalking": "happening"},
        by=by,
    )
    actions.record_outcomes(
        case=case,
        stage=OutcomeStage.EXIT,
        scores={"safety": 4, "wellbeing": 3, "relationships": 2},
        abuse={"physical": "stopped", "stalking": "happening"},
        by=by,
    )
    html = as_user(by).get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "How things changed from at intake" in html
    assert "Better by 3" in html
    assert "No change" in html
    assert "Worse by 2" in html
    assert "so far" not in html
    assert "Stopped</strong>" in html


def test_exit_ratings_can_be_taken_after_closing(world, as_user, case):
    record(case, OutcomeStage.INTAKE, world.caseworker, safety=1)
    actions.close_case(case=case, reason=ClosureReason.SUPPORT_COMPLETED, by=world.caseworker)
    client = as_user(world.caseworker)
    page = client.get(reverse("cases:outcomes", args=[case.pk])).content.decode()
    assert 'value="exit" checked' in page or "checked" in page
    client.post(reverse("cases:outcomes", args=[case.pk]), {"stage": "exit", "score_safety": "5"})
    assert case.outcomes.get(stage=OutcomeStage.EXIT).score_safety == 5


def test_the_report_counts_changes_over_cases(world):
    by = world.caseworker
    for before, after in [(1, 4), (2, 5), (3, 3), (4, 2), (1, 2), (2, 3)]:
        person = PersonFactory(owning_agency=world.agency)
        case = actions.open_case(person=person, agency=world.agency, by=by)
        actions.record_outcomes(
            case=case,
            stage=OutcomeStage.INTAKE,
            scores={"safety": before},
            abuse={"physical": "happening"},
            by=by,
        )
        actions.record_outcomes(
            case=case,
            stage=OutcomeStage.EXIT,
            scores={"safety": after},
            abuse={"physical": "stopped"},
            by=by,
        )
    # A case with intake only is not compared.
    lonely = actions.open_case(
        person=PersonFactory(owning_agency=world.agency), agency=world.agency, by=by
    )
    actions.record_outcomes(case=lonely, stage=OutcomeStage.INTAKE, scores={"safety": 1}, by=by)
    report = outcomes_report()
    assert report.cases_compared == 6
    safety = next(row for row in report.outcomes if row.key == "safety")
    assert (safety.better, safety.same, safety.worse) == (4, 1, 1)
    physical = next(row for row in report.abuse if row.key == "physical")
    assert (physical.happening_at_start, physical.stopped) == (6, 6)


def test_the_report_page_is_for_aggregate_roles_and_hides_small_counts(world, as_user, case):
    record(case, OutcomeStage.INTAKE, world.caseworker, safety=1)
    record(case, OutcomeStage.EXIT, world.caseworker, safety=4)
    url = reverse("cases:outcomes-report")
    response = as_user(world.commissioner).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cases compared: 1" in html
    assert "fewer than 5" in html
    assert "Amira" not in html
    assert as_user(world.caseworker).get(url).status_code == 403
