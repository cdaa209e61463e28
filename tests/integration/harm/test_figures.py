"""Figures for work with people who use harm, counted from what was recorded."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from onestory.harm import actions
from onestory.harm.choices import EndReason, OrderKind, RiskLevel, Source, Status
from onestory.harm.figures import figures
from onestory.marac.quarterly import quarter_of
from onestory.returns import board
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.integration.harm.conftest import referred, started

pytestmark = pytest.mark.django_db


def test_the_figures_count_the_period(harm):
    today = timezone.localdate()
    for _ in range(5):
        started(harm)  # police referrals, linked to the IDVA, medium risk at intake
    referred(harm, source=Source.SELF)
    unlinked = started(harm, partner=False)
    removed = started(harm)
    actions.end_intervention(
        by=harm.worker,
        intervention=removed,
        ending=Status.REMOVED,
        reason=EndReason.FURTHER_ABUSE,
        ended_on=today,
        exit_level=RiskLevel.HIGH,
    )
    order = actions.record_order(
        by=harm.worker,
        person=unlinked.person,
        kind=OrderKind.BAIL,
        starts_on=today - timedelta(days=3),
    )
    actions.record_breach(by=harm.worker, order=order, occurred_on=today)

    found = figures(today - timedelta(days=30), today)
    assert found.referrals_total == 8
    assert {row.label: row.count for row in found.referrals}["Police"] == 7
    assert found.starts == 7
    assert found.started_with_partner_link == 6
    assert found.partner_link_rate == "86%"
    assert {row.label: row.count for row in found.endings}["Removed from the programme"] == 1
    assert {row.label: row.count for row in found.risk_change}["Higher at exit"] == 1
    assert found.breaches == 1
    assert found.as_dict()["breaches"] == "fewer than 5"
    # A removal and its risk rise alerted the IDVA; the breach had no linked worker to tell.
    assert found.alerts == 2

    empty = figures(date(2025, 1, 1), date(2025, 1, 31))
    assert empty.referrals_total == 0
    assert empty.partner_link_rate == ""


def test_the_boards_report_counts_the_quarters_work_with_people_who_use_harm(harm):
    today = timezone.localdate()
    for _ in range(6):
        started(harm)
    referred(harm, source=Source.SELF)
    for ending, reason, level in (
        (Status.DROPPED_OUT, EndReason.STOPPED_ATTENDING, RiskLevel.MEDIUM),
        (Status.REMOVED, EndReason.FURTHER_ABUSE, RiskLevel.HIGH),
    ):
        actions.end_intervention(
            by=harm.worker,
            intervention=started(harm),
            ending=ending,
            reason=reason,
            ended_on=today,
            exit_level=level,
        )

    report = board.build(quarter_of(today))
    tables = {table.key: {row.label: row.shown for row in table.rows} for table in report.tables}
    assert tables["harm"] == {
        "Referrals received": "9",
        "Interventions started": "8",
        "Starts with a partner-support worker linked": "100%",
        # The removal and the risk rising at exit told the victim's worker.
        "Risk alerts sent to partner-support workers": "fewer than 5",
        "Breaches of orders recorded": "0",
    }
    assert tables["harm_endings"] == {
        "Completed": "0",
        "Dropped out": "fewer than 5",
        "Removed from the programme": "fewer than 5",
    }
    assert tables["harm_risk"] == {
        "Lower at exit": "0",
        "The same": "fewer than 5",
        "Higher at exit": "fewer than 5",
    }
    # The quarter before saw none of it.
    earlier = board.build(quarter_of(today).previous())
    rows = next(table for table in earlier.tables if table.key == "harm").rows
    assert {row.label: row.shown for row in rows}["Interventions started"] == "0"
    assert rows[2].shown == "none started"


def test_the_figures_page_for_a_commissioner(harm):
    commissioner = UserFactory(agency=harm.csc, role="commissioner")
    started(harm)
    page = sign_in(Client(), commissioner).get("/harm/figures/")
    assert page.status_code == 200
    assert "Referrals received" in page.content.decode()
    bad = sign_in(Client(), commissioner).get("/harm/figures/?start=2026-06-10&end=2026-06-01")
    assert "The last day must be on or after the first day" in bad.content.decode()


def test_the_figures_api(harm):
    from onestory.accounts.tokens.actions import issue_token

    commissioner = UserFactory(agency=harm.csc, role="commissioner")
    started(harm)
    api = sign_in(Client(), commissioner)  # signed in, two-step verification done
    today = timezone.localdate()
    period = f"start={today - timedelta(days=70)}&end={today}"
    backwards = f"start={today}&end={today - timedelta(days=70)}"
    answer = api.get(f"/api/v1/harm/figures?{period}")
    assert answer.status_code == 200
    assert answer.json()["starts"] == "fewer than 5"
    assert answer.json()["referrals_by_source"][2] == {"label": "Police", "count": "fewer than 5"}
    assert api.get(f"/api/v1/harm/figures?{backwards}").status_code == 400
    _token, worker_token = issue_token(user=harm.worker, name="Mine", by=harm.worker)
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {worker_token}").get(
        f"/api/v1/harm/figures?{period}"
    )
    assert refused.status_code == 403
