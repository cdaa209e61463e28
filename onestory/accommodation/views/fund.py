"""The Safe Start Fund: applications, decisions, payments and the budget left."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import get_person_for_user
from onestory.accommodation import rules
from onestory.accommodation.access import get_fund_grant_for_user
from onestory.accommodation.actions import fund
from onestory.accommodation.choices import GrantStatus
from onestory.accommodation.forms import BudgetForm, DecisionForm, GrantForm, PaymentForm
from onestory.accommodation.models import FundGrant
from onestory.accommodation.views.manage import posted, show_errors
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction


@staff_view(Permission.ASSIGN_WORK)
@require_GET
def fund_page(request: HttpRequest) -> HttpResponse:
    year = rules.financial_year_start(timezone.localdate())
    grants = list(
        FundGrant.objects.filter(agency_id=request.user.agency_id).select_related("person")[:200]
    )
    audit.record(action=AuditAction.VIEW, request=request, reason=f"fund grants: {len(grants)}")
    context = {"year": year, "left": fund.budget_left(year), "grants": grants}
    return render(request, "accommodation/fund.html", context)


@staff_view(Permission.MANAGE_REFERENCE_DATA)
@require_http_methods(["GET", "POST"])
def set_budget(request: HttpRequest) -> HttpResponse:
    form = BudgetForm(posted(request), initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            budget = fund.set_budget(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Budget for the year from {budget.starts_on:%-d %B %Y} set")
            return redirect("accommodation:set_budget")
    context = {
        "form": form,
        "title": "Set the Safe Start Fund's budget",
        "submit": "Set the budget",
        "back": "home:home",
    }
    return render(request, "accommodation/form.html", context)


@staff_view(Permission.TAKE_REFERRAL)
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _grant = get_person_for_user(request, person_id)
    form = GrantForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            grant = fund.apply_for_grant(
                person=person, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Application sent for approval")
            return redirect("accommodation:fund_grant", grant.pk)
    context = {
        "form": form,
        "title": f"Apply to the Safe Start Fund for {person.display_name}",
        "submit": "Apply",
        "back_person": person,
    }
    return render(request, "accommodation/form.html", context)


@staff_view(Permission.TAKE_REFERRAL)
@require_http_methods(["GET", "POST"])
def grant_detail(request: HttpRequest, fund_grant_id: int) -> HttpResponse:
    grant = get_fund_grant_for_user(request, fund_grant_id)
    deciding = fund.may_decide(request.user, grant) and grant.status == GrantStatus.APPLIED
    paying = grant.status == GrantStatus.APPROVED
    form = None
    if deciding:
        form = DecisionForm(posted(request))
    elif paying:
        form = PaymentForm(posted(request), initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if deciding:
                fund.decide_grant(
                    grant=grant,
                    approve=data["decision"] == "approve",
                    refusal_reason=data["refusal_reason"],
                    by=request.user,
                    request=request,
                )
            else:
                fund.record_payment(
                    grant=grant, paid_on=data["paid_on"], by=request.user, request=request
                )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Saved")
            return redirect("accommodation:fund_grant", grant.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=grant,
        fields=["amount", "purpose", "purpose_details", "status"],
    )
    year = rules.financial_year_start(grant.applied_on)
    context = {
        "grant": grant,
        "form": form,
        "deciding": deciding,
        "left": fund.budget_left(year),
    }
    return render(request, "accommodation/fund_grant.html", context)
