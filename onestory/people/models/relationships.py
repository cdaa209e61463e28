"""Connections between persons; children are persons with their own records."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from onestory.core.registry import ORDINARY, SPECIAL_CATEGORY, person_level
from onestory.people import connections
from onestory.people.connections import RelationshipKind


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    other_person=SPECIAL_CATEGORY,
    kind=SPECIAL_CATEGORY,
    notes=SPECIAL_CATEGORY,
    created_at=ORDINARY,
    created_by=ORDINARY,
)
class Relationship(models.Model):
    """``person`` is ``kind`` ``other_person`` (for "parent of", the person is the parent).

    One row records the connection for both people; ``connections.inverse`` reads it from
    the other side.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="relationships"
    )
    other_person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="relationships_to"
    )
    kind = models.CharField("How they are connected", max_length=30, choices=RelationshipKind)
    notes = models.CharField("Notes", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other_person")),
                name="relationship_between_two_people",
                violation_error_message="A person cannot be connected to themselves.",
            ),
            models.UniqueConstraint(
                fields=["person", "other_person", "kind"],
                name="relationship_recorded_once",
                violation_error_message="This connection is already recorded.",
            ),
        ]

    def __str__(self) -> str:
        return f"person {self.person_id} {self.kind} person {self.other_person_id}"

    @property
    def personally_connected(self) -> bool:
        return connections.is_personally_connected(self.kind)

    def clean(self) -> None:
        super().clean()
        if self.person_id is None or self.other_person_id is None:
            return
        today = timezone.localdate()
        problem = connections.age_problem(
            self.kind, self.person.age(today), self.other_person.age(today)
        )
        if problem:
            raise ValidationError({"kind": problem})
