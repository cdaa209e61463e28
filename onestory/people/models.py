"""Persons: one record per person an agency holds, owned by that agency."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.access.registry import ORDINARY, PERSONAL, person_level


@person_level(
    id=ORDINARY,
    owning_agency=ORDINARY,
    given_name=PERSONAL,
    family_name=PERSONAL,
    date_of_birth=PERSONAL,
    created_at=ORDINARY,
    created_by=ORDINARY,
)
class Person(models.Model):
    """A person known to the partnership: a victim or survivor, a child, or a person using harm."""

    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="persons"
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["family_name", "given_name", "id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)
