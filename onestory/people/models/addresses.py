"""Where a person lives or has lived. Every address is location-secret."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.core.registry import LOCATION_SECRET, ORDINARY, person_level
from onestory.people.models.choices import ALWAYS_SECRET_ADDRESS_KINDS, AddressKind
from onestory.people.validators import normalise_postcode, postcode_district, validate_postcode


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    kind=LOCATION_SECRET,
    line_1=LOCATION_SECRET,
    line_2=LOCATION_SECRET,
    town=LOCATION_SECRET,
    postcode=LOCATION_SECRET,
    postcode_district=LOCATION_SECRET,
    from_date=LOCATION_SECRET,
    to_date=LOCATION_SECRET,
    location_secret=LOCATION_SECRET,
    created_at=ORDINARY,
    created_by=ORDINARY,
)
class Address(models.Model):
    """An address with the dates the person lived there.

    ``location_secret`` marks an address that must never reach anyone who could pass it on:
    it is never printed, exported or used to match a search. Refuges and other safe
    accommodation are always secret; a victim's new address is secret unless a worker
    decides otherwise (see ``actions.record_address``).
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField("Kind of address", max_length=20, choices=AddressKind.choices)
    # Blank only when all that is known is the postcode (as a front-door referral may give).
    line_1 = models.CharField("Address line 1", max_length=200, blank=True)
    line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(
        "Postcode", max_length=8, blank=True, validators=[validate_postcode]
    )
    postcode_district = models.CharField(max_length=4, blank=True, editable=False)
    from_date = models.DateField("Lived here from", null=True, blank=True)
    to_date = models.DateField("Lived here until", null=True, blank=True)
    location_secret = models.BooleanField("Keep this address secret", default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["to_date", "-from_date", "-id"]
        indexes = [
            models.Index(fields=["postcode"], name="address_postcode"),
            # Finding people by postcode district and name: only addresses a search may use.
            models.Index(
                fields=["postcode_district", "person"],
                name="address_open_district",
                condition=models.Q(location_secret=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=sorted(ALWAYS_SECRET_ADDRESS_KINDS))
                | models.Q(location_secret=True),
                name="refuge_address_always_secret",
                violation_error_message="Refuges and safe accommodation are always kept secret.",
            ),
            models.CheckConstraint(
                condition=~models.Q(line_1="", postcode=""),
                name="address_has_a_line_or_postcode",
                violation_error_message="Enter the first line of the address or its postcode.",
            ),
            models.CheckConstraint(
                condition=models.Q(to_date__isnull=True)
                | models.Q(from_date__isnull=True)
                | models.Q(to_date__gte=models.F("from_date")),
                name="address_dates_in_order",
                violation_error_message="The date they left must be after the date they moved in.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} address for person {self.person_id}"

    def save(self, *args, **kwargs) -> None:
        self.postcode = normalise_postcode(self.postcode) or self.postcode
        self.postcode_district = postcode_district(self.postcode)
        if self.kind in ALWAYS_SECRET_ADDRESS_KINDS:
            self.location_secret = True
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.to_date is None or self.to_date >= timezone.localdate()
