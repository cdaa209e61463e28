"""The answers a person's record offers: plain words, with the 2021 census lists where one exists.

"Not known" means nobody has asked yet; "Prefer not to say" means the person chose not to.
"""

from django.db import models


class Involvement(models.TextChoices):
    NOT_KNOWN = "not_known", "Not known yet"
    VICTIM = "victim", "Victim or survivor"
    CHILD_VICTIM = "child_victim", "Child affected by abuse"
    PERSON_USING_HARM = "person_using_harm", "Person using harm"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    OTHER = "other", "Other"


class Sex(models.TextChoices):
    NOT_KNOWN = "", "Not known"
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class GenderIdentity(models.TextChoices):
    NOT_KNOWN = "", "Not known"
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Another gender identity"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class YesNoPrefer(models.TextChoices):
    NOT_KNOWN = "", "Not known"
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


# The ethnic groups of the 2021 census in England, grouped as the census groups them.
ETHNICITY_CHOICES = [
    ("", "Not known"),
    (
        "Asian or Asian British",
        [
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            ("asian_other", "Any other Asian background"),
        ],
    ),
    (
        "Black, Black British, Caribbean or African",
        [
            ("black_african", "African"),
            ("black_caribbean", "Caribbean"),
            ("black_other", "Any other Black, Black British or Caribbean background"),
        ],
    ),
    (
        "Mixed or multiple ethnic groups",
        [
            ("mixed_white_asian", "White and Asian"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            ("mixed_other", "Any other mixed or multiple ethnic background"),
        ],
    ),
    (
        "White",
        [
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy_traveller", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            ("white_other", "Any other White background"),
        ],
    ),
    (
        "Other ethnic group",
        [
            ("other_arab", "Arab"),
            ("other_any", "Any other ethnic group"),
        ],
    ),
    ("prefer_not_to_say", "Prefer not to say"),
]

ETHNICITY_GROUPS = {
    code: group
    for group, options in ETHNICITY_CHOICES
    if isinstance(options, list)
    for code, _ in options
}


class SexualOrientation(models.TextChoices):
    NOT_KNOWN = "", "Not known"
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_OR_LESBIAN = "gay_or_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class DisabilityKind(models.TextChoices):
    PHYSICAL = "physical", "Physical or mobility"
    DEAF = "deaf", "Deaf or hard of hearing"
    VISUAL = "visual", "Blind or visually impaired"
    LEARNING = "learning", "Learning disability"
    AUTISM = "autism", "Autism or neurodivergence"
    MENTAL_HEALTH = "mental_health", "Mental health condition"
    LONG_TERM_ILLNESS = "long_term_illness", "Long-term illness"
    OTHER = "other", "Other"


class Religion(models.TextChoices):
    NOT_KNOWN = "", "Not known"
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class ImmigrationStatus(models.TextChoices):
    NOT_KNOWN = "", "Not known"
    BRITISH_OR_IRISH = "british_or_irish", "British or Irish citizen"
    SETTLED = "settled", "Settled status or indefinite leave to remain"
    PRE_SETTLED = "pre_settled", "Pre-settled status"
    LIMITED_LEAVE = "limited_leave", "Limited leave (a visa)"
    SPOUSAL_VISA = "spousal_visa", "Spouse or partner visa"
    ASYLUM_SEEKER = "asylum_seeker", "Asylum seeker"
    REFUGEE = "refugee", "Refugee or humanitarian protection"
    NO_LEAVE = "no_leave", "No current leave"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class NameKind(models.TextChoices):
    PREFERRED = "preferred", "Preferred name (known as)"
    ALIAS = "alias", "Alias or other name used"
    PREVIOUS = "previous", "Previous name"


class ContactKind(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"


class AddressKind(models.TextChoices):
    HOME = "home", "Home"
    REFUGE = "refuge", "Refuge"
    SAFE_ACCOMMODATION = "safe_accommodation", "Other safe accommodation"
    TEMPORARY = "temporary", "Temporary accommodation"
    OTHER = "other", "Other"


# Kinds of address that are always location-secret, whatever a worker ticks.
ALWAYS_SECRET_ADDRESS_KINDS = frozenset({AddressKind.REFUGE, AddressKind.SAFE_ACCOMMODATION})
