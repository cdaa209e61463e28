"""The partnership's directory of services, shaped after Open Referral UK.

An organisation runs services; a service has eligibility (ages, genders, risk levels, whether
it works with victims or people using harm), the areas it serves, contacts, languages,
accessibility, locations and a way to refer. A service whose referrals go through OneStory
is linked to the partnership agency that receives them; any other is signposted to.

Directory entries describe services, not people, so they are reference data. The one secret
in them is where safe accommodation is: a location of such a service is never exported or
sent through the API, and is shown only to staff of the agency that runs it.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.accounts.roles import Permission
from onestory.directory.choices import (
    SECRET_LOCATION_KINDS,
    ReferralRoute,
    ServedSide,
    ServiceStatus,
    SupportKind,
)


def new_uid() -> str:
    return str(uuid.uuid4())


class Organisation(models.Model):
    """An organisation that runs one or more services (Open Referral UK's ``organization``)."""

    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField("Website", blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet):
    def active(self) -> ServiceQuerySet:
        return self.filter(status=ServiceStatus.ACTIVE)

    def schools(self) -> ServiceQuerySet:
        return self.filter(kind=SupportKind.SCHOOL)

    def with_details(self) -> ServiceQuerySet:
        return self.select_related("organisation", "agency").prefetch_related(
            "areas", "contacts", "locations"
        )


class Service(models.Model):
    """One service in the directory, with who it takes and how to refer."""

    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField("Kind of support", max_length=30, choices=SupportKind.choices)
    status = models.CharField(
        max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    url = models.URLField("Website", blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    how_to_refer = models.TextField(blank=True)
    eligibility_description = models.TextField("Who it is for", blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # Empty lists mean "anyone": every gender, every risk level.
    genders = models.JSONField(default=list, blank=True)
    risk_levels = models.JSONField(default=list, blank=True)
    serves = models.CharField(
        "Works with", max_length=20, choices=ServedSide.choices, default=ServedSide.VICTIMS
    )
    areas = models.ManyToManyField(
        "accounts.Area",
        blank=True,
        related_name="directory_services",
        help_text="Leave empty for a service open to people from anywhere.",
    )
    languages = models.JSONField(default=list, blank=True)
    accessibility = models.TextField(blank=True)
    referral_route = models.CharField(
        "How referrals are made",
        max_length=10,
        choices=ReferralRoute.choices,
        default=ReferralRoute.SIGNPOST,
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_services",
        help_text="The partnership agency that receives referrals made through OneStory.",
    )
    encompass_at_once = models.BooleanField(
        "Tell this school of Operation Encompass incidents at once",
        default=False,
        help_text="For a school whose safeguarding lead asked to be told by the next "
        "morning even in school holidays, at weekends and on bank holidays.",
    )
    location_secret = models.BooleanField(
        "Keep its locations secret",
        default=False,
        help_text="Refuges and other safe accommodation are always kept secret.",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(referral_route=ReferralRoute.ONESTORY) | Q(agency__isnull=False),
                name="onestory_route_names_an_agency",
                violation_error_message="A service that takes referrals through OneStory needs "
                "the agency that receives them.",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="service_ages_in_order",
                violation_error_message="The oldest age must not be below the youngest.",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(SECRET_LOCATION_KINDS)) | Q(location_secret=True),
                name="safe_accommodation_location_secret",
                violation_error_message="Where safe accommodation is must always be kept secret.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.kind in SECRET_LOCATION_KINDS:
            self.location_secret = True
        super().save(*args, **kwargs)

    @property
    def takes_referrals(self) -> bool:
        return self.referral_route == ReferralRoute.ONESTORY and self.agency_id is not None

    @property
    def is_active(self) -> bool:
        return self.status == ServiceStatus.ACTIVE

    @property
    def safeguarding_lead(self) -> Contact | None:
        """A school's designated safeguarding lead, or None."""
        for contact in self.contacts.all():
            if contact.designated_safeguarding_lead:
                return contact
        return None

    def locations_for(self, user) -> list[Location]:
        """The locations ``user`` may see: a secret one only by the agency that runs it."""
        if self.location_secret and not (
            self.agency_id is not None
            and getattr(user, "agency_id", None) == self.agency_id
            and user.has_permission(Permission.VIEW_LOCATION_SECRET)
        ):
            return []
        return list(self.locations.all())


class Contact(models.Model):
    """A named contact for a service, such as a school's designated safeguarding lead."""

    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField("Job title", max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    designated_safeguarding_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["-designated_safeguarding_lead", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name


class Location(models.Model):
    """Where a service is delivered. Secret for safe accommodation (see ``Service``)."""

    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.address, self.town) if part)


def secret_place_names() -> list[str]:
    """Names of the services whose location is kept secret (refuges), for the free-text
    address check (``onestory.core.free_text``)."""
    return list(Service.objects.filter(location_secret=True).values_list("name", flat=True))
