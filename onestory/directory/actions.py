"""Changes to the directory: keyword arguments, the acting user, one transaction, an audit event.

Only staff whose role may manage reference data change the directory. A service's locations
that are kept secret are changed only by the agency that runs the service.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import User
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.directory.choices import ReferralRoute
from onestory.directory.models import Contact, Location, Organisation, Service

SERVICE_FIELDS = (
    "name",
    "description",
    "kind",
    "status",
    "url",
    "email",
    "phone",
    "how_to_refer",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "genders",
    "risk_levels",
    "serves",
    "languages",
    "accessibility",
    "referral_route",
    "agency",
    "location_secret",
    "encompass_at_once",
)


def _require_manager(by: User) -> None:
    if not by.has_permission(Permission.MANAGE_REFERENCE_DATA):
        raise PermissionDenied("Your role does not allow changing the directory.")


def runs_service(user: User, service: Service) -> bool:
    """Whether ``user`` works for the agency that runs ``service`` and may see locations."""
    return (
        service.agency_id is not None
        and user.agency_id == service.agency_id
        and user.has_permission(Permission.VIEW_LOCATION_SECRET)
    )


def may_change_locations(user: User, service: Service) -> bool:
    """The agency that runs a service; or anyone who manages the directory, unless secret."""
    if runs_service(user, service):
        return True
    return not service.location_secret and user.has_permission(Permission.MANAGE_REFERENCE_DATA)


@transaction.atomic
def save_service(
    *,
    service: Service | None = None,
    organisation: Organisation | None = None,
    new_organisation: str = "",
    areas=(),
    by: User,
    request: HttpRequest | None = None,
    **details,
) -> Service:
    """Add a service, or change one. ``details`` are the fields in ``SERVICE_FIELDS``."""
    _require_manager(by)
    unknown = set(details) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"not a service's detail: {', '.join(sorted(unknown))}")
    if organisation is None:
        name = new_organisation.strip()
        if not name:
            raise ValidationError({"organisation": "Choose the organisation that runs it"})
        organisation = Organisation.objects.create(name=name)
    if details.get("referral_route") == ReferralRoute.ONESTORY and not details.get("agency"):
        raise ValidationError(
            {"agency": "Choose the agency that receives referrals made through OneStory"}
        )
    creating = service is None
    service = service or Service()
    service.organisation = organisation
    for name, value in details.items():
        setattr(service, name, value)
    service.updated_at = timezone.now()
    service.full_clean(exclude=["uid"])
    service.save()
    service.areas.set(areas)
    audit.record(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        by=by,
        request=request,
        obj=service,
        fields=[*details, "organisation", "areas"],
        reason="services directory",
    )
    return service


@transaction.atomic
def add_contact(
    *, service: Service, by: User, request: HttpRequest | None = None, **details
) -> Contact:
    _require_manager(by)
    contact = Contact.objects.create(service=service, **details)
    audit.record(
        action=AuditAction.CREATE, by=by, request=request, obj=contact, fields=list(details)
    )
    return contact


@transaction.atomic
def remove_contact(*, contact: Contact, by: User, request: HttpRequest | None = None) -> None:
    _require_manager(by)
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        request=request,
        obj=contact.service,
        fields=["contacts"],
        reason=f"contact {contact.name} removed",
    )
    contact.delete()


@transaction.atomic
def add_location(
    *, service: Service, by: User, request: HttpRequest | None = None, **details
) -> Location:
    if not may_change_locations(by, service):
        raise PermissionDenied("Only the agency that runs this service may change where it is.")
    location = Location.objects.create(service=service, **details)
    audit.record(
        action=AuditAction.CREATE, by=by, request=request, obj=location, fields=list(details)
    )
    return location


@transaction.atomic
def remove_location(*, location: Location, by: User, request: HttpRequest | None = None) -> None:
    if not may_change_locations(by, location.service):
        raise PermissionDenied("Only the agency that runs this service may change where it is.")
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        request=request,
        obj=location.service,
        fields=["locations"],
        reason="location removed",
    )
    location.delete()
