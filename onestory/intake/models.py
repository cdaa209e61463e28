"""Referrals into the front door: what was said, by whom, how to make contact safely, and triage.

A referral belongs to the agency that runs the partnership's central point of contact. It
holds the details of the person as they were given; a worker links it to a person record.
Writes go through ``onestory.intake.actions``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.core.registry import (
    LOCATION_SECRET,
    ORDINARY,
    PERSONAL,
    SPECIAL_CATEGORY,
    person_level,
)
from onestory.intake.choices import (
    Channel,
    ChildrenLiveWith,
    ContactMethod,
    Gender,
    Outcome,
    ProfessionalKind,
    Service,
    Source,
    Status,
    Urgency,
    YesNoUnknown,
)

CONSENT_FIELDS = {service: f"consent_{service.value}" for service in Service}

_CLASSES = {
    # Bookkeeping.
    "id": ORDINARY,
    "reference": ORDINARY,
    "owning_agency": ORDINARY,
    "received_at": ORDINARY,
    "channel": ORDINARY,
    "source": ORDINARY,
    "submission_token": ORDINARY,
    "submitted_by": ORDINARY,
    # The person, as described.
    "given_name": PERSONAL,
    "family_name": PERSONAL,
    "other_names": PERSONAL,
    "date_of_birth": PERSONAL,
    "approximate_age": PERSONAL,
    "gender": PERSONAL,
    "area": PERSONAL,
    "postcode": LOCATION_SECRET,
    "children_in_household": PERSONAL,
    "children_count": PERSONAL,
    "children": PERSONAL,
    "interpreter_needed": PERSONAL,
    "interpreter_language": PERSONAL,
    "form_language": ORDINARY,
    "story": SPECIAL_CATEGORY,
    # Asked of someone worried about their own behaviour.
    "children_live_with": PERSONAL,
    "in_touch_with_services": SPECIAL_CATEGORY,
    "services_in_touch": SPECIAL_CATEGORY,
    # How to make contact safely: where a person can be reached is location-secret.
    "phone": LOCATION_SECRET,
    "safe_to_call": LOCATION_SECRET,
    "safe_times": LOCATION_SECRET,
    "voicemail_allowed": LOCATION_SECRET,
    "safe_to_text": LOCATION_SECRET,
    "email": LOCATION_SECRET,
    "safe_to_email": LOCATION_SECRET,
    "safe_word": LOCATION_SECRET,
    "contact_only_through_professional": LOCATION_SECRET,
    "professional_contact": LOCATION_SECRET,
    # Who referred.
    "referrer_name": PERSONAL,
    "referrer_relationship": PERSONAL,
    "referrer_agency_kind": ORDINARY,
    "referrer_agency": PERSONAL,
    "referrer_role": PERSONAL,
    "referrer_phone": PERSONAL,
    "referrer_email": PERSONAL,
    # Triage.
    "urgency": SPECIAL_CATEGORY,
    "status": ORDINARY,
    "assigned_to": ORDINARY,
    "assigned_at": ORDINARY,
    "first_contact_at": ORDINARY,
    "first_contact_method": ORDINARY,
    "first_contact_by": ORDINARY,
    "outcome": SPECIAL_CATEGORY,
    "outcome_reason": SPECIAL_CATEGORY,
    "signposted_to": SPECIAL_CATEGORY,
    "outcome_at": ORDINARY,
    "outcome_by": ORDINARY,
    "person": ORDINARY,
    "linked_at": ORDINARY,
    "linked_by": ORDINARY,
} | {name: PERSONAL for name in CONSENT_FIELDS.values()}


def _staff(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


@person_level(**_CLASSES)
class Referral(models.Model):
    """One contact with the front door about one person: online, by phone, or from a partner."""

    reference = models.CharField(max_length=9, unique=True, help_text="For example K7P2-MXQ4.")
    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="referrals"
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    source = models.CharField(max_length=20, choices=Source.choices)
    submission_token = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text="A one-time token from the form, so a double submit makes one referral.",
    )
    submitted_by = _staff("+")

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100, blank=True)
    other_names = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    area = models.ForeignKey(
        "accounts.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    postcode = models.CharField(max_length=8, blank=True)
    children_in_household = models.CharField(
        max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.NOT_KNOWN
    )
    children_count = models.PositiveSmallIntegerField(null=True, blank=True)
    # The children named, as [{"name": "Amy", "age": 7}], age None when not given.
    children = models.JSONField(default=list, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    interpreter_language = models.CharField(max_length=100, blank=True)
    # The language of the public form the referral was sent in ("ar"); blank for English
    # and for every other way in.
    form_language = models.CharField(max_length=10, blank=True)
    story = models.TextField(blank=True)
    children_live_with = models.CharField(
        "Where the children live", max_length=20, choices=ChildrenLiveWith.choices, blank=True
    )
    in_touch_with_services = models.CharField(
        "In touch with any service", max_length=10, choices=YesNoUnknown.choices, blank=True
    )
    services_in_touch = models.CharField("Services in touch with", max_length=300, blank=True)

    phone = models.CharField(max_length=30, blank=True)
    safe_to_call = models.BooleanField(default=False)
    safe_times = models.CharField(max_length=300, blank=True)
    voicemail_allowed = models.BooleanField(default=False)
    safe_to_text = models.BooleanField(default=False)
    email = models.EmailField(blank=True)
    safe_to_email = models.BooleanField(default=False)
    safe_word = models.CharField(max_length=100, blank=True)
    contact_only_through_professional = models.BooleanField(default=False)
    professional_contact = models.CharField(max_length=300, blank=True)

    consent_outreach = models.BooleanField(default=False)
    consent_idva = models.BooleanField(default=False)
    consent_refuge = models.BooleanField(default=False)
    consent_children = models.BooleanField(default=False)
    consent_perpetrator = models.BooleanField(default=False)
    consent_police = models.BooleanField(default=False)
    consent_housing = models.BooleanField(default=False)
    consent_health = models.BooleanField(default=False)

    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_relationship = models.CharField(max_length=100, blank=True)
    referrer_agency_kind = models.CharField(
        max_length=20, choices=ProfessionalKind.choices, blank=True
    )
    referrer_agency = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=30, blank=True)
    referrer_email = models.EmailField(blank=True)

    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.STANDARD)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    assigned_to = _staff("assigned_referrals")
    assigned_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    first_contact_method = models.CharField(
        max_length=20, choices=ContactMethod.choices, blank=True
    )
    first_contact_by = _staff("+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True)
    signposted_to = models.CharField(max_length=300, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = _staff("+")
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    linked_at = models.DateTimeField(null=True, blank=True)
    linked_by = _staff("+")

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["owning_agency", "status"], name="referral_agency_status"),
            models.Index(fields=["person", "received_at"], name="referral_person_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED) | (~Q(outcome="") & ~Q(outcome_reason="")),
                name="closed_referral_has_outcome_and_reason",
                violation_error_message="A closed referral needs an outcome and a reason.",
            ),
            models.CheckConstraint(
                condition=~Q(source=Source.PROFESSIONAL) | ~Q(referrer_agency=""),
                name="professional_referral_names_agency",
                violation_error_message="A professional's referral needs their agency.",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.reference}"

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    def consented_services(self) -> list[Service]:
        return [service for service, field in CONSENT_FIELDS.items() if getattr(self, field)]
