"""The fixed lists an onward referral is described with."""

from django.db import models


class Status(models.TextChoices):
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMPLETED = "completed", "Completed"


OPEN_STATUSES = frozenset({Status.SENT, Status.ACCEPTED})


class Basis(models.TextChoices):
    """Why it is lawful to send the person's details to the service."""

    CONSENT = "consent", "The person agreed to this referral"
    HIGH_RISK = "high_risk", "High risk: sharing is needed to protect them"
    SAFEGUARDING = "safeguarding", "Safeguarding a child or an adult at risk"


class Consent(models.TextChoices):
    """What the person said when asked about this referral."""

    NOT_ASKED = "not_asked", "Not asked about this referral"
    GIVEN = "given", "They agreed"
    REFUSED = "refused", "They did not agree"


class DeclineReason(models.TextChoices):
    NO_SPACE = "no_space", "No space or capacity"
    PERSON_DECLINED = "person_declined", "The person declined the support"
    NEEDS_NOT_MET = "needs_not_met", "Needs the service cannot meet"
    RISK_TO_OTHERS = "risk_to_others", "Risk to other residents or staff"
    NO_RECOURSE = "no_recourse", "No recourse to public funds"
    HOUSEHOLD = "household", "A household the service cannot take"
    OUT_OF_AREA = "out_of_area", "Outside the area the service covers"
    CRITERIA = "criteria", "Does not meet the service's criteria"
    NO_CONTACT = "no_contact", "Could not make safe contact"
    ALREADY_SUPPORTED = "already_supported", "Already supported elsewhere"
    OTHER = "other", "Another reason"


class Event(models.TextChoices):
    """What someone did to an onward referral."""

    SEND = "send", "Sent"
    ACCEPT = "accept", "Accepted"
    DECLINE = "decline", "Declined"
    WITHDRAW = "withdraw", "Withdrawn"
    COMPLETE = "complete", "Completed"
