"""The fixed lists a case is described with: statuses, needs, notes, outcomes and abuse."""

from django.db import models


class PersonRole(models.TextChoices):
    VICTIM = "victim", "Victim or survivor"
    CHILD = "child", "Child"
    PERSON_USING_HARM = "person_using_harm", "Person using harm"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open: not yet in touch"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ClosureReason(models.TextChoices):
    SUPPORT_COMPLETED = "support_completed", "Support completed"
    DISENGAGED = "disengaged", "Disengaged"
    MOVED_AWAY = "moved_away", "Moved out of the area"
    TRANSFERRED = "transferred", "Transferred to another service"
    DECLINED = "declined", "Declined further support"
    OTHER = "other", "Another reason"


class NeedArea(models.TextChoices):
    """Areas of need, in the order a worker usually asks about them."""

    MENTAL_HEALTH = "mental_health", "Mental health"
    SUBSTANCE_USE = "substance_use", "Drug or alcohol use"
    HOUSING = "housing", "Housing"
    LEGAL = "legal", "Legal advice and court"
    CHILDREN = "children", "Children's wellbeing"
    MONEY = "money", "Money and economic abuse"
    IMMIGRATION = "immigration", "Immigration and no recourse to public funds"
    SAFETY_AT_HOME = "safety_at_home", "Physical safety at home"
    HEALTH = "health", "Physical health"
    EDUCATION_WORK = "education_work", "Education, training and work"
    ISOLATION = "isolation", "Social isolation"


class NeedLevel(models.TextChoices):
    NOT_ASSESSED = "", "Not asked"
    NONE = "none", "No need"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class GoalStatus(models.TextChoices):
    OPEN = "open", "Working on it"
    ACHIEVED = "achieved", "Achieved"
    STOPPED = "stopped", "No longer needed"


class HardeningMeasure(models.TextChoices):
    """Changes to a home that make it harder for someone to get in or do harm."""

    LOCKS = "locks", "New or extra locks"
    DOOR_OR_WINDOW = "door_or_window", "Stronger doors or window security"
    ALARM = "alarm", "Home alarm"
    PERSONAL_ALARM = "personal_alarm", "Personal alarm"
    LETTERBOX = "letterbox", "Fireproof letterbox"
    LIGHTING = "lighting", "Outside lighting"
    CAMERA = "camera", "Doorbell camera or CCTV"
    SANCTUARY_ROOM = "sanctuary_room", "Sanctuary room"
    OTHER = "other", "Something else"


class NoteKind(models.TextChoices):
    CONTACT = "contact", "Contact with the person"
    ATTEMPTED_CONTACT = "attempted_contact", "Attempted contact"
    MEETING = "meeting", "Meeting"
    COURT = "court", "Court"
    MULTI_AGENCY = "multi_agency", "Multi-agency"
    MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"


# Notes that record an attempt to reach the person, successful or not.
CONTACT_KINDS = frozenset({NoteKind.CONTACT, NoteKind.ATTEMPTED_CONTACT})


class ContactChannel(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    LETTER = "letter", "Letter"


class Sensitivity(models.TextChoices):
    """Who may read a note, beyond the access anyone needs to see its case."""

    STANDARD = "standard", "Anyone who may see this case"
    AGENCY = "agency", "Only staff of this agency"
    RESTRICTED = "restricted", "Only the workers I name"


class OutcomeStage(models.TextChoices):
    INTAKE = "intake", "At intake"
    REVIEW = "review", "At a review"
    EXIT = "exit", "At exit"


class AbuseStatus(models.TextChoices):
    NOT_ASKED = "", "Not asked"
    HAPPENING = "happening", "Still happening"
    STOPPED = "stopped", "Stopped"
    NOT_EXPERIENCED = "not_experienced", "Not experienced"
