"""Who may manage schemes and see where they are: the one place views fetch them from.

- A scheme is managed by the agency that runs it: its staff whose role may work on cases
  add and change schemes and units and take units out of use.
- Where a scheme is (``models.LOCATION_FIELDS``) is seen only by the running agency's
  staff who may see location-secret details, and never by a perpetrator service
  (``access.policy.may_hold_location_secrets``). Everyone else sees the town or district.
- The vacancy board is for professionals: staff whose role may view persons, at an agency
  that is not a perpetrator service (whose workers must never learn where a victim may
  be). The public, commissioners and perpetrator services never see it. Staff who take
  referrals list places found out of area; only their agency removes them.
- Anyone else asking for a scheme or unit gets 404, and the refusal is audited, so a
  scheme's existence does not leak.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from onestory import audit
from onestory.access.policy import may_hold_location_secrets
from onestory.accommodation.models import ListedVacancy, Scheme, Unit
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction


def may_manage(user) -> bool:
    """Whether ``user``'s role may manage their own agency's schemes."""
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.WORK_CASES)
    )


def may_see_location(user, scheme: Scheme) -> bool:
    """Whether ``user`` may read where ``scheme`` is: its running agency's staff only."""
    return scheme.agency_id == getattr(user, "agency_id", None) and may_hold_location_secrets(user)


def may_use_board(user) -> bool:
    """Whether ``user`` may see the vacancy board (never the public, never a perpetrator
    service)."""
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.VIEW_PERSON)
        and user.agency.kind != AgencyKind.PERPETRATOR_SERVICE
    )


def may_list_vacancies(user) -> bool:
    return may_use_board(user) and user.has_permission(Permission.TAKE_REFERRAL)


def require_board(request: HttpRequest) -> None:
    """404 (audited) for anyone who may not see the board, so it does not show it exists."""
    if not may_use_board(request.user):
        _refuse(request, "vacancy board")


def get_listed_vacancy_to_change(request: HttpRequest, listed_vacancy_id: int) -> ListedVacancy:
    listed = None
    if may_list_vacancies(request.user):
        listed = ListedVacancy.objects.filter(
            pk=listed_vacancy_id, listed_by_agency_id=request.user.agency_id, removed_at=None
        ).first()
    if listed is None:
        _refuse(request, f"listed vacancy {listed_vacancy_id}")
    return listed


def managed_schemes(user) -> QuerySet[Scheme]:
    if not may_manage(user):
        return Scheme.objects.none()
    return Scheme.objects.filter(agency_id=user.agency_id)


def _refuse(request: HttpRequest, what: str):
    audit.record(action=AuditAction.REFUSED, request=request, reason=f"{what} not visible")
    raise Http404("Not found")


def get_scheme_to_manage(request: HttpRequest, scheme_id: int) -> Scheme:
    scheme = managed_schemes(request.user).filter(pk=scheme_id).select_related("agency").first()
    if scheme is None:
        _refuse(request, f"scheme {scheme_id}")
    return scheme


def get_unit_to_manage(request: HttpRequest, unit_id: int) -> Unit:
    unit = (
        Unit.objects.filter(pk=unit_id, scheme__in=managed_schemes(request.user))
        .select_related("scheme__agency")
        .first()
    )
    if unit is None:
        _refuse(request, f"unit {unit_id}")
    return unit
