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
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.models import EmergencyAccess, Share, ShareScope
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.registry import FieldClass, classification
from onestory.people.models import Person


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
    def highest_field_class(self) -> FieldClass:
        """The widest class below location-secret; location is a separate yes or no."""
        if self.scope == ShareScope.FULL:
            return FieldClass.SPECIAL_CATEGORY
        return FieldClass.PERSONAL

    def may_see(self, field_class: FieldClass) -> bool:
        if field_class == FieldClass.LOCATION_SECRET:
            return self.location
        return field_class <= self.highest_field_class

    def visible_fields(self, model) -> set[str]:
        return {name for name, cls in classification(model).items() if self.may_see(cls)}


def may_hold_location_secrets(user) -> bool:
    """Whether ``user``'s role and agency may ever see where a person is (a perpetrator-side
    worker never may); which persons then depends on ownership or a share with location."""
    if not user.is_authenticated or not user.has_permission(Permission.VIEW_LOCATION_SECRET):
        return False
    return user.agency is not None and user.agency.kind != AgencyKind.PERPETRATOR_SERVICE


def _may_see_location(user, *, owner: bool, share: Share | None) -> bool:
    if not may_hold_location_secrets(user):
        return False
    return owner or (share is not None and share.includes_location)


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
        return Grant(Route.OWNER, ShareScope.FULL, _may_see_location(user, owner=True, share=None))
    now = timezone.now()
    share = (
        Share.objects.active(now)
        .filter(to_agency_id=user.agency_id, person=person)
        .order_by("scope")  # "full" sorts before "summary": the widest active share wins
        .first()
    )
    if share is not None:
        return Grant(
            Route.SHARE,
            ShareScope(share.scope),
            _may_see_location(user, owner=False, share=share),
            share,
        )
    if EmergencyAccess.objects.active(now).filter(user=user, person=person).exists():
        return Grant(Route.EMERGENCY, ShareScope.FULL, False)
    return None


def get_person_for_user(request: HttpRequest, person_id: int) -> tuple[Person, Grant]:
    """Fetch a person for the signed-in user, or raise 404 (and audit the refusal)."""
    user = request.user
    person = Person.objects.filter(pk=person_id).select_related("owning_agency").first()
    grant = grant_for(user, person) if person is not None else None
    if person is None or grant is None:
        audit.record(
            action=AuditAction.REFUSED,
            request=request,
            person_id=person.pk if person is not None else None,
            reason=f"person {person_id} not visible",
        )
        raise Http404("No person found")
    return person, grant
