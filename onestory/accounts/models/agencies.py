"""The partnership's geography and its member agencies."""

from django.db import models


class AreaLevel(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    DISTRICT = "district", "District"
    WARD = "ward", "Ward"


# Which level may sit under which: a ward under a district, a district under a local authority.
PARENT_LEVEL = {
    AreaLevel.LOCAL_AUTHORITY: None,
    AreaLevel.DISTRICT: AreaLevel.LOCAL_AUTHORITY,
    AreaLevel.WARD: AreaLevel.DISTRICT,
}
# Single-tier local authorities have no districts: their wards sit directly under them.
# Their official codes start E06 (unitary authorities), E08 (metropolitan districts) or
# E09 (London boroughs); a county council (E10) has districts (E07) under it.
SINGLE_TIER_PREFIXES = ("E06", "E08", "E09")


def may_sit_under(level: str, parent_level: str, parent_code: str) -> bool:
    """Whether an area of ``level`` may have the area ``parent_code`` (of ``parent_level``)
    as its parent."""
    if parent_level == PARENT_LEVEL[AreaLevel(level)]:
        return True
    return (
        level == AreaLevel.WARD
        and parent_level == AreaLevel.LOCAL_AUTHORITY
        and parent_code.startswith(SINGLE_TIER_PREFIXES)
    )


class Area(models.Model):
    """A local authority, district or ward, with its official (ONS GSS) code."""

    code = models.CharField(
        max_length=9, unique=True, help_text="The official code, like E10000012."
    )
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    adult_women = models.PositiveIntegerField(
        null=True, blank=True, help_text="Women aged 16 and over living here, for rates per 10,000."
    )

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class AgencyKind(models.TextChoices):
    CENTRAL_POINT_OF_CONTACT = "cpoc", "Central point of contact"
    COMMUNITY_OUTREACH = "outreach", "Community outreach"
    IDVA_SERVICE = "idva", "IDVA service"
    SAFE_ACCOMMODATION = "refuge", "Refuge or safe-accommodation provider"
    CHILDRENS_SERVICE = "children", "Children's service"
    PERPETRATOR_SERVICE = "perpetrator", "Perpetrator service"
    POLICE = "police", "Police"
    CHILDRENS_SOCIAL_CARE = "csc", "Children's social care"
    ADULT_SOCIAL_CARE = "asc", "Adult social care"
    HOUSING = "housing", "Housing"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    EDUCATION = "education", "Education"
    COMMISSIONER = "commissioner", "Commissioner"


class Agency(models.Model):
    """A member organisation of the partnership. Agencies are the tenants of OneStory."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="agencies")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name
