"""Reads for case pages and caseloads, always through ``onestory.cases.access``.

Each page's reads are a fixed handful of queries, whatever the size of the case, so the
case page and the caseloads stay quick (their tests bound the number of queries).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from onestory.access.policy import visible_persons
from onestory.accounts.roles import Permission
from onestory.cases import access
from onestory.cases.access import CaseGrant
from onestory.cases.choices import CONTACT_KINDS, CaseStatus, NoteKind, OutcomeStage
from onestory.cases.models import (
    Case,
    CaseNote,
    Goal,
    NeedsAssessment,
    OutcomeRecord,
    PlanAction,
)
from onestory.cases.outcomes import AbuseChange, OutcomeChange, abuse_changes, outcome_changes
from onestory.cases.rules import FirstContact, describe_duration
from onestory.risk.models import RiskAssessment

NOTES_ON_CASE_PAGE = 10


def latest_risk_level():
    return Subquery(
        RiskAssessment.objects.scored()
        .filter(person=OuterRef("person"))
        .order_by("-assessed_at", "-id")
        .values("risk_level")[:1]
    )


def last_contact():
    return Subquery(
        CaseNote.objects.filter(case=OuterRef("pk"), kind=NoteKind.CONTACT)
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )


def overdue_actions(today):
    counted = (
        PlanAction.objects.filter(goal__case=OuterRef("pk"), done_at__isnull=True, due_on__lt=today)
        .order_by()
        .values("goal__case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _first_attempt():
    return Subquery(
        CaseNote.objects.filter(case=OuterRef("pk"), kind__in=sorted(CONTACT_KINDS))
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )


def _attempts_before_contact():
    counted = (
        CaseNote.objects.filter(case=OuterRef("pk"), kind=NoteKind.ATTEMPTED_CONTACT)
        .filter(Q(occurred_at__lt=OuterRef("first_contact_at")) | Q(case__first_contact_at=None))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@dataclass
class OutcomeComparison:
    """The first ratings against the last (exit, or the latest review so far)."""

    first: OutcomeRecord
    last: OutcomeRecord
    final: bool
    changes: list[OutcomeChange] = field(default_factory=list)
    abuse: list[AbuseChange] = field(default_factory=list)


def compare_outcomes(records: list[OutcomeRecord]) -> OutcomeComparison | None:
    """Intake (or the earliest) against exit (or the latest), when there are two to compare."""
    if len(records) < 2:
        return None
    first = next((r for r in records if r.stage == OutcomeStage.INTAKE), records[0])
    last = next((r for r in records if r.stage == OutcomeStage.EXIT), records[-1])
    if first.pk == last.pk:
        return None
    return OutcomeComparison(
        first=first,
        last=last,
        final=last.stage == OutcomeStage.EXIT,
        changes=outcome_changes(first.scores(), last.scores()),
        abuse=abuse_changes(first.abuse(), last.abuse()),
    )


@dataclass
class CasePage:
    case: Case
    grant: CaseGrant
    workers: list
    first_contact: FirstContact
    risk_level: str | None
    needs: NeedsAssessment | None
    goals: list[Goal]
    notes: list[CaseNote]
    more_notes: bool
    documents: list
    outcomes: list[OutcomeRecord]
    comparison: OutcomeComparison | None

    may_assign: bool = False

    @property
    def first_contact_after(self) -> str:
        return describe_duration(self.first_contact.time_to_first_contact)

    @property
    def first_attempt_after(self) -> str:
        return describe_duration(self.first_contact.time_to_first_attempt)

    @property
    def overdue_count(self) -> int:
        today = timezone.localdate()
        return sum(
            1 for goal in self.goals for action in goal.actions.all() if action.is_overdue(today)
        )


def case_page(user, case: Case, grant: CaseGrant) -> CasePage:
    facts = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            risk_level=latest_risk_level(),
            first_attempt_at=_first_attempt(),
            attempts_before=_attempts_before_contact(),
        )
        .values("risk_level", "first_attempt_at", "attempts_before")
        .get()
    )
    notes = list(
        access.visible_notes(user, case).select_related("written_by")[: NOTES_ON_CASE_PAGE + 1]
    )
    outcomes = list(case.outcomes.select_related("recorded_by"))
    return CasePage(
        case=case,
        grant=grant,
        workers=list(case.workers.order_by("first_name", "last_name")),
        first_contact=FirstContact(
            opened_at=case.opened_at,
            first_attempt_at=facts["first_attempt_at"],
            first_contact_at=case.first_contact_at,
            attempts_before_contact=facts["attempts_before"],
        ),
        risk_level=facts["risk_level"],
        needs=case.needs.select_related("assessed_by", "onward_referral__from_agency").first(),
        goals=list(
            case.goals.prefetch_related(
                Prefetch("actions", queryset=PlanAction.objects.select_related("owner_worker"))
            )
        ),
        notes=notes[:NOTES_ON_CASE_PAGE],
        more_notes=len(notes) > NOTES_ON_CASE_PAGE,
        documents=list(access.visible_documents(user, case).select_related("uploaded_by")),
        outcomes=outcomes,
        comparison=compare_outcomes(outcomes),
        may_assign=grant.may_work and user.has_permission(Permission.ASSIGN_WORK),
    )


# Caseloads -----------------------------------------------------------------------------


def open_cases_of_agency(user) -> QuerySet[Case]:
    """The user's agency's open and active cases, with what a caseload shows."""
    return (
        Case.objects.filter(agency_id=user.agency_id)
        .exclude(status=CaseStatus.CLOSED)
        .filter(person__in=visible_persons(user))
        .select_related("person", "lead_worker")
        .annotate(
            risk_level=latest_risk_level(),
            last_contact_at=last_contact(),
            overdue=overdue_actions(timezone.localdate()),
        )
        .order_by("opened_at", "id")
    )


def caseload_of(user, worker) -> QuerySet[Case]:
    """Open cases that ``worker`` leads or works on, as ``user`` may see them."""
    works_on = Case.workers.through.objects.filter(user=worker).values("case_id")
    return open_cases_of_agency(user).filter(Q(lead_worker=worker) | Q(pk__in=works_on))
