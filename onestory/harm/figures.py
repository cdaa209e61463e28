"""Figures for work with people who use harm, for any period: referrals by source, starts,
endings by kind and reason, the change in the service's risk level from intake to exit,
breaches, and how often a partner-support worker is linked and told. Aggregates only:
counts from 1 to 4 are shown as "fewer than 5", as in every published figure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from onestory.harm import rules
from onestory.harm.choices import EndReason, RiskStage, Source, Status
from onestory.harm.models import Breach, Intervention, PartnerAlert, RiskReview

SUPPRESS_BELOW = 5


def shown(count: int) -> str:
    return "fewer than 5" if 0 < count < SUPPRESS_BELOW else str(count)


@dataclass(frozen=True)
class Row:
    label: str
    count: int

    @property
    def shown(self) -> str:
        return shown(self.count)


@dataclass
class HarmFigures:
    start: date
    end: date
    referrals: list[Row] = field(default_factory=list)
    starts: int = 0
    endings: list[Row] = field(default_factory=list)
    drop_out_reasons: list[Row] = field(default_factory=list)
    risk_change: list[Row] = field(default_factory=list)
    breaches: int = 0
    started_with_partner_link: int = 0
    alerts: int = 0

    @property
    def referrals_total(self) -> int:
        return sum(row.count for row in self.referrals)

    @property
    def partner_link_rate(self) -> str:
        """The share of starts with a linked partner-support worker, hidden below 5."""
        if self.starts == 0 or 0 < self.started_with_partner_link < SUPPRESS_BELOW:
            return ""
        return f"{round(100 * self.started_with_partner_link / self.starts)}%"

    def as_dict(self) -> dict:
        def rows(items):
            return [{"label": row.label, "count": row.shown} for row in items]

        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "referrals": shown(self.referrals_total),
            "referrals_by_source": rows(self.referrals),
            "starts": shown(self.starts),
            "endings": rows(self.endings),
            "drop_out_and_removal_reasons": rows(self.drop_out_reasons),
            "risk_change_intake_to_exit": rows(self.risk_change),
            "breaches": shown(self.breaches),
            "partner_link_rate": self.partner_link_rate,
            "alerts_to_partner_support": shown(self.alerts),
        }


def figures(start: date, end: date) -> HarmFigures:
    """Every figure for the period from ``start`` to ``end`` (both included): six queries."""
    result = HarmFigures(start, end)
    received = Counter(
        Intervention.objects.filter(referred_on__range=(start, end)).values_list(
            "source", flat=True
        )
    )
    result.referrals = [Row(label, received[value]) for value, label in Source.choices]
    started = Intervention.objects.filter(started_on__range=(start, end))
    result.starts = started.count()
    result.started_with_partner_link = started.filter(partner_worker__isnull=False).count()
    ended = list(
        Intervention.objects.filter(ended_on__range=(start, end)).values_list(
            "pk", "status", "end_reason"
        )
    )
    by_status = Counter(status for _pk, status, _reason in ended)
    result.endings = [
        Row(Status(status).label, by_status[status])
        for status in (Status.COMPLETED, Status.DROPPED_OUT, Status.REMOVED)
    ]
    reasons = Counter(reason for _pk, status, reason in ended if status != Status.COMPLETED)
    result.drop_out_reasons = [
        Row(label, reasons[value])
        for value, label in EndReason.choices
        if value != EndReason.COMPLETED
    ]
    levels: dict[int, dict[str, str]] = {}
    reviews = RiskReview.objects.filter(
        intervention_id__in=[pk for pk, _s, _r in ended],
        stage__in=(RiskStage.INTAKE, RiskStage.EXIT),
    ).order_by("assessed_on", "id")
    for intervention_id, stage, level in reviews.values_list("intervention_id", "stage", "level"):
        levels.setdefault(intervention_id, {})[stage] = level
    changes = Counter(
        rules.risk_change(found.get(RiskStage.INTAKE), found.get(RiskStage.EXIT))
        for found in levels.values()
    )
    result.risk_change = [
        Row("Lower at exit", changes["down"]),
        Row("The same", changes["same"]),
        Row("Higher at exit", changes["up"]),
    ]
    result.breaches = Breach.objects.filter(occurred_on__range=(start, end)).count()
    result.alerts = PartnerAlert.objects.filter(occurred_on__range=(start, end)).count()
    return result
