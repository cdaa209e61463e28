"""The lived-experience panel's pages and the "you said, we did" log, staff and public."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import may_see_location
from onestory.accounts.decorators import public_view, staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.voice import rules
from onestory.voice.access import (
    get_log_entry_for_user,
    get_member_for_user,
    log_entries,
    panel_members,
)
from onestory.voice.actions import panel
from onestory.voice.forms import ContributionForm, LogEntryForm, PanelMemberForm
from onestory.voice.models import LogEntry, PanelContribution


def _errors_onto(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


@staff_view(Permission.ASSIGN_WORK)
@require_GET
def panel_list(request: HttpRequest) -> HttpResponse:
    members = list(panel_members(request.user).annotate(taken_part=Count("contributions")))
    totals = PanelContribution.objects.filter(agency_id=request.user.agency_id).aggregate(
        hours=Sum("hours"), pence=Sum("voucher_pence"), count=Count("id")
    )
    audit.record(action=AuditAction.VIEW, request=request, reason="lived-experience panel")
    pence = totals["pence"] or 0
    return render(
        request,
        "voice/staff/panel.html",
        {
            "members": members,
            "hours": totals["hours"] or Decimal(0),
            "vouchers": f"£{pence // 100}.{pence % 100:02d}",
            "contributions": totals["count"],
        },
    )


@staff_view(Permission.ASSIGN_WORK)
@never_cache
@require_http_methods(["GET", "POST"])
def panel_join(request: HttpRequest) -> HttpResponse:
    form = PanelMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = panel.add_member(
                agency=request.user.agency, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, f"{member.name} has joined the panel.")
            return redirect("voice:panel-member", member.pk)
    return render(request, "voice/staff/panel_join.html", {"form": form})


@staff_view(Permission.ASSIGN_WORK)
@never_cache
@require_http_methods(["GET", "POST"])
def panel_member(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request, member_id)
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            panel.record_contribution(
                member=member,
                activity=form.cleaned_data["activity"],
                took_part_on=form.cleaned_data["took_part_on"],
                hours=form.cleaned_data["hours"],
                voucher_pence=int((form.cleaned_data["vouchers"] or 0) * 100),
                by=request.user,
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, "Recorded.")
            return redirect("voice:panel-member", member.pk)
    location = may_see_location(request.user, owner=True)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=member,
        fields=["name", *(rules.CONTACT_FIELDS if location else ())],
    )
    return render(
        request,
        "voice/staff/panel_member.html",
        {
            "member": member,
            "form": form,
            "may_see_contact": location,
            "contributions": list(member.contributions.all()),
        },
    )


@staff_view(Permission.ASSIGN_WORK)
@never_cache
@require_http_methods(["GET", "POST"])
def panel_withdraw(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request, member_id)
    if request.method == "POST":
        kept = panel.withdraw(member=member, by=request.user)
        messages.success(
            request,
            f"Their details have been deleted. {kept} contributions are kept, tied to nobody.",
        )
        return redirect("voice:panel")
    return render(request, "voice/staff/panel_withdraw.html", {"member": member})


@staff_view(Permission.VIEW_AGGREGATES)
@never_cache
@require_http_methods(["GET", "POST"])
def log(request: HttpRequest) -> HttpResponse:
    form = LogEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            panel.add_log_entry(agency=request.user.agency, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, "Added to the log.")
            return redirect("voice:log")
    entries = list(log_entries(request.user))
    return render(request, "voice/staff/log.html", {"entries": entries, "form": form})


@staff_view(Permission.VIEW_AGGREGATES)
@never_cache
@require_http_methods(["GET", "POST"])
def log_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_log_entry_for_user(request, entry_id)
    problem = ""
    if request.method == "POST":
        try:
            panel.publish_log_entry(entry=entry, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, "Published.")
            return redirect("voice:log")
    return render(request, "voice/staff/log_entry.html", {"entry": entry, "problem": problem})


@public_view
@require_GET
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    published = LogEntry.objects.filter(published_on__isnull=False).order_by("-published_on", "-id")
    return render(request, "voice/public/you_said_we_did.html", {"entries": list(published)})
