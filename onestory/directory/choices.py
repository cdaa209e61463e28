"""The fixed lists a directory service is described with."""

from django.db import models


class SupportKind(models.TextChoices):
    """The kind of support a service gives. Also the list of needs a worker can choose from."""

    OUTREACH = "outreach", "Community outreach"
    IDVA = "idva", "IDVA (independent domestic violence advisor)"
    SAFE_ACCOMMODATION = "safe_accommodation", "Refuge and other safe accommodation"
    CHILDREN = "children", "Children and young people"
    PERPETRATOR = "perpetrator", "Perpetrator behaviour change"
    EARLY_HELP = "early_help", "Whole-family early help"
    SANCTUARY = "sanctuary", "Sanctuary scheme"
    COUNSELLING = "counselling", "Counselling and therapy"
    LEGAL = "legal", "Legal advice"
    HOUSING = "housing", "Housing"
    SUBSTANCE_USE = "substance_use", "Substance use"
    MENTAL_HEALTH = "mental_health", "Mental health"
    SCHOOL = "school", "School"


# Kinds that are support a person can need; a school is in the directory for other reasons
# (police notices to its designated safeguarding lead), not as a service to refer to.
NEED_KINDS = [kind for kind in SupportKind if kind != SupportKind.SCHOOL]
NEED_CHOICES = [(kind.value, kind.label) for kind in NEED_KINDS]

# Where these services are is never published: refuges and other safe accommodation.
SECRET_LOCATION_KINDS = frozenset({SupportKind.SAFE_ACCOMMODATION})


class ServedGender(models.TextChoices):
    WOMEN = "women", "Women"
    MEN = "men", "Men"
    NON_BINARY = "non_binary", "Non-binary people"


class ServedSide(models.TextChoices):
    """Whether a service works with victims and survivors, with people using harm, or both."""

    VICTIMS = "victims", "Victims and survivors"
    PEOPLE_USING_HARM = "people_using_harm", "People using harm"
    BOTH = "both", "Both"


class RiskBand(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class ReferralRoute(models.TextChoices):
    ONESTORY = "onestory", "Referrals go through OneStory"
    SIGNPOST = "signpost", "Signpost only: the person gets in touch themselves"


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Not running"
