"""Who may see which part of the work with people who use harm.

- An intervention is worked by the agency that runs it: its staff whose role may work on
  cases, while they may see the person using harm in full (``access.policy``). Only a
  perpetrator service takes new referrals, so its workers never hold a victim's location
  (``policy.may_hold_location_secrets``).
- The linked partner-support worker (the victim's IDVA or outreach worker, or, when she has
  neither, the service's own partner-support worker) sees the alerts sent to her and a
  short summary of the interventions she is linked to: where it stands, sessions attended
  and missed, the service's latest risk level. Never the worker's notes. The service's own
  partner-support role opens no record at all, his or hers (it has no person permission),
  so nothing crosses between her and the service's other workers through OneStory.
- The perpetrator side never sees who an order protects, only how many people.
- Court orders are recorded and their breaches reported by staff who work on cases or
  record police notifications, and who may see the person using harm in full.
- Anyone else asking for an intervention or an order gets 404, and the refusal is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest

from onestory.access.policy import (
    FULL,
    full_view,
    get_person_for_user,
    grant_for,
    refuse,
    visible_persons,
)
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.harm.choices import MemberRole
from onestory.harm.models import FamilyCase, FamilyMember, Intervention, Order, PartnerAlert


def may_work(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.WORK_CASES)
    )


def may_support_partners(user) -> bool:
    """The perpetrator service's own partner-support role: alerts and linked summaries."""
    return user.is_authenticated and user.has_permission(Permission.SUPPORT_PARTNERS)


def receives_alerts(user) -> bool:
    """Whoever may be linked to an intervention on the partner's side."""
    return may_work(user) or may_support_partners(user)


def may_be_linked(user, agency) -> bool:
    """Whether ``user`` may be an intervention's partner-support worker when ``agency`` runs
    it: a caseworker at an agency on the victim's side, or the running service's own
    partner-support worker."""
    if not user.is_active or user.agency_id is None:
        return False
    if user.has_permission(Permission.SUPPORT_PARTNERS):
        return user.agency_id == agency.pk
    return (
        user.has_permission(Permission.WORK_CASES)
        and user.agency.kind != AgencyKind.PERPETRATOR_SERVICE
    )


def may_take_referrals(user) -> bool:
    """Only a perpetrator service's caseworkers take referrals of people who use harm."""
    return may_work(user) and user.agency.kind == AgencyKind.PERPETRATOR_SERVICE


def may_record_orders(user) -> bool:
    return user.is_authenticated and (
        user.has_permission(Permission.WORK_CASES)
        or user.has_permission(Permission.RECORD_POLICE_NOTIFICATIONS)
    )


def may_name_protected(user) -> bool:
    """Whether ``user`` may see who an order protects: never a perpetrator service."""
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.agency.kind != AgencyKind.PERPETRATOR_SERVICE
    )


def interventions_for(user) -> QuerySet[Intervention]:
    """The interventions run by ``user``'s agency, of persons they may see in full."""
    if not may_work(user):
        return Intervention.objects.none()
    return Intervention.objects.filter(agency_id=user.agency_id).filter(full_view(user, "person"))


def get_intervention_for_user(request: HttpRequest, intervention_id: int) -> Intervention:
    user = request.user
    intervention = (
        Intervention.objects.filter(pk=intervention_id)
        .select_related("person", "agency", "referring_agency", "worker", "partner_worker")
        .first()
    )
    if (
        intervention is None
        or not may_work(user)
        or intervention.agency_id != user.agency_id
        or not sees_in_full(user, intervention.person)
    ):
        refuse(request, reason=f"intervention {intervention_id} not visible")
    return intervention


def sees_in_full(user, person) -> bool:
    """Whether ``user`` may see ``person``'s record in full: the one check every write and
    page here makes of the person it is about."""
    grant = grant_for(user, person)
    return grant is not None and grant.meets(FULL)


def linked_interventions(user) -> QuerySet[Intervention]:
    """The interventions ``user`` is the linked partner-support worker for."""
    if not receives_alerts(user):
        return Intervention.objects.none()
    return Intervention.objects.filter(partner_worker=user)


def alerts_for(user) -> QuerySet[PartnerAlert]:
    if not receives_alerts(user):
        return PartnerAlert.objects.none()
    return PartnerAlert.objects.filter(recipient=user)


def get_person_for_orders(request: HttpRequest, person_id: int):
    person, _grant = get_person_for_user(request, person_id, need=FULL)
    return person


def get_order_for_user(request: HttpRequest, order_id: int) -> Order:
    user = request.user
    order = Order.objects.filter(pk=order_id).select_related("person", "agency").first()
    if order is None or not may_record_orders(user) or not sees_in_full(user, order.person):
        refuse(request, reason=f"order {order_id} not visible")
    return order


@dataclass(frozen=True)
class MemberView:
    """What one user sees of one family member: the member at all, and the details."""

    member: FamilyMember
    details: bool  # needs, voice and goals: only with a full grant


def family_view(user, family: FamilyCase) -> list[MemberView]:
    """The members ``user`` may see, each as far as their grant of that person allows. A
    perpetrator service never sees the adult experiencing abuse, whatever else it holds."""
    if not may_work(user):
        return []
    perpetrator_side = user.agency.kind == AgencyKind.PERPETRATOR_SERVICE
    shown = []
    for member in family.members.select_related("person").order_by("role", "id"):
        if perpetrator_side and member.role == MemberRole.ADULT_VICTIM:
            continue
        grant = grant_for(user, member.person)
        if grant is not None:
            shown.append(MemberView(member, grant.meets(FULL)))
    return shown


def family_members_seen(user) -> QuerySet[FamilyMember]:
    """Every family member ``user`` sees at all: the same rule as ``family_view``, as one
    query, for the list of family cases."""
    if not may_work(user):
        return FamilyMember.objects.none()
    members = FamilyMember.objects.filter(person__in=visible_persons(user))
    if user.agency.kind == AgencyKind.PERPETRATOR_SERVICE:
        members = members.exclude(role=MemberRole.ADULT_VICTIM)
    return members


def family_members_in_full(user) -> QuerySet[FamilyMember]:
    """The members whose needs, words and goals ``user`` sees: those seen in full."""
    return family_members_seen(user).filter(full_view(user, "person"))


def families_for(user) -> QuerySet[FamilyCase]:
    """The family cases ``user`` sees at least one member of."""
    return FamilyCase.objects.filter(pk__in=family_members_seen(user).values("family_id"))


def get_family_for_user(request: HttpRequest, family_id: int) -> tuple[FamilyCase, list]:
    family = (
        FamilyCase.objects.filter(pk=family_id)
        .select_related("agency", "lead_practitioner")
        .first()
    )
    members = family_view(request.user, family) if family is not None else []
    if not members:
        refuse(request, reason=f"family case {family_id} not visible")
    return family, members
