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
    html = response.content.decode()
    assert "Date of the incident this assessment follows must be today or in the past" in html
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


def test_an_empty_checklist_is_refused_with_a_clear_message(world, victim, as_user):
    response = as_user(world.caseworker).post(
        reverse("risk:new-dash", args=[victim.pk]), {"incidents_known_elsewhere_12m": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "No question was answered yes or no" in html
    assert "record that they declined it" in html
    assert not RiskAssessment.objects.exists()


def test_a_checklist_of_only_not_known_is_refused(world, victim, as_user):
    data = {f"q{n}": "not_known" for n in range(1, 25)} | {"incidents_known_elsewhere_12m": "0"}
    response = as_user(world.caseworker).post(reverse("risk:new-dash", args=[victim.pk]), data)
    assert "No question was answered yes or no" in response.content.decode()
    assert not RiskAssessment.objects.exists()


def test_a_partly_answered_checklist_shows_how_many_were_not_asked(world, victim, as_user):
    client = as_user(world.caseworker)
    data = {"q1": "yes", "q2": "no", "q3": "not_known", "incidents_known_elsewhere_12m": "0"}
    response = client.post(reverse("risk:new-dash", args=[victim.pk]), data)
    assessment = RiskAssessment.objects.get()
    assert assessment.questions_not_asked == 21
    page = client.get(response["Location"]).content.decode()
    assert "21 of 24 questions were not asked" in page
    assert page.count("Not asked") == 21
    history = client.get(reverse("risk:person", args=[victim.pk])).content.decode()
    assert "1 of 24 answered yes, 21 not asked" in history


def test_a_person_who_declines_is_recorded_as_declined_not_scored(world, victim, as_user):
    client = as_user(world.caseworker)
    client.post(reverse("risk:new-dash", args=[victim.pk]), _form(15))
    form = client.get(reverse("risk:declined-dash", args=[victim.pk]))
    assert "Record that they declined the DASH checklist" in form.content.decode()
    response = client.post(
        reverse("risk:declined-dash", args=[victim.pk]), {"note": "Not ready to talk."}
    )
    declined = RiskAssessment.objects.get(declined=True)
    assert response["Location"] == reverse("risk:assessment", args=[declined.pk])
    assert declined.yes_count is None
    assert declined.risk_level == ""
    page = client.get(response["Location"]).content.decode()
    assert "Declined the checklist" in page
    assert "of 24 questions answered yes" not in page
    assert "Not ready to talk." in page
    # The current level stays with the latest scored assessment, and the decline is shown.
    person_page = client.get(reverse("people:person", args=[victim.pk])).content.decode()
    assert "High risk" in person_page
    assert "Declined the checklist" in person_page
    history = client.get(reverse("risk:person", args=[victim.pk])).content.decode()
    assert "Declined the checklist" in history


def test_the_result_links_back_to_the_referral_it_was_made_for(world, as_user):
    from onestory.accounts.roles import RoleName
    from onestory.intake.actions import link_person
    from tests.factories import ReferralFactory, UserFactory

    person = PersonFactory(owning_agency=world.central)
    handler = UserFactory(username="front_door", agency=world.central, role=RoleName.CALL_HANDLER)
    referral = ReferralFactory(owning_agency=world.central)
    link_person(referral=referral, person=person, by=handler)
    client = as_user(handler)
    referral_page = client.get(reverse("intake:referral", args=[referral.pk])).content.decode()
    start = f"{reverse('risk:new-dash', args=[person.pk])}?referral={referral.pk}"
    assert start in referral_page
    form = client.get(start).content.decode()
    assert f"Back to referral {referral.reference}" in form
    response = client.post(start, _form(3))
    assessment = RiskAssessment.objects.get()
    assert assessment.referral == referral
    page = client.get(response["Location"]).content.decode()
    assert reverse("intake:referral", args=[referral.pk]) in page
    assert reverse("people:person", args=[person.pk]) in page


def test_a_referral_of_another_person_is_not_linked(world, victim, as_user):
    from tests.factories import ReferralFactory

    referral = ReferralFactory(owning_agency=world.agency)
    client = as_user(world.caseworker)
    url = f"{reverse('risk:new-dash', args=[victim.pk])}?referral={referral.pk}"
    client.post(url, _form(3))
    assert RiskAssessment.objects.get().referral is None


def test_an_incident_on_a_day_still_to_come_is_refused(world, victim, as_user):
    from datetime import timedelta

    from django.utils import timezone

    from onestory.risk.models import Incident

    tomorrow = timezone.localdate() + timedelta(days=1)
    client = as_user(world.caseworker)
    url = reverse("risk:new-incident", args=[victim.pk])
    assert 'class="govuk-date-input"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "occurred_on_day": str(tomorrow.day),
            "occurred_on_month": str(tomorrow.month),
            "occurred_on_year": str(tomorrow.year),
            "kind": "police",
        },
    )
    assert "Date of the incident must be today or in the past" in response.content.decode()
    assert not Incident.objects.exists()


@pytest.mark.parametrize(("who", "repeat"), [("him", True), ("someone else", False), (None, False)])
def test_the_people_using_harm_ticked_decide_the_repeat_criterion(
    world, victim, as_user, who, repeat
):
    from datetime import timedelta

    from django.utils import timezone

    from onestory.people.models import Relationship
    from tests.factories import MaracReferralFactory

    him = PersonFactory(owning_agency=world.agency, given_name="Karl", family_name="Oakes")
    someone_else = PersonFactory(owning_agency=world.agency, given_name="Mark", family_name="Dunn")
    for person in (him, someone_else):
        Relationship.objects.create(
            person=victim, other_person=person, kind="former_intimate_partner"
        )
    MaracReferralFactory(
        victim=victim,
        perpetrators=[him],
        referred_on=timezone.localdate() - timedelta(days=60),
        status="closed",
    )
    client = as_user(world.caseworker)
    page = client.get(reverse("risk:new-dash", args=[victim.pk])).content.decode()
    assert "The person or people using harm (optional)" in page
    assert "Karl Oakes" in page
    ticked = {"him": [him.pk], "someone else": [someone_else.pk], None: []}[who]
    response = client.post(
        reverse("risk:new-dash", args=[victim.pk]), _form(2, perpetrators=ticked)
    )
    assert response.status_code == 302
    assert RiskAssessment.objects.get().repeat is repeat
