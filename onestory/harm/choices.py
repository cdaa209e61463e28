"""The words of work with people who use harm."""

from django.db import models


class Source(models.TextChoices):
    FRONT_DOOR = "front_door", "The front door"
    SELF = "self", "Themselves (worried about their own behaviour)"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    CHILDRENS_SOCIAL_CARE = "csc", "Children's social care"
    MARAC = "marac", "MARAC"
    OTHER_AGENCY = "agency", "Another agency in the partnership"


class Status(models.TextChoices):
    REFERRED = "referred", "Referred, waiting for assessment"
    NOT_SUITABLE = "not_suitable", "Assessed: not suitable"
    ACTIVE = "active", "In the intervention"
    COMPLETED = "completed", "Completed"
    DROPPED_OUT = "dropped_out", "Dropped out"
    REMOVED = "removed", "Removed from the programme"


OPEN_STATUSES = (Status.REFERRED, Status.ACTIVE)
ENDED_STATUSES = (Status.COMPLETED, Status.DROPPED_OUT, Status.REMOVED)


class Readiness(models.TextChoices):
    READY = "ready", "Ready to change: accepts responsibility and wants to take part"
    AMBIVALENT = "ambivalent", "Ambivalent: some acknowledgement, needs motivational work"
    NOT_READY = "not_ready", "Not ready: denies or minimises the abuse"


class InterventionType(models.TextChoices):
    HELP_SEEKING = "help_seeking", "Help-seeking: advice for someone worried about themselves"
    EARLY_RESPONSE = "early_response", "Early response: a short one-to-one intervention"
    BEHAVIOUR_CHANGE = "behaviour_change", "Behaviour-change programme (at least 22 weeks)"
    INTENSIVE = "intensive", "Intensive multi-agency case management (high harm)"


class SessionStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ATTENDED = "attended", "Attended"
    MISSED = "missed", "Missed"


class RiskStage(models.TextChoices):
    INTAKE = "intake", "At intake"
    REVIEW = "review", "Review"
    EXIT = "exit", "At exit"


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


RISK_ORDER = {RiskLevel.STANDARD: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


class EventKind(models.TextChoices):
    DISCLOSURE = "disclosure", "A disclosure of abuse or of a risk to someone"
    THREAT = "threat", "A threat made to a partner, former partner or child"
    MISSED_AFTER_THREAT = "missed_after_threat", "A missed session after a threat"
    NEW_RELATIONSHIP = "new_relationship", "A new relationship"
    DISENGAGEMENT = "disengagement", "Disengaging from the intervention"
    REMOVAL = "removal", "Removed from the programme"
    BREACH = "breach", "A breach of a court order or police notice"
    RISK_RAISED = "risk_raised", "The service's risk assessment went up"


class EndReason(models.TextChoices):
    COMPLETED = "completed", "Completed the intervention"
    STOPPED_ATTENDING = "stopped_attending", "Stopped attending"
    MOVED_AWAY = "moved_away", "Moved out of the area"
    IN_CUSTODY = "in_custody", "In custody"
    FURTHER_ABUSE = "further_abuse", "Further abuse or a breach"
    UNSAFE_IN_GROUP = "unsafe_in_group", "Behaviour unsafe in the group"
    NOT_READY = "not_ready", "Not ready to change"
    OTHER = "other", "Another reason"


# Which end reasons fit which ending.
DROP_OUT_REASONS = (
    EndReason.STOPPED_ATTENDING,
    EndReason.MOVED_AWAY,
    EndReason.IN_CUSTODY,
    EndReason.NOT_READY,
    EndReason.OTHER,
)
REMOVAL_REASONS = (EndReason.FURTHER_ABUSE, EndReason.UNSAFE_IN_GROUP, EndReason.OTHER)


class OrderKind(models.TextChoices):
    DAPN = "dapn", "Domestic abuse protection notice"
    DAPO = "dapo", "Domestic abuse protection order"
    DVPN = "dvpn", "Domestic violence protection notice"
    DVPO = "dvpo", "Domestic violence protection order"
    NON_MOLESTATION = "non_molestation", "Non-molestation order"
    OCCUPATION = "occupation", "Occupation order"
    RESTRAINING = "restraining", "Restraining order"
    BAIL = "bail", "Bail conditions"


# Orders and notices that carry the duty to notify the police of a new name or address
# within three days (a domestic abuse protection order may impose it).
NOTIFY_DAYS = 3


class MemberRole(models.TextChoices):
    ADULT_VICTIM = "adult_victim", "Adult experiencing abuse"
    USING_HARM = "using_harm", "Person using harm"
    CHILD = "child", "Child or young person"
    OTHER_ADULT = "other_adult", "Another adult in the family"
