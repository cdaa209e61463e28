"""The Safe Start Fund: the year's budget, applications, approval by a team manager, and
payment. Each write takes keyword arguments and ``by=``, runs in one transaction, refuses
bad input with a ``ValidationError`` by field (saving nothing), and leaves an audit event.

A grant belongs to the agency that applied; its team managers (the role that may assign
work) approve or refuse it. A grant over the budget left for the year is refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.policy import grant_for
from onestory.accommodation import rules
from onestory.accommodation.choices import FundPurpose, GrantStatus
from onestory.accommodation.models import FundBudget, FundGrant
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.people.models import Person

SPENT = (GrantStatus.APPROVED, GrantStatus.PAID)


def budget_left(year_start: date) -> Decimal | None:
    """The budget less the grants approved in the year, or None when no budget is set."""
    budget = FundBudget.objects.filter(starts_on=year_start).first()
    if budget is None:
        return None
    year_end = date(year_start.year + 1, 3, 31)
    spent = FundGrant.objects.filter(
        status__in=SPENT, applied_on__gte=year_start, applied_on__lte=year_end
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return budget.amount - spent


def set_budget(
    *, starts_on: date, amount: Decimal, by, request: HttpRequest | None = None
) -> FundBudget:
    if not by.has_permission(Permission.MANAGE_REFERENCE_DATA):
        raise PermissionDenied("The fund's budget is set by a system administrator.")
    if amount is None or amount < 0:
        raise ValidationError({"amount": "Enter the budget in pounds, 0 or more"})
    starts_on = rules.financial_year_start(starts_on)
    with transaction.atomic():
        budget, _ = FundBudget.objects.update_or_create(
            starts_on=starts_on, defaults={"amount": amount, "set_by": by, "set_at": timezone.now()}
        )
        audit.record(
            action=AuditAction.UPDATE, by=by, request=request, obj=budget, fields=["amount"]
        )
    return budget


def apply_for_grant(
    *,
    person: Person,
    amount: Decimal | None,
    purpose: str,
    purpose_details: str = "",
    by,
    request: HttpRequest | None = None,
) -> FundGrant:
    if not by.has_permission(Permission.TAKE_REFERRAL) or grant_for(by, person) is None:
        raise PermissionDenied("You may apply only for someone whose record you see.")
    problems = {}
    if amount is None or amount <= 0:
        problems["amount"] = "Enter the amount in pounds, more than 0"
    if purpose not in FundPurpose.values:
        problems["purpose"] = "Select what the grant is for"
    elif purpose == FundPurpose.OTHER and not purpose_details.strip():
        problems["purpose_details"] = "Say what the grant is for"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        grant = FundGrant.objects.create(
            person=person,
            agency_id=by.agency_id,
            applied_by=by,
            amount=amount,
            purpose=purpose,
            purpose_details=purpose_details.strip(),
        )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=grant,
            fields=["amount", "purpose", "purpose_details"],
        )
    return grant


def may_decide(user, grant: FundGrant) -> bool:
    return user.has_permission(Permission.ASSIGN_WORK) and user.agency_id == grant.agency_id


def decide_grant(
    *,
    grant: FundGrant,
    approve: bool,
    refusal_reason: str = "",
    by,
    request: HttpRequest | None = None,
) -> FundGrant:
    """Approve (within the budget left for the year of the application) or refuse."""
    if not may_decide(by, grant):
        raise PermissionDenied("A team manager of the applying agency decides a grant.")
    with transaction.atomic():
        # One approval at a time, so two cannot both fit in the same remaining budget.
        budget = FundBudget.objects.select_for_update().filter(
            starts_on=rules.financial_year_start(grant.applied_on)
        )
        list(budget)
        grant = FundGrant.objects.select_for_update().get(pk=grant.pk)
        if approve:
            problems = rules.approval_problems(
                status=grant.status,
                amount=grant.amount,
                remaining=budget_left(rules.financial_year_start(grant.applied_on)),
            )
        elif grant.status != GrantStatus.APPLIED:
            problems = {"decision": "This grant has already been decided"}
        elif not refusal_reason.strip():
            problems = {"refusal_reason": "Say why the grant is refused"}
        else:
            problems = {}
        if problems:
            raise ValidationError(problems)
        grant.status = GrantStatus.APPROVED if approve else GrantStatus.REFUSED
        grant.refusal_reason = "" if approve else refusal_reason.strip()
        grant.decided_by = by
        grant.decided_at = timezone.now()
        grant.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=grant,
            fields=["status", "refusal_reason"],
            reason="grant approved" if approve else "grant refused",
        )
    return grant


def record_payment(
    *, grant: FundGrant, paid_on: date | None, by, request: HttpRequest | None = None
) -> FundGrant:
    if by.agency_id != grant.agency_id or not by.has_permission(Permission.TAKE_REFERRAL):
        raise PermissionDenied("The applying agency records the payment.")
    problems = rules.payment_problems(
        status=grant.status,
        paid_on=paid_on,
        applied_on=grant.applied_on,
        today=timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        grant.status = GrantStatus.PAID
        grant.paid_on = paid_on
        grant.save(update_fields=["status", "paid_on"])
        audit.record(
            action=AuditAction.UPDATE, by=by, request=request, obj=grant, fields=["paid_on"]
        )
    return grant
