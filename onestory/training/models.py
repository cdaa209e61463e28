"""Training and awareness: courses, sessions, who attended (by agency and role, in numbers:
no trainee is named), feedback, and the workforce each agency states, for the reach figures
in the board's annual report. Nothing here is about a person the partnership supports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Topic(models.TextChoices):
    AWARENESS = "awareness", "Domestic abuse awareness"
    DASH_MARAC = "dash_marac", "DASH and MARAC"
    COERCIVE_CONTROL = "coercive_control", "Coercive control"
    USING_HARM = "using_harm", "Working with people who use harm"
    ENCOMPASS = "encompass", "Operation Encompass for schools"
    OTHER = "other", "Another topic the partnership adds"


class StaffRole(models.TextChoices):
    FRONTLINE = "frontline", "Frontline practitioner"
    MANAGER = "manager", "Manager or supervisor"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    CALL_HANDLER = "call_handler", "Call handler or reception"
    VOLUNTEER = "volunteer", "Volunteer"
    OTHER = "other", "Other"


class Course(models.Model):
    name = models.CharField(max_length=200, unique=True)
    topic = models.CharField(max_length=20, choices=Topic.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    organised_by = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="training_sessions"
    )
    held_on = models.DateField()
    trainer = models.CharField(max_length=200)
    feedback_count = models.PositiveIntegerField("feedback forms returned", default=0)
    feedback_mean = models.DecimalField(
        "average feedback score (1 to 5)", max_digits=3, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(feedback_mean__isnull=True)
                | Q(feedback_mean__gte=1, feedback_mean__lte=5, feedback_count__gt=0),
                name="training_feedback_between_one_and_five",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} on {self.held_on:%d/%m/%Y}"


class Attendance(models.Model):
    """How many staff of one agency, in one kind of role, attended a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=StaffRole.choices)
    people = models.PositiveIntegerField()

    class Meta:
        ordering = ["agency__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "agency", "role"], name="training_one_row_per_agency_role"
            ),
            models.CheckConstraint(condition=Q(people__gt=0), name="training_attendance_counts"),
        ]

    def __str__(self) -> str:
        return f"{self.people} from {self.agency_id} at session {self.session_id}"


class Workforce(models.Model):
    """The staff an agency says it has who should be trained, for one financial year."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The year the financial year starts in")
    staff = models.PositiveIntegerField()
    stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="training_one_workforce_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.staff}"
