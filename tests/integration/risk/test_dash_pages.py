"""The DASH form, the result, the screens, incidents and the risk history pages."""

import pytest
from django.urls import reverse

from onestory.risk.models import RiskAssessment, RiskSettings, ScreenResult
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(world):
    return PersonFactory(owning_agency=world.agency)


def _form(yes: int, **extra) -> dict[str, str]:
    data = {f"q{n}": ("yes" if n <= yes else "no") for n in range(1, 25)}
    data["incidents_known_elsewhere_12m"] = "0"
    data.update(extra)
    return data


def test_it_shows_the_24_questions(world, victim, as_user):
    response = as_user(world.caseworker).get(reverse("risk:new-dash", args=[victim.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "24. Has the other person been in trouble with the police" in html
    assert html.count('type="radio"') == 72


def test_it_saves_and_shows_the_result(world, victim, as_user):
    client = as_user(world.caseworker)
    response = client.post(reverse("risk:new-dash", args=[victim.pk]), _form(14, q8="yes"))
    assessment = RiskAssessment.objects.get()
    assert response["Location"] == reverse("risk:assessment", args=[assessment.pk])
    page = client.get(response["Location"]).content.decode()
    assert "High risk" in page
    assert "Visible high risk" in page
    assert "Complete the stalking and harassment screen" in page


def test_professional_judgement_without_a_reason_is_refused(world, victim, as_user):
    response = as_user(world.caseworker).post(
        reverse("risk:new-dash", args=[victim.pk]), _form(2, judgement_refer="on")
    )
    assert response.status_code == 200
    assert "Give the reason for referring to MARAC" in response.content.decode()
    assert not RiskAssessment.objects.exists()


def test_a_future_incident_date_is_refused(world, victim, as_user):
    response = as_user(world.caseworker).post(
        reverse("risk:new-dash", args=[victim.pk]), _form(2, incident_on="2999-01-01")
    )
    assert "The date cannot be in the future" in response.content.decode()
    assert not RiskAssessment.objects.exists()


def test_the_stalking_screen_is_recorded_with_the_assessment(world, victim, as_user):
    client = as_user(world.caseworker)
    client.post(reverse("risk:new-dash", args=[victim.pk]), _form(3, q8="yes"))
    assessment = RiskAssessment.objects.get()
    url = reverse("risk:screen", args=[assessment.pk, "stalking"])
    client.post(url, {"s1": "yes", "s2": "yes", "s3": "yes"})
    result = ScreenResult.objects.get()
    assert result.positive is True
    history = client.get(reverse("risk:person", args=[victim.pk])).content.decode()
    assert "Positive screens" in history
    assert "Stalking" in history


@pytest.mark.parametrize(
    ("screen", "answers", "dash_yes", "prompted"),
    [
        ("stalking", {"s1": "yes", "s4": "yes", "s6": "yes"}, 3, True),
        ("stalking", {"s1": "yes", "s4": "yes"}, 3, False),  # not a pattern yet
        ("honour_based_abuse", {"s3": "yes"}, 3, True),
        ("stalking", {"s1": "yes", "s4": "yes", "s6": "yes"}, 15, False),  # already high risk
    ],
)
def test_a_positive_screen_prompts_professional_judgement(
    world, victim, as_user, screen, answers, dash_yes, prompted
):
    client = as_user(world.caseworker)
    client.post(reverse("risk:new-dash", args=[victim.pk]), _form(dash_yes, q8="yes", q17="yes"))
    assessment = RiskAssessment.objects.get()
    client.post(reverse("risk:screen", args=[assessment.pk, screen]), answers)
    page = client.get(reverse("risk:assessment", args=[assessment.pk])).content.decode()
    assert ("Consider referring to MARAC on your professional judgement" in page) is prompted
    assert ("Consider a MARAC referral" in page) is prompted
    assessment.refresh_from_db()
    assert assessment.professional_judgement is False  # the worker decides, not the screen


def test_an_unknown_screen_is_404(world, victim, as_user):
    client = as_user(world.caseworker)
    client.post(reverse("risk:new-dash", args=[victim.pk]), _form(1))
    assessment = RiskAssessment.objects.get()
    assert client.get(reverse("risk:screen", args=[assessment.pk, "tarot"])).status_code == 404


def test_a_new_incident_prompts_reassessment(world, victim, as_user):
    client = as_user(world.caseworker)
    client.post(reverse("risk:new-dash", args=[victim.pk]), _form(5))
    history = reverse("risk:person", args=[victim.pk])
    assert "Reassessment due" not in client.get(history).content.decode()
    client.post(
        reverse("risk:new-incident", args=[victim.pk]),
        {"occurred_on": "2026-01-05", "kind": "police"},
    )
    assert "Reassessment due" in client.get(history).content.decode()
    client.post(reverse("risk:new-dash", args=[victim.pk]), _form(6))
    assert "Reassessment due" not in client.get(history).content.decode()


def test_the_history_page_keeps_to_a_bounded_number_of_queries(
    world, victim, as_user, django_assert_max_num_queries
):
    client = as_user(world.caseworker)
    for yes in (3, 11, 15):
        client.post(reverse("risk:new-dash", args=[victim.pk]), _form(yes))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("risk:person", args=[victim.pk]))
    assert response.status_code == 200


def test_only_administrators_change_the_bands(world, as_user):
    url = reverse("risk:settings")
    assert as_user(world.manager).get(url).status_code == 403
    admin = as_user(world.admin)
    refused = admin.post(url, {"medium_from": 12, "high_from": 12, "escalation_threshold": 3})
    assert "High risk must start above medium risk" in refused.content.decode()
    admin.post(url, {"medium_from": 9, "high_from": 13, "escalation_threshold": 4})
    assert RiskSettings.current().high_from == 13
