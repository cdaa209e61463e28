"""The Domestic Violence Disclosure Scheme (Clare's Law): applications and the checks the
police disclosure team asks of partner agencies.

An application belongs to the police force whose disclosure team handles it (``agency``).
Only that team sees it (``disclosure.access``). **Who applied is confidential**: the
applicant's fields are classified location-secret, never leave the team's own pages, and
the applicant is never linked to a person's record: a link would put the application on the
record of someone else's agency. The subject (the person the application asks about) and the
person at risk may be linked to records already known, through the access policy; those
links are named ``subject_person`` and ``at_risk_person``, so a subject access request for
either lists the application by number for review and never copies it.

A partner agency asked for what it holds sees the check addressed to it: the subject and
the person at risk, the force asking and when a reply is due; never the applicant, nor
which route the application came by.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from onestory.core.registry import (
    LOCATION_SECRET,
    ORDINARY,
    PERSONAL,
    SPECIAL_CATEGORY,
    person_level,
)


class Route(models.TextChoices):
    RIGHT_TO_ASK = "ask", "Right to ask"
    RIGHT_TO_KNOW = "know", "Right to know"


class Asker(models.TextChoices):
    PERSON_AT_RISK = "at_risk", "The person at risk"
    THIRD_PARTY = "third_party", "Someone else: a parent, friend, neighbour or other"


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Decision(models.TextChoices):
    DISCLOSE = "disclose", "Disclose"
    NO_DISCLOSURE = "no_disclosure", "Do not disclose"


class DisclosedTo(models.TextChoices):
    PERSON_AT_RISK = "at_risk", "The person at risk"
    APPLICANT = "applicant", "The applicant"
    OTHER = "other", "Someone else best placed to protect the person at risk"


# The applicant's identity: seen by the police disclosure team only.
APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_relationship",
    "applicant_contact",
    "applicant_notes",
    "disclosed_to_name",
)


@person_level(
    id=ORDINARY,
    agency=ORDINARY,
    reference=ORDINARY,
    route=ORDINARY,
    asker=LOCATION_SECRET,
    first_contact_on=ORDINARY,
    applicant_name=LOCATION_SECRET,
    applicant_relationship=LOCATION_SECRET,
    applicant_contact=LOCATION_SECRET,
    applicant_notes=LOCATION_SECRET,
    subject_name=PERSONAL,
    subject_date_of_birth=PERSONAL,
    subject_person=ORDINARY,
    at_risk_name=PERSONAL,
    at_risk_date_of_birth=PERSONAL,
    at_risk_person=ORDINARY,
    concern=SPECIAL_CATEGORY,
    meeting_on=ORDINARY,
    identity_checked=ORDINARY,
    identity_notes=LOCATION_SECRET,
    risk_assessed_on=ORDINARY,
    risk_level=SPECIAL_CATEGORY,
    risk_notes=SPECIAL_CATEGORY,
    decision_on=ORDINARY,
    decision=SPECIAL_CATEGORY,
    decision_reasons=SPECIAL_CATEGORY,
    decided_by=PERSONAL,
    disclosed_on=ORDINARY,
    disclosed_to=LOCATION_SECRET,
    disclosed_to_name=LOCATION_SECRET,
    disclosed_by=ORDINARY,
    safety_plan=SPECIAL_CATEGORY,
    service_offered=ORDINARY,
    service_offered_name=ORDINARY,
    created_by=ORDINARY,
    created_at=ORDINARY,
)
class Application(models.Model):
    """One application under the scheme, by either route, and the steps taken on it."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="disclosure_applications"
    )
    reference = models.CharField(max_length=20, unique=True)
    route = models.CharField(max_length=10, choices=Route.choices)
    asker = models.CharField(
        "who asked", max_length=20, choices=Asker.choices, blank=True, default=""
    )
    first_contact_on = models.DateField("first contact")

    applicant_name = models.CharField("applicant's name", max_length=200, blank=True)
    applicant_relationship = models.CharField(
        "applicant's relationship to the person at risk", max_length=200, blank=True
    )
    applicant_contact = models.CharField(
        "how to contact the applicant safely", max_length=500, blank=True
    )
    applicant_notes = models.TextField("notes about the applicant", blank=True)

    subject_name = models.CharField("name of the person asked about", max_length=200)
    subject_date_of_birth = models.DateField(
        "date of birth of the person asked about", null=True, blank=True
    )
    subject_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="record of the person asked about",
    )
    at_risk_name = models.CharField("name of the person at risk", max_length=200)
    at_risk_date_of_birth = models.DateField(
        "date of birth of the person at risk", null=True, blank=True
    )
    at_risk_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="record of the person at risk",
    )
    concern = models.TextField("what prompted the application")

    meeting_on = models.DateField("face-to-face meeting", null=True, blank=True)
    identity_checked = models.BooleanField("identity checked", default=False)
    identity_notes = models.CharField("identity documents seen", max_length=500, blank=True)

    risk_assessed_on = models.DateField("risk assessed", null=True, blank=True)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_notes = models.TextField("risk assessment", blank=True)

    decision_on = models.DateField("decided", null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField("reasons for the decision", blank=True)
    decided_by = models.CharField("who took the decision", max_length=500, blank=True)

    disclosed_on = models.DateField("disclosed", null=True, blank=True)
    disclosed_to = models.CharField(max_length=20, choices=DisclosedTo.choices, blank=True)
    disclosed_to_name = models.CharField("name of the person told", max_length=200, blank=True)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    safety_plan = models.TextField("safety plan", blank=True)
    service_offered = models.BooleanField("specialist service offered", default=False)
    service_offered_name = models.CharField(
        "specialist service offered", max_length=200, blank=True
    )

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "disclosure application"
        ordering = ["-first_contact_on", "-pk"]
        constraints = [
            # Right to know has no applicant; right to ask always says who asked.
            models.CheckConstraint(
                condition=Q(route="know", asker="", applicant_name="")
                | Q(route="ask") & ~Q(asker=""),
                name="disclosure_applicant_only_when_asked",
            ),
            models.CheckConstraint(
                condition=Q(disclosed_on__isnull=True) | Q(decision="disclose"),
                name="disclosure_only_after_a_decision_to_disclose",
            ),
        ]

    def __str__(self) -> str:
        return f"Disclosure application {self.reference}"

    @property
    def closed(self) -> bool:
        return self.disclosed_on is not None or self.decision == Decision.NO_DISCLOSURE


class CheckReply(models.TextChoices):
    HOLDS = "holds", "We hold relevant information"
    NOTHING = "nothing", "We hold nothing relevant"


@person_level(
    id=ORDINARY,
    application=ORDINARY,
    agency=ORDINARY,
    asked_on=ORDINARY,
    due_on=ORDINARY,
    asked_by=ORDINARY,
    replied_on=ORDINARY,
    reply=SPECIAL_CATEGORY,
    information=SPECIAL_CATEGORY,
    replied_by=ORDINARY,
)
class AgencyCheck(models.Model):
    """The disclosure team asks one partner agency what it holds about the subject."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="checks")
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="disclosure_checks"
    )
    asked_on = models.DateField()
    due_on = models.DateField("reply due")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    replied_on = models.DateField(null=True, blank=True)
    reply = models.CharField(max_length=10, choices=CheckReply.choices, blank=True)
    information = models.TextField("what the agency holds", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "disclosure check"
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "agency"], name="disclosure_one_check_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"Disclosure check {self.pk}"
