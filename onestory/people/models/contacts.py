"""How to reach a person safely: numbers and emails, and what is safe to do with them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.core.registry import LOCATION_SECRET, ORDINARY, PERSONAL, person_level
from onestory.people.models.choices import ContactKind


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    kind=LOCATION_SECRET,
    value=LOCATION_SECRET,
    label=LOCATION_SECRET,
    safe_to_use=LOCATION_SECRET,
    safe_times=LOCATION_SECRET,
    voicemail_allowed=LOCATION_SECRET,
    text_allowed=LOCATION_SECRET,
    is_current=LOCATION_SECRET,
    created_at=ORDINARY,
    created_by=ORDINARY,
)
class ContactMethod(models.Model):
    """A phone number or email address, with whether and when it is safe to use.

    Safe contact details lead to the person as surely as an address does, so they are
    location-secret.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="contact_methods"
    )
    kind = models.CharField("Kind", max_length=10, choices=ContactKind.choices)
    value = models.CharField("Number or email address", max_length=254)
    label = models.CharField(
        "Whose or what it is", max_length=60, blank=True, help_text="For example, own mobile"
    )
    safe_to_use = models.BooleanField("Safe to call or write to", default=False)
    safe_times = models.CharField(
        "When it is safe", max_length=200, blank=True, help_text="For example, weekdays 9am to 3pm"
    )
    voicemail_allowed = models.BooleanField("Safe to leave a voicemail", default=False)
    text_allowed = models.BooleanField("Safe to send a text message", default=False)
    is_current = models.BooleanField("Still in use", default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-is_current", "-safe_to_use", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for person {self.person_id}"


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    safe_word=LOCATION_SECRET,
    only_through_professional=PERSONAL,
    professional_name=PERSONAL,
    professional_agency=PERSONAL,
    notes=LOCATION_SECRET,
    updated_at=ORDINARY,
    updated_by=ORDINARY,
)
class SafeContactPlan(models.Model):
    """How to make contact safely: a safe word, or contact only through a named professional.

    The professional route is shown to anyone who may see the person (so nobody calls the
    person directly by mistake); the safe word and notes are location-secret.
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="safe_contact_plan"
    )
    safe_word = models.CharField(
        "Safe word",
        max_length=60,
        blank=True,
        help_text="A word the person uses to say it is not safe to talk.",
    )
    only_through_professional = models.BooleanField(
        "Contact only through a named professional", default=False
    )
    professional_name = models.CharField("Professional's name", max_length=200, blank=True)
    professional_agency = models.CharField("Their agency", max_length=200, blank=True)
    notes = models.TextField("Anything else about safe contact", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(only_through_professional=False)
                | ~models.Q(professional_name=""),
                name="safe_contact_professional_named",
                violation_error_message="Name the professional to contact the person through.",
            )
        ]

    def __str__(self) -> str:
        return f"Safe contact plan for person {self.person_id}"
