"""The fixed lists a referral is described with."""

from django.db import models


class Channel(models.TextChoices):
    ONLINE_FORM = "online_form", "Online form"
    PHONE = "phone", "Phone"
    PROFESSIONAL_FORM = "professional_form", "Professional's form"
    PARTNER_SYSTEM = "partner_system", "Partner system"


class Source(models.TextChoices):
    SELF = "self", "Victim or survivor"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    PROFESSIONAL = "professional", "Professional"
    OWN_BEHAVIOUR = "own_behaviour", "Worried about their own behaviour"


class ProfessionalKind(models.TextChoices):
    """The kind of agency a professional referrer works for (the partnership's kinds, and more)."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health (GP, hospital, health visitor, mental health)"
    CHILDRENS_SOCIAL_CARE = "csc", "Children's social care"
    ADULT_SOCIAL_CARE = "asc", "Adult social care"
    HOUSING = "housing", "Housing"
    EDUCATION = "education", "School, college or nursery"
    PROBATION = "probation", "Probation"
    OUTREACH = "outreach", "Domestic abuse outreach service"
    IDVA = "idva", "IDVA service"
    REFUGE = "refuge", "Refuge or safe-accommodation provider"
    CHILDREN = "children", "Children's service"
    PERPETRATOR = "perpetrator", "Perpetrator service"
    OTHER = "other", "Another organisation"


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "In another way"
    NOT_SAID = "not_said", "Prefer not to say or not known"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class ChildrenLiveWith(models.TextChoices):
    """For someone worried about their own behaviour: where any children live."""

    WITH_ME = "with_me", "With me"
    WITH_OTHER = "with_other", "With the other person"
    WITH_BOTH = "with_both", "With both of us, or they move between us"
    ELSEWHERE = "elsewhere", "Somewhere else"
    NO_CHILDREN = "no_children", "There are no children"


class Service(models.TextChoices):
    """Kinds of service a person may agree their details are shared with."""

    OUTREACH = "outreach", "Community outreach support"
    IDVA = "idva", "An independent domestic violence advisor (IDVA)"
    REFUGE = "refuge", "Refuge or other safe accommodation"
    CHILDREN = "children", "Children's services"
    PERPETRATOR = "perpetrator", "Services that help people change harmful behaviour"
    POLICE = "police", "The police"
    HOUSING = "housing", "Housing"
    HEALTH = "health", "Health services"


class Urgency(models.TextChoices):
    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    STANDARD = "standard", "Standard"


class Status(models.TextChoices):
    NEW = "new", "New"
    ASSIGNED = "assigned", "Assigned"
    IN_TRIAGE = "in_triage", "In triage"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    ADVICE = "advice", "Information and advice given"
    SIGNPOSTED = "signposted", "Signposted"
    REFERRED_ON = "referred_on", "Referred on"
    MARAC = "marac", "Referred to MARAC"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    PROFESSIONAL = "professional", "Through a named professional"
    IN_PERSON = "in_person", "In person"
