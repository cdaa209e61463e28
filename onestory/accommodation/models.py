"""Safe accommodation schemes and their units.

A scheme is run by one agency (a refuge provider, a housing association). Where a scheme is
(its address, postcode and how to find it) is location-secret: only the running agency's
staff who may see location-secret details ever read it; everyone else sees the town or
district it is in. A unit is a room, flat or bed space, and says what household it can take.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.accommodation.choices import (
    AdultSex,
    AskStatus,
    EndReason,
    FundPurpose,
    GrantStatus,
    LandlordPermission,
    MeasureKind,
    MoveOn,
    OutOfUseReason,
    RequestStatus,
    SchemeDeclineReason,
    SchemeType,
    Sexes,
    SurvivorDeclineReason,
)
from onestory.core.registry import (
    LOCATION_SECRET,
    ORDINARY,
    PERSONAL,
    SPECIAL_CATEGORY,
    person_level,
)

LOCATION_FIELDS = ("address", "postcode", "directions")


# Schemes hold no one's details, but their location is as secret as a safe address, so
# their fields are classified like a person's and the same rules keep them.
@person_level(
    id=ORDINARY,
    agency=ORDINARY,
    name=ORDINARY,
    scheme_type=ORDINARY,
    by_and_for=ORDINARY,
    specialist_group=ORDINARY,
    town=ORDINARY,
    area=ORDINARY,
    address=LOCATION_SECRET,
    postcode=LOCATION_SECRET,
    directions=LOCATION_SECRET,
    is_active=ORDINARY,
    vacancies_checked_at=ORDINARY,
    created_by=ORDINARY,
    created_at=ORDINARY,
    updated_at=ORDINARY,
)
class Scheme(models.Model):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="accommodation_schemes"
    )
    name = models.CharField("Name of the scheme", max_length=200)
    scheme_type = models.CharField(
        "Type of safe accommodation", max_length=30, choices=SchemeType.choices
    )
    by_and_for = models.BooleanField(
        "Run by and for the people it serves",
        default=False,
        help_text="A specialist service led by people who share the characteristic it serves.",
    )
    specialist_group = models.CharField(
        "Specialist group it serves",
        max_length=200,
        blank=True,
        help_text="For example: Black and minoritised women, LGBT+ people, deaf women.",
    )
    town = models.CharField(
        "Town or district",
        max_length=100,
        help_text="What other agencies see of where it is. Never a street.",
    )
    area = models.ForeignKey(
        "accounts.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="District",
        help_text="The partnership's district it is in. Leave empty for a scheme outside the "
        "partnership's area.",
    )
    address = models.TextField("Address")
    postcode = models.CharField("Postcode", max_length=10)
    directions = models.TextField(
        "How to find it and get in", blank=True, help_text="Seen only by your agency."
    )
    is_active = models.BooleanField(default=True)
    vacancies_checked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When its staff last changed or confirmed which units are free: the age of "
        "its figure on the vacancy board.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scheme_type__in=SchemeType.values),
                name="accommodation_scheme_statutory_type",
                violation_error_message="A scheme must be one of the statutory types.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@person_level(
    id=ORDINARY,
    scheme=ORDINARY,
    name=ORDINARY,
    bed_spaces=ORDINARY,
    sexes=ORDINARY,
    max_children=ORDINARY,
    boys_up_to_age=ORDINARY,
    pets=ORDINARY,
    wheelchair_access=ORDINARY,
    no_recourse_to_public_funds=ORDINARY,
    languages=ORDINARY,
    specialist_group=ORDINARY,
    out_of_use_reason=ORDINARY,
    out_of_use_details=ORDINARY,
    out_of_use_since=ORDINARY,
    expected_back_on=ORDINARY,
    created_at=ORDINARY,
    updated_at=ORDINARY,
)
class Unit(models.Model):
    """A room, flat or bed space in a scheme, and the household it can take."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(
        "Name of the unit",
        max_length=100,
        help_text="How your staff know it, for example Room 3. Never an address.",
    )
    bed_spaces = models.PositiveSmallIntegerField(
        "Bed spaces", help_text="The most people, adults and children, it can take."
    )
    sexes = models.CharField("Takes", max_length=10, choices=Sexes.choices)
    max_children = models.PositiveSmallIntegerField("Most children it can take", default=0)
    boys_up_to_age = models.PositiveSmallIntegerField(
        "Boys up to what age",
        null=True,
        blank=True,
        help_text="Leave empty if it takes boys of any age.",
    )
    pets = models.BooleanField("Takes pets", default=False)
    wheelchair_access = models.BooleanField("Wheelchair accessible", default=False)
    no_recourse_to_public_funds = models.BooleanField(
        "Takes people with no recourse to public funds", default=False
    )
    languages = models.JSONField("Languages spoken by the staff", default=list, blank=True)
    specialist_group = models.CharField("Specialist group", max_length=200, blank=True)
    out_of_use_reason = models.CharField(
        "Why it is out of use", max_length=20, choices=OutOfUseReason.choices, blank=True
    )
    out_of_use_details = models.CharField(max_length=200, blank=True)
    out_of_use_since = models.DateField(null=True, blank=True)
    expected_back_on = models.DateField("Expected back in use", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scheme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="accommodation_unit_name"),
            models.CheckConstraint(
                condition=Q(bed_spaces__gte=1), name="accommodation_unit_has_a_bed"
            ),
            models.CheckConstraint(
                condition=Q(max_children__lt=models.F("bed_spaces")),
                name="accommodation_unit_room_for_an_adult",
            ),
            models.CheckConstraint(
                condition=Q(out_of_use_reason="") | Q(out_of_use_since__isnull=False),
                name="accommodation_unit_out_of_use_since",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_out_of_use(self) -> bool:
        return bool(self.out_of_use_reason)


class ListedVacancy(models.Model):
    """A place free in a scheme outside the partnership, listed by hand from what its
    provider or a national vacancy service said. It holds no address: only the town."""

    listed_by_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="listed_vacancies"
    )
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.CharField("Who runs it", max_length=200)
    scheme_name = models.CharField("Name of the scheme", max_length=200)
    scheme_type = models.CharField(
        "Type of safe accommodation", max_length=30, choices=SchemeType.choices
    )
    town = models.CharField("Town or district", max_length=100)
    places = models.PositiveSmallIntegerField("Places free", default=1)
    bed_spaces = models.PositiveSmallIntegerField("Largest household it takes")
    sexes = models.CharField("Takes", max_length=10, choices=Sexes.choices)
    max_children = models.PositiveSmallIntegerField("Most children it can take", default=0)
    boys_up_to_age = models.PositiveSmallIntegerField(null=True, blank=True)
    pets = models.BooleanField("Takes pets", default=False)
    wheelchair_access = models.BooleanField("Wheelchair accessible", default=False)
    no_recourse_to_public_funds = models.BooleanField(
        "Takes people with no recourse to public funds", default=False
    )
    languages = models.JSONField(default=list, blank=True)
    specialist_group = models.CharField(max_length=200, blank=True)
    how_to_refer = models.CharField("How to refer", max_length=300)
    reported_at = models.DateTimeField("When the provider said it was free")
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scheme_type__in=SchemeType.values),
                name="accommodation_listed_statutory_type",
            ),
            models.CheckConstraint(
                condition=Q(max_children__lt=models.F("bed_spaces")),
                name="accommodation_listed_room_for_an_adult",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_name} ({self.town})"


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    agency=ORDINARY,
    requested_by=ORDINARY,
    adult_sex=PERSONAL,
    adults=PERSONAL,
    children=PERSONAL,
    pets=PERSONAL,
    wheelchair=SPECIAL_CATEGORY,
    access_needs=SPECIAL_CATEGORY,
    languages=PERSONAL,
    nrpf=SPECIAL_CATEGORY,
    risk_to_others=SPECIAL_CATEGORY,
    unsafe_areas=SPECIAL_CATEGORY,
    from_area=PERSONAL,
    from_district=PERSONAL,
    from_in_area=ORDINARY,
    placed_in_area=ORDINARY,
    status=ORDINARY,
    created_at=ORDINARY,
    closed_at=ORDINARY,
)
class PlacementRequest(models.Model):
    """A worker asks for a place for a household, of one or several schemes at once.

    ``children`` is a list of ``{"age": int, "sex": "girl" | "boy"}``. ``from_in_area`` says
    whether the household came from inside the partnership's area; ``placed_in_area``,
    set when the survivor accepts a place, whether it went to a scheme inside it.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="placement_requests"
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="placement_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    adult_sex = models.CharField("The adult is", max_length=10, choices=AdultSex.choices)
    adults = models.PositiveSmallIntegerField("Adults", default=1)
    children = models.JSONField(default=list, blank=True)
    pets = models.BooleanField("Has pets", default=False)
    wheelchair = models.BooleanField("Needs wheelchair access", default=False)
    access_needs = models.TextField("Other access needs", blank=True)
    languages = models.JSONField(default=list, blank=True)
    nrpf = models.BooleanField("No recourse to public funds", default=False)
    risk_to_others = models.TextField("Risk to others", blank=True)
    unsafe_areas = models.TextField("Areas unsafe for them", blank=True)
    from_area = models.CharField("Where the household is coming from", max_length=100)
    from_district = models.ForeignKey(
        "accounts.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="District the household is coming from",
        help_text="Empty when the household comes from outside the partnership's area.",
    )
    from_in_area = models.BooleanField("Coming from inside the partnership's area", default=True)
    placed_in_area = models.BooleanField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Placement request {self.pk}"

    @property
    def size(self) -> int:
        return self.adults + len(self.children)


class PlacementAskQuerySet(models.QuerySet):
    def held(self):
        """Asks holding their unit: offered and waiting for the survivor, or taken and
        waiting for the household to arrive."""
        return self.filter(Q(status=AskStatus.OFFERED) | Q(status=AskStatus.TAKEN, stay=None))


@person_level(
    id=ORDINARY,
    request=ORDINARY,
    scheme=ORDINARY,
    status=ORDINARY,
    unit=ORDINARY,
    scheme_reason=ORDINARY,
    survivor_reason=ORDINARY,
    details=SPECIAL_CATEGORY,
    asked_at=ORDINARY,
    responded_at=ORDINARY,
    responded_by=ORDINARY,
    decided_at=ORDINARY,
    decided_by=ORDINARY,
)
class PlacementAsk(models.Model):
    """One scheme asked for a place: its answer, and the survivor's answer to an offer."""

    request = models.ForeignKey(PlacementRequest, on_delete=models.CASCADE, related_name="asks")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="asks")
    status = models.CharField(max_length=10, choices=AskStatus.choices, default=AskStatus.ASKED)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="asks"
    )
    scheme_reason = models.CharField(
        "Why the scheme declined", max_length=30, choices=SchemeDeclineReason.choices, blank=True
    )
    survivor_reason = models.CharField(
        "Why the survivor declined",
        max_length=20,
        choices=SurvivorDeclineReason.choices,
        blank=True,
    )
    details = models.CharField("More about why", max_length=300, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PlacementAskQuerySet.as_manager()

    class Meta:
        ordering = ["asked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "scheme"], name="accommodation_ask_once"),
            models.CheckConstraint(
                condition=~Q(status__in=["offered", "taken", "refused"]) | Q(unit__isnull=False),
                name="accommodation_ask_offer_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} for request {self.request_id}"


@person_level(
    id=ORDINARY,
    ask=ORDINARY,
    person=ORDINARY,
    unit=ORDINARY,
    adults=PERSONAL,
    children=PERSONAL,
    key_worker=ORDINARY,
    support_given=SPECIAL_CATEGORY,
    arrived_on=PERSONAL,
    departed_on=PERSONAL,
    end_reason=SPECIAL_CATEGORY,
    move_on=SPECIAL_CATEGORY,
    recorded_by=ORDINARY,
    created_at=ORDINARY,
)
class Stay(models.Model):
    """A household's stay in a unit, from arrival to departure.

    A unit with a stay that has no departure is occupied. ``children`` is a list of
    ``{"age": int, "sex": "girl" | "boy"}`` at arrival, carried over from the request.
    """

    ask = models.OneToOneField(PlacementAsk, on_delete=models.PROTECT, related_name="stay")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="stays")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="stays")
    adults = models.PositiveSmallIntegerField("Adults", default=1)
    children = models.JSONField(default=list, blank=True)
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    support_given = models.JSONField("Support given", default=list, blank=True)
    arrived_on = models.DateField("Arrived on")
    departed_on = models.DateField("Left on", null=True, blank=True)
    end_reason = models.CharField(
        "Why support ended", max_length=20, choices=EndReason.choices, blank=True
    )
    move_on = models.CharField(
        "Where they moved on to", max_length=20, choices=MoveOn.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-arrived_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(departed_on__isnull=True),
                name="accommodation_one_household_a_unit",
                violation_error_message="The unit already has a household in it.",
            ),
            models.CheckConstraint(
                condition=Q(departed_on__isnull=True) | Q(departed_on__gte=models.F("arrived_on")),
                name="accommodation_leaves_after_arriving",
            ),
        ]

    def __str__(self) -> str:
        return f"Stay {self.pk}"

    @property
    def size(self) -> int:
        return self.adults + len(self.children)

    def length_in_days(self, today) -> int:
        """Nights stayed: to the departure, or to ``today`` while they are still there."""
        return ((self.departed_on or today) - self.arrived_on).days


@person_level(
    id=ORDINARY,
    scheme=ORDINARY,
    person=ORDINARY,
    surveyed_on=PERSONAL,
    survey_findings=LOCATION_SECRET,
    landlord_permission=PERSONAL,
    reviewed_on=PERSONAL,
    review_notes=SPECIAL_CATEGORY,
    recorded_by=ORDINARY,
    created_at=ORDINARY,
)
class SanctuaryInstall(models.Model):
    """Extra security so a victim can stay in their own home: the survey, the measures
    fitted, the landlord's permission where needed, and the review. What the survey found
    describes the home, so it is location-secret."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="installs")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="sanctuary_installs"
    )
    surveyed_on = models.DateField("Date of the survey")
    survey_findings = models.TextField("What the survey found", blank=True)
    landlord_permission = models.CharField(
        "Landlord's permission", max_length=20, choices=LandlordPermission.choices
    )
    reviewed_on = models.DateField("Date of the review", null=True, blank=True)
    review_notes = models.TextField("What the review found", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-surveyed_on", "-id"]

    def __str__(self) -> str:
        return f"Sanctuary install {self.pk}"


@person_level(
    id=ORDINARY,
    install=ORDINARY,
    kind=ORDINARY,
    details=ORDINARY,
    cost=ORDINARY,
    fitted_on=ORDINARY,
    recorded_by=ORDINARY,
)
class SanctuaryMeasure(models.Model):
    install = models.ForeignKey(SanctuaryInstall, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField("Measure", max_length=20, choices=MeasureKind.choices)
    details = models.CharField("Details (optional)", max_length=200, blank=True)
    cost = models.DecimalField("Cost in pounds", max_digits=8, decimal_places=2)
    fitted_on = models.DateField("Date fitted")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["fitted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gte=0), name="accommodation_measure_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class FundBudget(models.Model):
    """The Safe Start Fund's budget for one financial year (1 April to 31 March)."""

    starts_on = models.DateField("Year starting", unique=True)
    amount = models.DecimalField("Budget in pounds", max_digits=10, decimal_places=2)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="accommodation_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Safe Start Fund {self.starts_on.year}"


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    agency=ORDINARY,
    applied_by=ORDINARY,
    applied_on=ORDINARY,
    amount=PERSONAL,
    purpose=PERSONAL,
    purpose_details=SPECIAL_CATEGORY,
    status=ORDINARY,
    decided_by=ORDINARY,
    decided_at=ORDINARY,
    refusal_reason=PERSONAL,
    paid_on=PERSONAL,
)
class FundGrant(models.Model):
    """A small grant from the Safe Start Fund to help a household find or keep safe
    accommodation: applied for by a worker, approved by a team manager, then paid."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField(default=timezone.localdate)
    amount = models.DecimalField("Amount in pounds", max_digits=8, decimal_places=2)
    purpose = models.CharField("What it is for", max_length=20, choices=FundPurpose.choices)
    purpose_details = models.CharField("More about what it is for", max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=GrantStatus.choices, default=GrantStatus.APPLIED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField(max_length=300, blank=True)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-applied_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="accommodation_grant_positive"),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(decided_by__isnull=False),
                name="accommodation_grant_paid_after_approval",
                violation_error_message="A grant is paid only once it is approved.",
            ),
        ]

    def __str__(self) -> str:
        return f"Safe Start grant {self.pk}"
