"""Operation Encompass: police notifications of domestic abuse incidents involving children,
and the notices that tell each child's school before the next school day.

A notification belongs to the agency that recorded it (the police, or the front door on the
police's behalf); only that agency sees it. Schools are directory services of the kind
"school". A notice is sent outside OneStory (secure email or a phone call) and its sending
is recorded here; a school whose directory entry is linked to a partnership agency also
reads its own notices in OneStory (see ``onestory.encompass.access``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.core.registry import (
    LOCATION_SECRET,
    ORDINARY,
    PERSONAL,
    SPECIAL_CATEGORY,
    person_level,
)


class SendMethod(models.TextChoices):
    SECURE_EMAIL = "secure_email", "Secure email"
    PHONE = "phone", "Phone call"


@person_level(
    id=ORDINARY,
    agency=ORDINARY,
    victim=ORDINARY,
    children=SPECIAL_CATEGORY,
    police_reference=PERSONAL,
    occurred_at=PERSONAL,
    circumstances=SPECIAL_CATEGORY,
    notified_at=ORDINARY,
    notices_due_at=ORDINARY,
    incident=ORDINARY,
    referral=ORDINARY,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
)
class EncompassNotification(models.Model):
    """A police notification of a domestic abuse incident, with the children involved.

    ``children`` are the children who were present or live in the household; each child at
    a school gets a notice. ``notices_due_at`` is when the first of its notices is due:
    each notice's own deadline runs from the incident and its school's days (see
    ``encompass.rules.notice_due_at``).
    """

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="encompass_notifications"
    )
    victim = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="encompass_notifications"
    )
    children = models.ManyToManyField(
        "people.Person", blank=True, related_name="encompass_notifications_as_child"
    )
    police_reference = models.CharField("Police reference", max_length=40)
    occurred_at = models.DateTimeField("Date and time of the incident")
    circumstances = models.TextField("Brief circumstances, for the school")
    notified_at = models.DateTimeField(default=timezone.now)
    notices_due_at = models.DateTimeField()
    incident = models.ForeignKey(
        "risk.Incident", on_delete=models.PROTECT, related_name="encompass_notifications"
    )
    referral = models.ForeignKey(
        "intake.Referral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The front door referral the police notification came in as, if any.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "marac_encompassnotification"  # made when Encompass was part of MARAC
        ordering = ["-notified_at", "-id"]
        verbose_name = "police notification (Operation Encompass)"
        constraints = [
            models.CheckConstraint(
                condition=~Q(police_reference=""),
                name="encompass_has_police_reference",
                violation_error_message="Enter the police reference.",
            ),
            models.CheckConstraint(
                condition=~Q(circumstances=""),
                name="encompass_has_circumstances",
                violation_error_message="Enter the brief circumstances, written for the school.",
            ),
            models.CheckConstraint(
                condition=Q(occurred_at__lte=models.F("notified_at")),
                name="encompass_incident_before_notification",
                violation_error_message="The incident cannot be after its notification.",
            ),
        ]

    def __str__(self) -> str:
        return f"Police notification {self.pk} (person {self.victim_id})"


@person_level(
    id=ORDINARY,
    notification=ORDINARY,
    child=ORDINARY,
    # Which school a child goes to says where the child can be found every weekday.
    school=LOCATION_SECRET,
    prepared_by=ORDINARY,
    prepared_at=ORDINARY,
    due_at=ORDINARY,
    sent_at=ORDINARY,
    sent_by=ORDINARY,
    method=ORDINARY,
    dsl_name=LOCATION_SECRET,
    acknowledged_at=ORDINARY,
    acknowledged_by=ORDINARY,
)
class EncompassNotice(models.Model):
    """The notice for one child's school's designated safeguarding lead.

    It holds only the police reference, the date and time, the brief circumstances, and the
    child's name and date of birth (see ``encompass.notice.notice_content``): never an
    address, nor anyone's contact details.
    """

    notification = models.ForeignKey(
        EncompassNotification, on_delete=models.PROTECT, related_name="notices"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="encompass_notices"
    )
    school = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="encompass_notices"
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(default=timezone.now)
    # Before the start of the school's next school day after the incident.
    due_at = models.DateTimeField("Due by")
    sent_at = models.DateTimeField("Sent at", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField("How it was sent", max_length=20, choices=SendMethod, blank=True)
    dsl_name = models.CharField("Designated safeguarding lead told", max_length=200, blank=True)
    # The school confirms it has the notice; the agency that sent it sees that.
    acknowledged_at = models.DateTimeField("Receipt confirmed at", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "marac_encompassnotice"  # made when Encompass was part of MARAC
        ordering = ["due_at", "id"]
        verbose_name = "school notice (Operation Encompass)"
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "child"],
                name="encompass_one_notice_a_child",
                violation_error_message="This child already has a notice for this incident.",
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True, method="", dsl_name="", sent_by__isnull=True)
                | (
                    Q(sent_at__isnull=False, sent_by__isnull=False)
                    & Q(method__in=SendMethod.values)
                    & ~Q(dsl_name="")
                ),
                name="encompass_sending_recorded_whole",
                violation_error_message="A sending needs its time, its method and the "
                "safeguarding lead's name.",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="encompass_receipt_confirmed_whole",
                violation_error_message="A confirmed receipt needs its time and who confirmed it.",
            ),
        ]

    def __str__(self) -> str:
        return f"School notice {self.pk} (person {self.child_id})"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def recorded_late(self) -> bool:
        """The notification was recorded only after this notice was due."""
        return self.notification.recorded_at >= self.due_at


class SchoolTerm(models.Model):
    """A term or half term of a local authority's schools, loaded with ``load-term-dates``.

    School days are the weekdays inside a term that are not bank holidays; holidays are
    the gaps between terms.
    """

    area = models.ForeignKey("accounts.Area", on_delete=models.CASCADE, related_name="school_terms")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["area", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="school_term_ends_after_it_starts",
                violation_error_message="A term cannot end before it starts.",
            ),
            models.UniqueConstraint(fields=["area", "starts_on"], name="school_term_once"),
        ]

    def __str__(self) -> str:
        return f"Term {self.starts_on} to {self.ends_on} (area {self.area_id})"
