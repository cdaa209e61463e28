"""MARAC referrals, and the flags that mark a case as a repeat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level

CRITERIA_FIELDS = ("visible_high_risk", "professional_judgement", "potential_escalation", "repeat")


class ReferralStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the coordinator's check"
    LISTED = "listed", "Listed for MARAC"
    CLOSED = "closed", "Closed at MARAC"
    DECLINED = "declined", "Not taken to MARAC"


# A referral the coordinator turned down is not a MARAC referral for the repeat rule.
COUNTS_FOR_REPEATS = (ReferralStatus.SUBMITTED, ReferralStatus.LISTED, ReferralStatus.CLOSED)


@person_level(
    id=ORDINARY,
    marac=ORDINARY,
    victim=ORDINARY,
    perpetrators=SPECIAL_CATEGORY,
    children=SPECIAL_CATEGORY,
    children_in_household=PERSONAL,
    referring_agency=ORDINARY,
    referred_by=ORDINARY,
    referred_on=PERSONAL,
    referred_at=ORDINARY,
    risk_assessment=ORDINARY,
    assessment_current=PERSONAL,
    visible_high_risk=SPECIAL_CATEGORY,
    professional_judgement=SPECIAL_CATEGORY,
    potential_escalation=SPECIAL_CATEGORY,
    repeat=SPECIAL_CATEGORY,
    judgement_reason=SPECIAL_CATEGORY,
    reason=SPECIAL_CATEGORY,
    repeat_of=ORDINARY,
    status=PERSONAL,
    checked_by=ORDINARY,
    checked_at=ORDINARY,
    decline_reason=SPECIAL_CATEGORY,
    closed_by=ORDINARY,
    closed_at=ORDINARY,
    closure_note=SPECIAL_CATEGORY,
    shares=ORDINARY,
)
class MaracReferral(models.Model):
    """A victim referred to a MARAC, with the person or people using harm and the children.

    The criteria met are copied from the latest risk assessment when it is made, with
    professional judgement (and its reason) and the repeat rule added, so the referral
    can always be explained. ``shares`` are the MARAC shares it opened, ended on closure.
    """

    marac = models.ForeignKey("marac.Marac", on_delete=models.PROTECT, related_name="referrals")
    victim = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="marac_referrals"
    )
    perpetrators = models.ManyToManyField(
        "people.Person", related_name="marac_referrals_as_perpetrator"
    )
    children = models.ManyToManyField(
        "people.Person", blank=True, related_name="marac_referrals_as_child"
    )
    # How many children live in the household, as the referrer knows it: children without
    # a record here count too. None when not known (then the recorded children count).
    children_in_household = models.PositiveSmallIntegerField(null=True, blank=True)
    referring_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="marac_referrals_made"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    referred_on = models.DateField()
    referred_at = models.DateTimeField(default=timezone.now)
    risk_assessment = models.ForeignKey(
        "risk.RiskAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Whether the assessment was recent enough to rely on alone when the referral was made.
    assessment_current = models.BooleanField(default=True)
    visible_high_risk = models.BooleanField(default=False)
    professional_judgement = models.BooleanField(default=False)
    potential_escalation = models.BooleanField(default=False)
    repeat = models.BooleanField(default=False)
    judgement_reason = models.TextField(blank=True)
    reason = models.TextField("What has happened, and why MARAC")
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats"
    )
    status = models.CharField(
        max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SUBMITTED
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_note = models.TextField(blank=True)
    shares = models.ManyToManyField("access.Share", blank=True, related_name="+")

    class Meta:
        ordering = ["-referred_at", "-id"]
        indexes = [
            models.Index(fields=["victim", "referred_on"], name="marac_referral_victim_date")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visible_high_risk=True)
                | Q(professional_judgement=True)
                | Q(potential_escalation=True)
                | Q(repeat=True),
                name="marac_referral_meets_a_criterion",
                violation_error_message="A MARAC referral must meet at least one criterion.",
            ),
            models.CheckConstraint(
                condition=Q(professional_judgement=False) | ~Q(judgement_reason=""),
                name="marac_referral_judgement_has_reason",
                violation_error_message="Professional judgement needs a reason.",
            ),
            models.CheckConstraint(
                condition=Q(repeat=True, repeat_of__isnull=False)
                | Q(repeat=False, repeat_of__isnull=True),
                name="marac_referral_repeat_names_its_referral",
                violation_error_message="A repeat referral names the referral it repeats.",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="marac_referral_has_reason",
                violation_error_message="Say what has happened and why MARAC is needed.",
            ),
        ]

    def __str__(self) -> str:
        return f"MARAC referral {self.pk} (person {self.victim_id})"

    @property
    def criteria(self) -> list[str]:
        return [name for name in CRITERIA_FIELDS if getattr(self, name)]

    @property
    def is_open(self) -> bool:
        return self.status in (ReferralStatus.SUBMITTED, ReferralStatus.LISTED)


@person_level(
    id=ORDINARY,
    referral=ORDINARY,
    incident=ORDINARY,
    perpetrator_recorded=PERSONAL,
    flagged_at=ORDINARY,
    dealt_with_at=ORDINARY,
    dealt_with_by=ORDINARY,
    dealt_with_note=SPECIAL_CATEGORY,
)
class RepeatFlag(models.Model):
    """A new incident within 12 months of a MARAC referral, between the same people.

    ``perpetrator_recorded`` is False when the incident names nobody: then the coordinator
    is asked to check whether it was the same person, rather than told it was.
    """

    referral = models.ForeignKey(
        MaracReferral, on_delete=models.PROTECT, related_name="repeat_flags"
    )
    incident = models.ForeignKey(
        "risk.Incident", on_delete=models.PROTECT, related_name="marac_repeat_flags"
    )
    perpetrator_recorded = models.BooleanField(default=True)
    flagged_at = models.DateTimeField(default=timezone.now)
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dealt_with_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-flagged_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "incident"], name="marac_repeat_flagged_once"
            )
        ]

    def __str__(self) -> str:
        return f"Repeat flag on MARAC referral {self.referral_id} (incident {self.incident_id})"
