"""The fixed lists of safe accommodation: the statutory scheme types and what a unit takes."""

from __future__ import annotations

from django.db import models


class SchemeType(models.TextChoices):
    """The kinds of safe accommodation the Domestic Abuse Act 2021 (Part 4) counts."""

    REFUGE = "refuge", "Refuge"
    SPECIALIST = "specialist", "Specialist safe accommodation (including by and for)"
    DISPERSED_REFUGE = "dispersed_refuge", "Dispersed accommodation (refuge-level)"
    DISPERSED_SEMI = "dispersed_semi", "Dispersed accommodation (semi-independent)"
    SECOND_STAGE = "second_stage", "Second stage (move-on) accommodation"
    OTHER_EMERGENCY = "other_emergency", "Other domestic abuse emergency accommodation"
    SANCTUARY = "sanctuary", "Sanctuary scheme"


# Not safe accommodation under the Act, so never a scheme's type. Named so that the refusal
# can say why, when a form or an import offers it.
BED_AND_BREAKFAST = "bed_and_breakfast"


class Sexes(models.TextChoices):
    """Whom a unit takes as the adult of the household."""

    WOMEN = "women", "Women only"
    MEN = "men", "Men only"
    ANY = "any", "Women and men"


class OutOfUseReason(models.TextChoices):
    REPAIRS = "repairs", "Repairs or maintenance"
    DECORATION = "decoration", "Cleaning or decorating between stays"
    SAFETY = "safety", "Safety: the location may be known"
    STAFFING = "staffing", "Not enough staff to support a household"
    OTHER = "other", "Other"
