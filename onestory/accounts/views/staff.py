"""Staff accounts, managed in the service: team managers look after their own agency's
staff, system administrators any agency's. Accounts are switched off, never deleted.

Every account is fetched through ``manageable_staff``; anyone else's gets 404 (audited),
so a manager cannot learn which accounts exist elsewhere.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory import audit
from onestory.accounts import actions, rules
from onestory.accounts.actions import AccountChangeRefused
from onestory.accounts.decorators import StaffRequest, staff_view
from onestory.accounts.forms import AddStaffForm, AgencyFilterForm, RoleForm, TemporaryPasswordForm
from onestory.accounts.models import User
from onestory.accounts.roles import Permission, RoleName
from onestory.audit.models import AuditAction

PAGE_SIZE = 100

manages_accounts = staff_view(Permission.MANAGE_TEAM_ACCOUNTS, Permission.MANAGE_ALL_ACCOUNTS)


def manageable_staff(user) -> QuerySet[User]:
    """The accounts ``user`` may manage; the same answer as ``rules.may_manage``."""
    staff = User.objects.filter(is_superuser=False)
    if rules.manages_all_agencies(user):
        return staff
    if user.has_permission(Permission.MANAGE_TEAM_ACCOUNTS) and user.agency_id is not None:
        return staff.filter(agency_id=user.agency_id).exclude(role=RoleName.SYSTEM_ADMINISTRATOR)
    return staff.none()


def _with_two_step(staff: QuerySet[User]) -> QuerySet[User]:
    devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return staff.select_related("agency").annotate(has_two_step=Exists(devices))


def get_account_for_manager(request: StaffRequest, user_id: int) -> User:
    """One account the signed-in manager may manage, or 404 (and the refusal is audited)."""
    account = _with_two_step(manageable_staff(request.user)).filter(pk=user_id).first()
    if account is None:
        audit.record(
            action=AuditAction.REFUSED,
            request=request,
            reason=f"staff account {user_id} not manageable",
        )
        raise Http404("No account found")
    return account


def _refused(form, error: AccountChangeRefused) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@manages_accounts
@require_GET
def staff_list(request: StaffRequest) -> HttpResponse:
    staff = _with_two_step(manageable_staff(request.user)).order_by(
        "last_name", "first_name", "username"
    )
    filter_form = None
    if rules.manages_all_agencies(request.user):
        filter_form = AgencyFilterForm(request.GET or None)
        if filter_form.is_valid() and filter_form.cleaned_data["agency"]:
            staff = staff.filter(agency=filter_form.cleaned_data["agency"])
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))

    def page_url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    context = {
        "page": page,
        "filter_form": filter_form,
        "all_agencies": rules.manages_all_agencies(request.user),
        "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": page_url(page.next_page_number()) if page.has_next() else "",
    }
    return render(request, "accounts/staff_list.html", context)


@manages_accounts
@require_http_methods(["GET", "POST"])
def add_staff(request: StaffRequest) -> HttpResponse:
    form = AddStaffForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = actions.add_staff_account(
                by=request.user,
                agency=form.chosen_agency(),
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                job_title=data["job_title"],
                role=data["role"],
                password=data["password"],
                request=request,
            )
        except AccountChangeRefused as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                f"Account added for {account.get_full_name()}. They set up two-step "
                "verification the first time they sign in.",
            )
            return redirect("accounts:staff-account", user_id=account.pk)
    return render(request, "accounts/staff_add.html", {"form": form})


@manages_accounts
@require_GET
def staff_account(request: StaffRequest, user_id: int) -> HttpResponse:
    account = get_account_for_manager(request, user_id)
    context = {"account": account, "is_self": account.pk == request.user.pk}
    return render(request, "accounts/staff_account.html", context)


@manages_accounts
@require_http_methods(["GET", "POST"])
def change_role(request: StaffRequest, user_id: int) -> HttpResponse:
    account = get_account_for_manager(request, user_id)
    form = RoleForm(request.POST or None, by=request.user, initial={"role": account.role})
    problem = None
    if account.pk == request.user.pk:
        problem = rules.NOT_YOUR_OWN_ROLE
    elif request.method == "POST" and form.is_valid():
        try:
            actions.change_role(
                by=request.user, account=account, role=form.cleaned_data["role"], request=request
            )
        except AccountChangeRefused as error:
            _refused(form, error)
        else:
            messages.success(request, f"{account}'s role is now {account.get_role_display()}.")
            return redirect("accounts:staff-account", user_id=account.pk)
    context = {"account": account, "form": form, "problem": problem}
    return render(request, "accounts/staff_role.html", context)


@manages_accounts
@require_http_methods(["GET", "POST"])
def switch_account(request: StaffRequest, user_id: int) -> HttpResponse:
    """Switch an account off, or back on: one page that offers whichever is possible."""
    account = get_account_for_manager(request, user_id)
    problem = (
        rules.switch_off_problem(by=request.user, account=account) if account.is_active else None
    )
    if request.method == "POST" and problem is None:
        change = actions.switch_off if account.is_active else actions.switch_on
        change(by=request.user, account=account, request=request)
        state = "on" if account.is_active else "off"
        messages.success(request, f"{account}'s account is switched {state}.")
        return redirect("accounts:staff-account", user_id=account.pk)
    status = 400 if request.method == "POST" else 200
    context = {"account": account, "problem": problem}
    return render(request, "accounts/staff_switch.html", context, status=status)


@manages_accounts
@require_http_methods(["GET", "POST"])
def reset_two_step(request: StaffRequest, user_id: int) -> HttpResponse:
    account = get_account_for_manager(request, user_id)
    if request.method == "POST":
        actions.reset_two_step(by=request.user, account=account, request=request)
        messages.success(
            request,
            f"Two-step verification is reset for {account}. They set it up again the next "
            "time they sign in.",
        )
        return redirect("accounts:staff-account", user_id=account.pk)
    return render(request, "accounts/staff_two_step.html", {"account": account})


@manages_accounts
@require_http_methods(["GET", "POST"])
def temporary_password(request: StaffRequest, user_id: int) -> HttpResponse:
    account = get_account_for_manager(request, user_id)
    form = TemporaryPasswordForm(request.POST or None, account=account)
    problem = None
    if account.pk == request.user.pk:
        problem = "You cannot set your own password here. Ask another manager to do it."
    elif request.method == "POST" and form.is_valid():
        try:
            actions.set_temporary_password(
                by=request.user,
                account=account,
                password=form.cleaned_data["password"],
                request=request,
            )
        except AccountChangeRefused as error:
            _refused(form, error)
        else:
            messages.success(request, f"A temporary password is set for {account}.")
            return redirect("accounts:staff-account", user_id=account.pk)
    context = {"account": account, "form": form, "problem": problem}
    return render(request, "accounts/staff_password.html", context)
