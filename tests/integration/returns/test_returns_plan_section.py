"""The delivery plan's figures in the board report: added by the needs app through the
report's section hook, shown to the staff of the agency that keeps the plan only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from onestory.marac.quarterly import Quarter
from onestory.needs import actions
from onestory.returns import board
from tests.factories import ReferralFactory
from tests.integration.returns.world import at

pytestmark = pytest.mark.django_db

Q = Quarter(2025, 2)  # April to June 2025: the financial quarter 2025Q1


@pytest.fixture
def plan(world):
    by = world.commissioner
    with at(date(2025, 3, 1)):
        priority = actions.add_priority(title="Victims and survivors", by=by)
        objective = actions.add_objective(
            priority=priority,
            title="Reach more people early",
            figure="front_door_referrals",
            baseline=Decimal(10),
            target=Decimal(20),
            baseline_year=2024,
            target_year=2025,
            by=by,
        )
        red = actions.add_action(
            objective=objective, description="Train GPs", owner=world.council, due_on=Q.end, by=by
        )
        green = actions.add_action(
            objective=objective, description="Leaflets", owner=world.council, due_on=Q.end, by=by
        )
        actions.add_action(
            objective=objective, description="Posters", owner=world.council, due_on=Q.end, by=by
        )
    actions.record_update(
        action=red, quarter="2025Q1", text="Not begun", status="not_started", rag="red", by=by
    )
    actions.record_update(
        action=green, quarter="2025Q1", text="Done", status="done", rag="green", by=by
    )
    actions.record_update(  # another quarter's word does not count for this one
        action=red, quarter="2024Q4", text="Planned", status="not_started", rag="green", by=by
    )
    for month in (1, 2, 3):  # three referrals in the twelve months to 30 June 2025
        ReferralFactory(received_at=f"2025-0{month}-10T10:00:00+00:00")
    ReferralFactory(received_at="2025-07-01T10:00:00+00:00")  # after the quarter


def _tables(report):
    return {t.key: {row.label: row.shown for row in t.rows} for t in report.tables}


def test_the_plan_keepers_see_their_plan_in_the_report(world, plan):
    tables = _tables(board.build(Q, agency_id=world.council.pk))
    # 3 against a baseline of 10 rising to 20: it moved the wrong way, so red.
    assert tables["plan_indicators"] == {
        "Reach more people early: Referrals to the front door (from 10 in 2024 to 20 by 2025)": (
            "3, Red"
        )
    }
    assert tables["plan_actions"] == {
        "Red": "1",
        "Amber": "0",
        "Green": "1",
        "No update for the quarter": "1",
    }


def test_anyone_else_and_the_command_get_no_plan(world, plan):
    for agency_id in (world.agency.pk, None):
        keys = {t.key for t in board.build(Q, agency_id=agency_id).tables}
        assert not keys & {"plan_indicators", "plan_actions"}


def test_the_dashboard_shows_the_plan_to_its_keepers(world, plan, as_user):
    page = as_user(world.commissioner).get("/returns/board/", {"quarter": Q.code})
    assert "Delivery plan: actions by their rating for the quarter" in page.content.decode()
    other = as_user(world.manager).get("/returns/board/", {"quarter": Q.code})
    assert "Delivery plan" not in other.content.decode()
