"""Work with people who use harm: referrals to a perpetrator service, assessment, the
intervention and its sessions, the service's risk assessments, risk events and the alerts
they send to the victim's worker, and court orders and police notices with their breaches.

Nothing here holds the victim's details. The partner link is a worker (``partner_worker``),
never a person; an order's protected people are persons held by the victim's agencies,
and the perpetrator side only ever counts them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level
from onestory.harm.choices import (
    EndReason,
    EventKind,
    InterventionType,
    MemberRole,
    OrderKind,
    Readiness,
    RiskLevel,
    RiskStage,
    SessionStatus,
    Source,
    Status,
)

_USER = settings.AUTH_USER_MODEL


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    agency=ORDINARY,
    source=PERSONAL,
    referring_agency=PERSONAL,
    referred_on=PERSONAL,
    reason=SPECIAL_CATEGORY,
    status=PERSONAL,
    suitable=SPECIAL_CATEGORY,
    readiness=SPECIAL_CATEGORY,
    assessed_on=PERSONAL,
    assessment_notes=SPECIAL_CATEGORY,
    intervention_type=PERSONAL,
    planned_weeks=PERSONAL,
    started_on=PERSONAL,
    ended_on=PERSONAL,
    end_reason=SPECIAL_CATEGORY,
    end_notes=SPECIAL_CATEGORY,
    worker=ORDINARY,
    partner_worker=ORDINARY,
    onward_referral=ORDINARY,
    created_at=ORDINARY,
    created_by=ORDINARY,
)
class Intervention(models.Model):
    """One referral of a person using harm to a perpetrator service, and what came of it."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="harm_interventions"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    source = models.CharField("Referred by", max_length=20, choices=Source.choices)
    referring_agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referred_on = models.DateField("Referral received")
    reason = models.TextField("Why they were referred", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REFERRED)
    suitable = models.BooleanField(null=True)
    readiness = models.CharField(max_length=20, choices=Readiness.choices, blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    assessment_notes = models.TextField(blank=True)
    intervention_type = models.CharField(
        max_length=20, choices=InterventionType.choices, blank=True
    )
    planned_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=EndReason.choices, blank=True)
    end_notes = models.TextField(blank=True)
    worker = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    partner_worker = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The accepted onward referral it was made from, whose details it carries (at most one).
    onward_referral = models.OneToOneField(
        "referrals.OnwardReferral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="harm_intervention",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [models.Index(fields=["agency", "status"], name="harm_intervention_status")]

    def __str__(self) -> str:
        return f"Intervention {self.pk} (person {self.person_id})"


@person_level(
    id=ORDINARY,
    intervention=ORDINARY,
    session_on=PERSONAL,
    status=PERSONAL,
    notes=SPECIAL_CATEGORY,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
)
class Session(models.Model):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="sessions"
    )
    session_on = models.DateField("Date of the session")
    status = models.CharField(max_length=10, choices=SessionStatus.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} session on {self.session_on:%d %b %Y}"


@person_level(
    id=ORDINARY,
    intervention=ORDINARY,
    stage=PERSONAL,
    assessed_on=PERSONAL,
    level=SPECIAL_CATEGORY,
    notes=SPECIAL_CATEGORY,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
)
class RiskReview(models.Model):
    """The service's own assessment of the risk a person using harm poses."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="risk_reviews"
    )
    stage = models.CharField(max_length=10, choices=RiskStage.choices)
    assessed_on = models.DateField()
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assessed_on", "id"]

    def __str__(self) -> str:
        return f"Risk {self.level} ({self.stage}) on {self.assessed_on:%d %b %Y}"


@person_level(
    id=ORDINARY,
    intervention=ORDINARY,
    kind=SPECIAL_CATEGORY,
    occurred_on=PERSONAL,
    notes=SPECIAL_CATEGORY,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
)
class RiskEvent(models.Model):
    """Something on the perpetrator side that changes the risk to a partner or child."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="risk_events"
    )
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on:%d %b %Y}"


@person_level(
    id=ORDINARY,
    recipient=ORDINARY,
    person=ORDINARY,
    kind=SPECIAL_CATEGORY,
    occurred_on=PERSONAL,
    from_agency=ORDINARY,
    created_at=ORDINARY,
    seen_at=ORDINARY,
)
class PartnerAlert(models.Model):
    """Tells one victim-side worker, at once, that the risk from a person using harm changed.

    It carries what happened and when, never the perpetrator worker's notes."""

    recipient = models.ForeignKey(_USER, on_delete=models.CASCADE, related_name="harm_alerts")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField()
    from_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "seen_at"], name="harm_alert_unseen")]

    def __str__(self) -> str:
        return f"Alert {self.pk} to user {self.recipient_id}"


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    kind=PERSONAL,
    starts_on=PERSONAL,
    ends_on=PERSONAL,
    conditions=SPECIAL_CATEGORY,
    protected=SPECIAL_CATEGORY,
    electronic_monitoring=SPECIAL_CATEGORY,
    duty_to_notify=PERSONAL,
    agency=ORDINARY,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
)
class Order(models.Model):
    """A court order or police notice about a person using harm."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="harm_orders"
    )
    kind = models.CharField("Kind of order or notice", max_length=20, choices=OrderKind.choices)
    starts_on = models.DateField("Made on")
    ends_on = models.DateField("Ends on", null=True, blank=True)
    conditions = models.TextField("Conditions", blank=True)
    protected = models.ManyToManyField("people.Person", blank=True, related_name="+")
    electronic_monitoring = models.BooleanField("Electronic monitoring", default=False)
    duty_to_notify = models.BooleanField(
        "Must tell the police of a new name or address within three days", default=False
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} made {self.starts_on:%d %b %Y}"


@person_level(
    id=ORDINARY,
    order=ORDINARY,
    occurred_on=PERSONAL,
    agency=PERSONAL,
    notes=SPECIAL_CATEGORY,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
)
class Breach(models.Model):
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="breaches")
    occurred_on = models.DateField()
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"Breach on {self.occurred_on:%d %b %Y} of order {self.order_id}"


class FamilyCase(models.Model):
    """Whole-family working: one case for the adults (the person using harm only where it
    is safe) and the children, with one plan whose goals belong to members and a lead
    practitioner. What each agency sees of it is decided member by member."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    lead_practitioner = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    created_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Family case {self.pk}"


@person_level(
    id=ORDINARY,
    family=ORDINARY,
    person=ORDINARY,
    role=SPECIAL_CATEGORY,
    safety_reason=SPECIAL_CATEGORY,
    needs=SPECIAL_CATEGORY,
    voice=SPECIAL_CATEGORY,
    added_by=ORDINARY,
    added_at=ORDINARY,
)
class FamilyMember(models.Model):
    family = models.ForeignKey(FamilyCase, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    role = models.CharField("Their part in the family", max_length=20, choices=MemberRole.choices)
    safety_reason = models.TextField("Why it is safe to include him", blank=True)
    needs = models.TextField("Their own needs", blank=True)
    voice = models.TextField("What they say, in their own words", blank=True)
    added_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="harm_family_member_once")
        ]

    def __str__(self) -> str:
        return f"Member {self.pk} of family case {self.family_id}"


@person_level(
    id=ORDINARY,
    member=ORDINARY,
    description=SPECIAL_CATEGORY,
    created_by=ORDINARY,
    created_at=ORDINARY,
)
class FamilyGoal(models.Model):
    member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField("The goal")
    created_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Goal {self.pk} of member {self.member_id}"
