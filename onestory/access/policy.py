"""The access policy: the one place that answers who may see which persons, and which fields.

A person is visible to a user whose role may view persons when:

1. the user's agency owns the person's record (full view); or
2. the owning agency has an active share with the user's agency (summary or full view,
   as the share says); or
3. the user has active emergency access to the record (full view, flagged).

Location-secret fields are visible only to the owning agency's staff whose role grants
``VIEW_LOCATION_SECRET`` and whose agency is not a perpetrator service, or through a share
that explicitly carries them to an agency that is not a perpetrator service.

Anything else gets a 404, so a record's existence does not leak, and the refusal is audited.

The primitives every app's ``access.py`` is built from:

- ``refuse(request, reason=...)``: audit the refusal and raise 404, in one step;
- ``get_person_for_user(request, person_id, need=FULL)``: a person with the user's grant,
  refusing (and auditing) when the person is not visible or the grant is narrower than
  the view needs (``SUMMARY``: any grant; ``FULL``: the whole story);
- ``may_see_location(user, owner=..., share=...)``: the location-secret test, its set form
  ``persons_with_visible_location`` and its SQL form ``location_visible(user, path)``;
- ``visible_persons(user)`` and ``full_view(user, path)``: the SQL forms of "may see" and
  "may see in full", for lists;
- ``Grant.sees(model, field)``: whether a grant shows a field, decided by the field's class
  (``onestory.core.registry``); ``carried_by(share)``: the grant a share carries to its
  receiving agency, for showing the sender what went.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import NoReturn

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.models import EmergencyAccess, Share, ShareScope
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.registry import FieldClass, classification, field_class
from onestory.people.models import Person


class Need(IntEnum):
    """How much of a person a view needs."""

    SUMMARY = 1  # any grant: a summary share is enough
    FULL = 2  # the whole story: the owning agency, a full share or emergency access


SUMMARY = Need.SUMMARY
FULL = Need.FULL


class Route(StrEnum):
    """How a user came to see a record."""

    OWNER = "owner"
    SHARE = "share"
    EMERGENCY = "emergency"


@dataclass(frozen=True)
class Grant:
    """What one user may see of one person, and why."""

    route: Route
    scope: ShareScope
    location: bool
    share: Share | None = None

    @property
    def full(self) -> bool:
        """A full view: the owning agency, a full share, or emergency access."""
        return self.scope == ShareScope.FULL

    def meets(self, need: Need) -> bool:
        return need <= (Need.FULL if self.full else Need.SUMMARY)

    @property
    def highest_field_class(self) -> FieldClass:
        """The widest class below location-secret; location is a separate yes or no."""
        if self.scope == ShareScope.FULL:
            return FieldClass.SPECIAL_CATEGORY
        return FieldClass.PERSONAL

    def may_see(self, field_class: FieldClass) -> bool:
        if field_class == FieldClass.LOCATION_SECRET:
            return self.location
        return field_class <= self.highest_field_class

    def sees(self, model, field_name: str) -> bool:
        """Whether this grant shows ``model.field_name``: its field class decides."""
        return self.may_see(field_class(model, field_name))

    def visible_fields(self, model) -> set[str]:
        return {name for name, cls in classification(model).items() if self.may_see(cls)}


def refuse(
    request: HttpRequest,
    *,
    reason: str,
    person_id: int | None = None,
    obj=None,
) -> NoReturn:
    """Say "not found" (404), so that a record's existence does not leak, and audit it."""
    audit.record(
        action=AuditAction.REFUSED, request=request, obj=obj, person_id=person_id, reason=reason
    )
    raise Http404("Not found")


def may_hold_location_secrets(user) -> bool:
    """Whether ``user``'s role and agency may ever see where a person is (a perpetrator-side
    worker never may); which persons then depends on ownership or a share with location."""
    if not user.is_authenticated or not user.has_permission(Permission.VIEW_LOCATION_SECRET):
        return False
    return user.agency is not None and user.agency.kind != AgencyKind.PERPETRATOR_SERVICE


def may_see_location(user, *, owner: bool, share: Share | None = None) -> bool:
    """The location-secret test: safe addresses, refuge locations and safe contact numbers.

    Only staff whose role grants ``VIEW_LOCATION_SECRET``, never at a perpetrator service,
    and then only at the owning agency (``owner``) or through a share that carries location.
    """
    if not may_hold_location_secrets(user):
        return False
    return owner or (share is not None and share.includes_location)


def persons_with_visible_location(user, ids: set[int]) -> set[int]:
    """Of ``ids``, the persons whose location-secret fields ``user`` may see (one query each
    for owned and shared): the set form of ``may_see_location``."""
    if not may_hold_location_secrets(user):
        return set()
    agency = user.agency
    owned = Person.objects.filter(pk__in=ids, owning_agency_id=agency.pk)
    shared = (
        Share.objects.active(timezone.now())
        .filter(to_agency_id=agency.pk, includes_location=True, person_id__in=ids)
        .values_list("person_id", flat=True)
    )
    return set(owned.values_list("pk", flat=True)) | set(shared)


def location_visible(user, path: str = "") -> Q:
    """The SQL form of ``may_see_location``, for rows reached from a person by ``path``:
    the owning agency's, or shared to the user's agency with location, for staff who may
    hold location secrets at all."""
    if not may_hold_location_secrets(user):
        return Q(pk__in=[])
    prefix = f"{path}__" if path else ""
    shared = Share.objects.active(timezone.now()).filter(
        to_agency_id=user.agency_id, person=OuterRef(path or "pk"), includes_location=True
    )
    return Q(**{f"{prefix}owning_agency_id": user.agency_id}) | Q(Exists(shared))


def full_view(user, path: str = "") -> Q:
    """The SQL form of "may see in full", for rows reached from a person by ``path``.

    ``full_view(user)`` filters persons; ``full_view(user, "person")`` filters rows with a
    ``person`` foreign key. The same rule as ``grant_for(...).full``: the owning agency, an
    active full share to the user's agency, or the user's active emergency access.
    """
    if not user.is_authenticated or not user.has_permission(Permission.VIEW_PERSON):
        return Q(pk__in=[])
    prefix = f"{path}__" if path else ""
    person_ref = OuterRef(path or "pk")
    now = timezone.now()
    full_share = Share.objects.active(now).filter(
        to_agency_id=user.agency_id, person=person_ref, scope=ShareScope.FULL
    )
    emergency = EmergencyAccess.objects.active(now).filter(user=user, person=person_ref)
    owned = Q(**{f"{prefix}owning_agency_id": user.agency_id}) if user.agency_id else Q(pk__in=[])
    return owned | Exists(full_share) | Exists(emergency)


def visible_persons(user) -> QuerySet[Person]:
    """Every person the user may see at all; the base of every list and search."""
    if not user.is_authenticated or not user.has_permission(Permission.VIEW_PERSON):
        return Person.objects.none()
    now = timezone.now()
    shared = Share.objects.active(now).filter(to_agency_id=user.agency_id, person=OuterRef("pk"))
    emergency = EmergencyAccess.objects.active(now).filter(user=user, person=OuterRef("pk"))
    return Person.objects.filter(
        Q(owning_agency_id=user.agency_id) | Exists(shared) | Exists(emergency)
    )


def grant_for(user, person: Person) -> Grant | None:
    """What ``user`` may see of ``person`` right now, or None. Read afresh on every request."""
    if not user.is_authenticated or not user.has_permission(Permission.VIEW_PERSON):
        return None
    if user.agency_id is not None and person.owning_agency_id == user.agency_id:
        return Grant(Route.OWNER, ShareScope.FULL, may_see_location(user, owner=True))
    now = timezone.now()
    share = (
        Share.objects.active(now)
        .filter(to_agency_id=user.agency_id, person=person)
        .order_by("scope")  # "full" sorts before "summary": the widest active share wins
        .first()
    )
    location = may_see_location(user, owner=False, share=share)
    if share is not None and share.scope == ShareScope.FULL:
        return Grant(Route.SHARE, ShareScope.FULL, location, share)
    # Emergency access opens the whole story, wider than a summary share.
    if EmergencyAccess.objects.active(now).filter(user=user, person=person).exists():
        return Grant(Route.EMERGENCY, ShareScope.FULL, location, share)
    if share is not None:
        return Grant(Route.SHARE, ShareScope(share.scope), location, share)
    return None


def carried_by(share: Share) -> Grant:
    """What ``share`` carries to its receiving agency: its scope, and location if it says so.

    For showing the sending agency what went (a handover, as the receiver reads it); each
    reader at the receiving agency is still held to their own grant (``grant_for``), which
    also asks whether their role and agency may see location at all.
    """
    return Grant(Route.SHARE, ShareScope(share.scope), share.includes_location, share)


def get_person_for_user(
    request: HttpRequest, person_id: int, *, need: Need = SUMMARY
) -> tuple[Person, Grant]:
    """A person with the signed-in user's grant, or 404 with the refusal audited.

    ``need=FULL`` also refuses a grant narrower than the whole story (a summary share).
    """
    user = request.user
    person = Person.objects.filter(pk=person_id).select_related("owning_agency").first()
    grant = grant_for(user, person) if person is not None else None
    if person is None or grant is None:
        refuse(
            request,
            person_id=person.pk if person is not None else None,
            reason=f"person {person_id} not visible",
        )
    if not grant.meets(need):
        refuse(request, person_id=person.pk, reason=f"person {person_id}: summary share only")
    return person, grant
