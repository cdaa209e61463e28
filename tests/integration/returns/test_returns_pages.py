"""The return's pages and actions: who sees figures, who sees the records behind them, and
every refusal."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from onestory.accounts.roles import RoleCannot, RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.returns import actions
from onestory.returns import questions as q
from onestory.returns.models import EnteredAnswer, QuestionSetting, StatutoryReturn
from onestory.returns.periods import FinancialYear, year_of
from tests.factories import AgencyFactory, UserFactory
from tests.integration.returns.world import YEAR, build

pytestmark = pytest.mark.django_db

MANDATORY_ANSWERS = {
    "quality.standard_schemes": "2",
    "strategy.published": "yes",
    "strategy.published_on": "2024-01-15",
    "strategy.needs_assessment_on": "2025-11-30",
    "strategy.board_meetings": "4",
    "finance.part4_grant": "1,250,000",
    "finance.council_funds": "300000.50",
}


def _audited(user, action, text):
    return AuditEvent.objects.filter(actor_id=user.pk, action=action, reason__contains=text)


def test_it_shows_the_return_to_a_commissioner(world, as_user):
    build(world)
    page = as_user(world.commissioner).get("/returns/", {"year": YEAR.code})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Households supported in safe accommodation" in text
    assert "Alice" not in text
    assert _audited(world.commissioner, AuditAction.VIEW, "statutory return 2025-26").exists()


def test_it_opens_on_the_last_full_year(world, as_user):
    page = as_user(world.commissioner).get("/returns/")
    assert page.status_code == 200
    this_year = year_of(timezone.localdate())
    assert page.context["year"] == FinancialYear(this_year.first - 1)


def test_it_refuses_a_year_it_cannot_read(world, as_user):
    client = as_user(world.commissioner)
    page = client.get("/returns/", {"year": "2025-27"})
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert client.get("/returns/workbook/", {"year": "soon"}).status_code == 400
    assert (
        client.get("/returns/records/", {"year": YEAR.code, "figure": "nothing"}).status_code == 400
    )
    # An entered answer has no records behind it.
    assert (
        client.get(
            "/returns/records/", {"year": YEAR.code, "figure": "finance.part4_grant"}
        ).status_code
        == 400
    )


@pytest.mark.parametrize(
    "who", ["caseworker", "call_handler", "admin", "school_lead", "representative"]
)
def test_roles_without_figures_are_refused(world, as_user, who):
    user = getattr(world, who)
    for path in (
        "/returns/",
        "/returns/workbook/",
        "/returns/csv/",
        "/returns/records/",
        "/returns/board/",
    ):
        assert as_user(user).get(path, {"year": YEAR.code}).status_code == 403
    assert AuditEvent.objects.filter(actor_id=user.pk, action=AuditAction.REFUSED).count() == 5


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path in ("/returns/", "/returns/workbook/", "/returns/answers/", "/returns/board/csv/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/sign-in/")
    assert client.post("/returns/check/").status_code == 302


def test_a_commissioner_sees_only_the_count_behind_a_figure(world, as_user):
    build(world)
    page = as_user(world.commissioner).get(
        "/returns/records/", {"year": YEAR.code, "figure": "supported.women"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "As published: <strong>5</strong>" in text
    for name in ("Alice", "Bea", "Dee", "Eve", "Fay"):
        assert name not in text
    assert "Your role sees figures, not people" in text


def test_a_manager_sees_the_records_of_the_people_they_may_see(world, as_user):
    year = build(world)
    page = as_user(world.manager).get(
        "/returns/records/", {"year": YEAR.code, "figure": "supported.women"}
    )
    text = page.content.decode()
    for name in ("Alice", "Bea", "Dee", "Eve"):
        assert name in text
    # Fay is the refuge's own: the outreach manager may not see her.
    assert "Fay" not in text
    assert "Other records were counted about people whose records you may not see" in text
    event = _audited(
        world.manager, AuditAction.VIEW, "records counted by 2025-26 supported.women"
    ).get()
    shown = {year.persons[n].pk for n in ("alice", "bea", "dee", "eve")}
    assert set(event.shown_person_ids) == shown


def test_the_other_agencys_manager_sees_none_of_the_people(world, as_user):
    build(world)
    twin = UserFactory(
        username="twin_manager",
        agency=AgencyFactory(name="Southvale Outreach"),
        role=RoleName.TEAM_MANAGER,
    )
    text = (
        as_user(twin)
        .get("/returns/records/", {"year": YEAR.code, "figure": "supported.women"})
        .content.decode()
    )
    for name in ("Alice", "Bea", "Dee", "Eve", "Fay"):
        assert name not in text
    assert "Other records were counted" in text


def test_units_are_listed_by_name_and_never_where_they_are(world, as_user):
    build(world)
    text = (
        as_user(world.commissioner)
        .get("/returns/records/", {"year": YEAR.code, "figure": "availability.refuge.units"})
        .content.decode()
    )
    assert "Oak Lodge, Room 1" in text
    assert "Secret Lane" not in text
    assert "EM1 9ZZ" not in text


def test_a_data_quality_check_lists_the_records_to_fix(world, as_user):
    build(world)
    text = (
        as_user(world.manager)
        .get("/returns/records/", {"year": YEAR.code, "check": "no_support_type"})
        .content.decode()
    )
    assert "Carl" in text


def test_every_export_is_audited(world, as_user):
    build(world)
    client = as_user(world.commissioner)
    response = client.get("/returns/workbook/", {"year": YEAR.code})
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="safe-accommodation-return-2025-26.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book["Cover"]["B3"].value.startswith("2025-26")
    response = client.get("/returns/csv/", {"year": YEAR.code})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert _audited(world.commissioner, AuditAction.EXPORT, "2025-26 (xlsx)").exists()
    assert _audited(world.commissioner, AuditAction.EXPORT, "2025-26 (csv)").exists()


def test_the_commissioner_enters_answers_and_marks_the_return_checked(world, as_user):
    build(world)
    client = as_user(world.commissioner)
    assert client.get("/returns/answers/", {"year": YEAR.code}).status_code == 200
    response = client.post(f"/returns/answers/?year={YEAR.code}", MANDATORY_ANSWERS)
    assert response.status_code == 302
    saved = dict(EnteredAnswer.objects.values_list("key", "value"))
    assert saved["finance.part4_grant"] == "1250000.00"
    assert saved["strategy.published"] == "yes"
    assert _audited(
        world.commissioner, AuditAction.UPDATE, "answers to the return for 2025-26"
    ).exists()

    client.post(f"/returns/check/?year={YEAR.code}")
    checked = StatutoryReturn.objects.get(first_year=2025)
    assert checked.checked_by == world.commissioner
    book = load_workbook(io.BytesIO(client.get("/returns/workbook/", {"year": YEAR.code}).content))
    assert (
        book["Cover"]["B6"].value == world.commissioner.get_full_name()
        or world.commissioner.username
    )
    assert book["Cover"]["B7"].value

    # A changed answer takes the check back.
    client.post(
        f"/returns/answers/?year={YEAR.code}", {**MANDATORY_ANSWERS, "strategy.board_meetings": "5"}
    )
    checked.refresh_from_db()
    assert checked.checked_at is None


def test_bad_answers_save_nothing(world, as_user):
    client = as_user(world.commissioner)
    page = client.post(
        f"/returns/answers/?year={YEAR.code}",
        {
            **MANDATORY_ANSWERS,
            "finance.council_funds": "a lot",
            "strategy.published_on": "2027-01-01",
        },
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Enter an amount in pounds" in text
    assert "Enter a date on or before the end of the year" in text
    assert not EnteredAnswer.objects.exists()


def test_the_check_is_refused_while_a_mandatory_answer_is_missing(world, as_user):
    client = as_user(world.commissioner)
    response = client.post(f"/returns/check/?year={YEAR.code}", follow=True)
    assert "Answer the mandatory questions first" in response.content.decode()
    assert not StatutoryReturn.objects.filter(checked_at__isnull=False).exists()


def test_a_question_can_be_made_voluntary_for_a_year(world, as_user):
    client = as_user(world.commissioner)
    everything_but_one = [
        key
        for key in q.QUESTION_BY_KEY
        if q.QUESTION_BY_KEY[key].mandatory and key != "finance.part4_grant"
    ]
    response = client.post(
        f"/returns/mandatory/?year={YEAR.code}", {"mandatory": everything_but_one}
    )
    assert response.status_code == 302
    setting = QuestionSetting.objects.get(first_year=2025, key="finance.part4_grant")
    assert setting.mandatory is False
    assert QuestionSetting.objects.count() == 1  # only the change is stored
    page = client.get("/returns/", {"year": YEAR.code})
    line = next(
        found
        for found in page.context["report"].lines
        if found.question.key == "finance.part4_grant"
    )
    assert line.mandatory is False
    # The next year keeps the form's own setting.
    assert actions.settings_for(FinancialYear(2026)) == {}
    assert _audited(world.commissioner, AuditAction.UPDATE, "mandatory questions").exists()


@pytest.mark.parametrize("who", ["manager", "marac_coordinator"])
def test_only_a_commissioner_prepares_the_return(world, as_user, who):
    user = getattr(world, who)
    client = as_user(user)
    assert client.get("/returns/", {"year": YEAR.code}).status_code == 200
    for path in ("/returns/answers/", "/returns/mandatory/", "/returns/check/"):
        assert client.post(f"{path}?year={YEAR.code}", MANDATORY_ANSWERS).status_code == 403
    assert not StatutoryReturn.objects.exists()
    with pytest.raises(RoleCannot):
        actions.enter_answers(year=YEAR, answers={}, by=user)
    with pytest.raises(RoleCannot):
        actions.mark_checked(year=YEAR, by=user)


def test_the_action_refuses_a_question_the_records_answer(world):
    with pytest.raises(ValidationError):
        actions.enter_answers(year=YEAR, answers={"supported.women": "9"}, by=world.commissioner)
    assert not StatutoryReturn.objects.exists()


def test_the_pages_run_a_bounded_number_of_queries(world, as_user, django_assert_max_num_queries):
    build(world)
    client = as_user(world.manager)
    client.get("/returns/", {"year": YEAR.code})  # the session's first page warms its caches
    with django_assert_max_num_queries(18):
        assert client.get("/returns/", {"year": YEAR.code}).status_code == 200
    with django_assert_max_num_queries(20):
        page = client.get("/returns/records/", {"year": YEAR.code, "figure": "supported.women"})
        assert page.status_code == 200
