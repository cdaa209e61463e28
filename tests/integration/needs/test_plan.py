"""The delivery plan through its pages: priorities, objectives with a live figure, actions
and quarterly updates, and the rating the figure suggests."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.intake.actions import submit_referral
from onestory.intake.choices import Channel
from onestory.needs.models import ActionUpdate, Indicator, Objective, PlanAction, Priority
from onestory.needs.rules import financial_year, quarter_label, quarter_of
from tests.conftest import sign_in
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def this_year() -> int:
    return financial_year(timezone.localdate())


def referrals(count):
    for _ in range(count):
        submit_referral(
            channel=Channel.PHONE,
            source="self",
            given_name="Jo",
            phone="07700 900123",
            safe_to_call=True,
        )


def build_plan(client, world):
    sign_in(client, world.commissioner)
    assert client.post("/needs/plan/priorities/new/", {"title": "Prevention"}).status_code == 302
    priority = Priority.objects.get()
    response = client.post(
        f"/needs/plan/priorities/{priority.pk}/objectives/new/",
        {
            "title": "More people reach the front door",
            "figure": "front_door_referrals",
            "baseline": "10",
            "baseline_year": str(this_year() - 1),
            "target": "20",
            "target_year": str(this_year() + 1),
        },
    )
    assert response.status_code == 302
    return priority, Objective.objects.get()


def test_a_live_figure_suggests_the_rating(client, world):
    priority, _ = build_plan(client, world)
    assert priority.agency == world.council
    indicator = Indicator.objects.get()
    assert (indicator.baseline, indicator.target) == (10, 20)
    referrals(3)
    page = client.get("/needs/plan/").content.decode()
    # 3 referrals in the last twelve months, below the baseline of 10: the wrong way.
    assert '<strong class="indicator-current">3</strong>' in page
    assert 'indicator-rag">Red<' in page
    referrals(17)
    page = client.get("/needs/plan/").content.decode()
    # 20: the target is met.
    assert '<strong class="indicator-current">20</strong>' in page
    assert 'indicator-rag">Green<' in page


def test_an_action_and_its_quarterly_update(client, world):
    _, objective = build_plan(client, world)
    response = client.post(
        f"/needs/plan/objectives/{objective.pk}/actions/new/",
        {
            "description": "Train every GP practice",
            "owner": world.agency.pk,
            "due_on_day": "31",
            "due_on_month": "3",
            "due_on_year": str(this_year() + 2),
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert action.owner == world.agency
    quarter = quarter_of(timezone.localdate())
    update = {"quarter": quarter, "text": "Twelve practices trained", "status": "in_progress"}
    response = client.post(f"/needs/plan/actions/{action.pk}/update/", {**update, "rag": "amber"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.rag) == ("in_progress", "amber")
    page = client.get("/needs/plan/").content.decode()
    assert "Train every GP practice" in page
    assert f"{quarter_label(quarter)}: Twelve practices trained" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="needs.planaction", object_id=str(action.pk)
    ).exists()

    # The board's workbook: one row for the action, with the objective's live figure.
    response = client.get("/needs/plan.xlsx")
    sheet = load_workbook(BytesIO(response.content))["Delivery plan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == (
        "Prevention",
        "More people reach the front door",
        "Referrals to the front door",
        0,
    )
    assert rows[1][6] == "Red"
    assert rows[1][7:9] == ("Train every GP practice", world.agency.name)
    assert rows[1][12] == f"{quarter_label(quarter)}: Twelve practices trained"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, reason="delivery plan").exists()


@pytest.mark.parametrize(
    ("quarter", "message"),
    [("next", "must not be in the future"), ("Q1 2026", "like 2026Q1")],
)
def test_a_bad_quarter_saves_nothing(client, world, quarter, message):
    if quarter == "next":
        quarter = quarter_of(timezone.localdate() + timedelta(days=92))
    _, objective = build_plan(client, world)
    client.post(
        f"/needs/plan/objectives/{objective.pk}/actions/new/",
        {
            "description": "A",
            "owner": world.agency.pk,
            "due_on_day": "1",
            "due_on_month": "1",
            "due_on_year": str(this_year() + 2),
        },
    )
    action = PlanAction.objects.get()
    response = client.post(
        f"/needs/plan/actions/{action.pk}/update/",
        {"quarter": quarter, "text": "x", "status": "done", "rag": "green"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ActionUpdate.objects.exists()


def test_a_live_figure_needs_its_baseline_and_target(client, world):
    sign_in(client, world.commissioner)
    client.post("/needs/plan/priorities/new/", {"title": "Prevention"})
    priority = Priority.objects.get()
    response = client.post(
        f"/needs/plan/priorities/{priority.pk}/objectives/new/",
        {
            "title": "X",
            "figure": "marac_referrals",
            "baseline_year": str(this_year()),
            "target_year": str(this_year() - 1),
        },
    )
    page = response.content.decode()
    assert "Enter the baseline for the live figure" in page
    assert "Enter the target for the live figure" in page
    assert "The target&#x27;s year must come after the baseline&#x27;s" in page
    assert not Objective.objects.exists()


def test_another_councils_commissioner_is_told_not_found(client, world):
    priority, _ = build_plan(client, world)
    elsewhere = AgencyFactory(name="Southvale Council", kind=AgencyKind.COMMISSIONER)
    other = UserFactory(username="southvale", agency=elsewhere, role=RoleName.COMMISSIONER)
    sign_in(client, other)
    response = client.get(f"/needs/plan/priorities/{priority.pk}/objectives/new/")
    assert response.status_code == 404
    assert "Prevention" not in client.get("/needs/plan/").content.decode()
    assert AuditEvent.objects.filter(actor_id=other.pk, action=AuditAction.REFUSED).exists()


def test_an_indicator_can_follow_a_figure_of_the_statutory_return(client, world):
    from tests.factories import AreaFactory, SchemeFactory, UnitFactory

    refuge = AgencyFactory(name="Oak Lodge Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    # In the partnership's own district, so the return counts it as commissioned.
    district = AreaFactory(code="E07000998", name="Northtown", level="district")
    scheme = SchemeFactory(agency=refuge, name="Oak Lodge", scheme_type="refuge", area=district)
    for name in ("Room 1", "Room 2"):
        UnitFactory(scheme=scheme, name=name)
    sign_in(client, world.commissioner)
    client.post("/needs/plan/priorities/new/", {"title": "Safe accommodation"})
    priority = Priority.objects.get()
    form = client.get(f"/needs/plan/priorities/{priority.pk}/objectives/new/").content.decode()
    assert '<optgroup label="The statutory return, this financial year so far">' in form
    client.post(
        f"/needs/plan/priorities/{priority.pk}/objectives/new/",
        {
            "title": "More refuge rooms",
            "figure": "return.availability.refuge.units",
            "baseline": "1",
            "baseline_year": str(this_year() - 1),
            "target": "4",
            "target_year": str(this_year() + 1),
        },
    )
    assert Indicator.objects.get().figure == "return.availability.refuge.units"
    page = client.get("/needs/plan/").content.decode()
    assert "Return 1.1: Refuge: units (this financial year so far)" in page
    assert '<strong class="indicator-current">2</strong>' in page


def test_the_annual_report_carries_the_plan_the_return_and_the_board(client, world):
    build_plan(client, world)
    referrals(3)
    year = this_year()
    page = client.get("/needs/plan/").content.decode()
    assert f"/needs/annual-report.xlsx?year={year}" in page
    response = client.get("/needs/annual-report.xlsx", {"year": year})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Delivery plan", "Statutory return", "Board figures"]
    plan_rows = list(book["Delivery plan"].iter_rows(values_only=True))
    assert plan_rows[0][0].startswith("Delivery plan, figures as at ")
    assert plan_rows[3][:4] == (
        "Prevention",
        "More people reach the front door",
        "Referrals to the front door",
        3,
    )
    returned = list(book["Statutory return"].iter_rows(values_only=True))
    assert ("1.1", "Refuge: units", "fewer than 5") in returned  # as the return publishes it
    board = list(book["Board figures"].iter_rows(values_only=True))
    # The year has begun (June): its first quarter, April to June, is reported on.
    assert board[0][:2] == ("Figure", "April to June " + str(year))
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, reason=f"annual report {year}-{(year + 1) % 100:02d}"
    ).exists()
    # A year the report cannot be made for is refused with a message, not a file.
    refused = client.get("/needs/annual-report.xlsx", {"year": year + 1})
    assert refused.status_code == 400
    assert "Select one of the last five years" in refused.content.decode()
