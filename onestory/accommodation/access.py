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
- A placement request is seen by the agency that made it, while its staff may see the
  person (``access.policy``), and by the agencies running the schemes it asked, whose
  staff may manage schemes: they see the household and its needs, and only the asks to
  their own schemes. The survivor's answer to an offer is recorded by the requesting
  agency's staff who take referrals; a scheme's answer by its own staff.
- Anyone else asking for a scheme or unit gets 404, and the refusal is audited, so a
  scheme's existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from onestory import audit
from onestory.access.policy import grant_for, may_hold_location_secrets, visible_persons
from onestory.accommodation.models import (
    FundGrant,
    ListedVacancy,
    PlacementAsk,
    PlacementRequest,
    SanctuaryInstall,
    Scheme,
    Stay,
    Unit,
)
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
            pk=listed_vacancy_id, listed_by_agency_id=request.user.agency_id
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


@dataclass(frozen=True)
class PlacementSides:
    """How one user stands to one placement request."""

    requester: bool  # their agency asked, and they may see the person
    may_decide: bool  # they record the survivor's answers
    responding_scheme_ids: frozenset[int]  # the asked schemes their agency runs

    def sees_ask(self, ask: PlacementAsk) -> bool:
        return self.requester or ask.scheme_id in self.responding_scheme_ids


def placement_sides(user, placement: PlacementRequest) -> PlacementSides:
    requester = (
        user.is_authenticated
        and placement.agency_id == user.agency_id
        and grant_for(user, placement.person) is not None
    )
    responding = frozenset()
    if may_manage(user):
        responding = frozenset(
            placement.asks.filter(scheme__agency_id=user.agency_id).values_list(
                "scheme_id", flat=True
            )
        )
    return PlacementSides(
        requester=requester,
        may_decide=requester and user.has_permission(Permission.TAKE_REFERRAL),
        responding_scheme_ids=responding,
    )


def get_placement_for_user(
    request: HttpRequest, placement_request_id: int
) -> tuple[PlacementRequest, PlacementSides]:
    placement = (
        PlacementRequest.objects.filter(pk=placement_request_id)
        .select_related("person", "agency", "requested_by")
        .first()
    )
    sides = placement_sides(request.user, placement) if placement is not None else None
    if sides is None or not (sides.requester or sides.responding_scheme_ids):
        _refuse(request, f"placement request {placement_request_id}")
    return placement, sides


def get_ask_for_user(
    request: HttpRequest, placement_ask_id: int
) -> tuple[PlacementAsk, PlacementSides]:
    ask = (
        PlacementAsk.objects.filter(pk=placement_ask_id)
        .select_related("request__person", "request__agency", "scheme__agency", "unit")
        .first()
    )
    sides = placement_sides(request.user, ask.request) if ask is not None else None
    if sides is None or not sides.sees_ask(ask):
        _refuse(request, f"placement ask {placement_ask_id}")
    return ask, sides


def placements_for(user):
    """The requests ``user``'s agency made (of persons they may see) or was asked about."""
    if not user.is_authenticated or user.agency_id is None:
        return PlacementRequest.objects.none()
    condition = Q(pk__in=[])
    if user.has_permission(Permission.VIEW_PERSON):
        condition |= Q(agency_id=user.agency_id, person__in=visible_persons(user))
    if may_manage(user):
        condition |= Q(asks__scheme__agency_id=user.agency_id)
    return PlacementRequest.objects.filter(condition).distinct()


def get_stay_to_manage(request: HttpRequest, stay_id: int) -> Stay:
    """A stay in a scheme the user's agency runs (its staff may manage), or 404 (audited)."""
    stay = (
        Stay.objects.filter(pk=stay_id, unit__scheme__in=managed_schemes(request.user))
        .select_related("unit__scheme__agency", "ask__request", "key_worker", "person")
        .first()
    )
    if stay is None:
        _refuse(request, f"stay {stay_id}")
    return stay


def get_install_to_manage(request: HttpRequest, sanctuary_install_id: int) -> SanctuaryInstall:
    """An install under a scheme the user's agency runs, for a person they may see, or 404
    (audited)."""
    install = (
        SanctuaryInstall.objects.filter(
            pk=sanctuary_install_id, scheme__in=managed_schemes(request.user)
        )
        .select_related("scheme__agency", "person")
        .first()
    )
    if install is None or grant_for(request.user, install.person) is None:
        _refuse(request, f"sanctuary install {sanctuary_install_id}")
    return install


def get_fund_grant_for_user(request: HttpRequest, fund_grant_id: int) -> FundGrant:
    """A Safe Start grant of the user's agency, for a person they may see, or 404 (audited)."""
    grant = (
        FundGrant.objects.filter(pk=fund_grant_id, agency_id=request.user.agency_id)
        .select_related("person", "applied_by", "decided_by")
        .first()
    )
    if grant is None or grant_for(request.user, grant.person) is None:
        _refuse(request, f"fund grant {fund_grant_id}")
    return grant
