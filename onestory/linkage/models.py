"""Agencies' extracts in the shared data standard, the linkage model, and OneStory's own link
table: every candidate pair a model suggested, and what a person decided about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.core.registry import (
    LOCATION_SECRET,
    ORDINARY,
    PERSONAL,
    person_level,
)
from onestory.linkage.standard import Role, Source


class ExtractStatus(models.TextChoices):
    IMPORTING = "importing", "Importing"
    COMPLETE = "complete", "Imported"


class Extract(models.Model):
    """One agency's file in the shared standard, held by the agency that runs linkage.

    Its records take part in linkage only once it is complete: an import that stopped part
    way is either carried on (the same file again) or abandoned, never half used.
    """

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="linkage_extracts"
    )
    source = models.CharField(max_length=30, choices=Source.CHOICES)
    supplier = models.CharField("Who supplied it", max_length=200)
    file_name = models.CharField(max_length=255)
    digest = models.CharField("SHA-256 of the file", max_length=64)
    status = models.CharField(
        max_length=10, choices=ExtractStatus.choices, default=ExtractStatus.IMPORTING
    )
    records_total = models.PositiveIntegerField(default=0)
    records_done = models.PositiveIntegerField(default=0)
    imported_by = models.CharField(max_length=150, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "digest"], name="linkage_extract_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} extract from {self.supplier} ({self.file_name})"


@person_level(
    id=ORDINARY,
    extract=ORDINARY,
    line=ORDINARY,
    record_id=PERSONAL,
    given_name=PERSONAL,
    family_name=PERSONAL,
    other_names=PERSONAL,
    date_of_birth=PERSONAL,
    sex=PERSONAL,
    postcode=LOCATION_SECRET,
    address=LOCATION_SECRET,
    phone=LOCATION_SECRET,
    nhs_number=PERSONAL,
    other_identifier=PERSONAL,
    person=ORDINARY,
)
class SourceRecord(models.Model):
    """One person as one source recorded them (the first line of that record in the file)."""

    extract = models.ForeignKey(Extract, on_delete=models.CASCADE, related_name="records")
    line = models.PositiveIntegerField()
    record_id = models.CharField(max_length=200)
    given_name = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200)
    other_names = models.CharField(max_length=200, blank=True)
    date_of_birth = models.CharField(max_length=10, blank=True)  # a whole or partial date
    sex = models.CharField(max_length=10, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    address = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=11, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    other_identifier = models.CharField(max_length=200, blank=True)
    # The OneStory person a confirmed link joined this record to.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_records",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["extract", "record_id"], name="linkage_record_once")
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name} ({self.extract.get_source_display()})"


@person_level(
    id=ORDINARY,
    record=ORDINARY,
    event_id=PERSONAL,
    event_date=PERSONAL,
    event_kind=PERSONAL,
    role=PERSONAL,
)
class SourceEvent(models.Model):
    """A record's part in one event its source recorded."""

    record = models.ForeignKey(SourceRecord, on_delete=models.CASCADE, related_name="events")
    event_id = models.CharField(max_length=200)
    event_date = models.DateField()
    event_kind = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.CHOICES)

    def __str__(self) -> str:
        return f"{self.event_kind} {self.event_id} ({self.role})"


class LinkageModel(models.Model):
    """A trained Splink model: its settings and parameters as Splink saves them, with the
    version and the date it was trained, for one agency's linkage."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="linkage_models"
    )
    version = models.PositiveIntegerField()
    trained_at = models.DateTimeField(default=timezone.now)
    trained_by = models.CharField(max_length=150, blank=True)
    splink_version = models.CharField(max_length=20)
    settings = models.JSONField()
    records = models.PositiveIntegerField()
    seed = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "version"], name="linkage_model_version")
        ]
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Linkage model {self.version}"


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", "To review"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


@person_level(
    id=ORDINARY,
    agency=ORDINARY,
    model=ORDINARY,
    left_key=ORDINARY,
    right_key=ORDINARY,
    left_record=ORDINARY,
    left_person=ORDINARY,
    right_record=ORDINARY,
    right_person=ORDINARY,
    match_probability=ORDINARY,
    match_weight=ORDINARY,
    evidence=PERSONAL,
    status=ORDINARY,
    created_at=ORDINARY,
    decided_by=ORDINARY,
    decided_at=ORDINARY,
    reason=PERSONAL,
)
class CandidateLink(models.Model):
    """A pair of records a model scored above the threshold, and what a person decided.

    OneStory's own link table: confirmed pairs are the links, rejected pairs are remembered
    so no later run suggests them again. Each side is an extract's record or a OneStory
    person (``left_key``/``right_key``: ``r<id>`` or ``p<id>``, the smaller first).
    """

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="candidate_links"
    )
    model = models.ForeignKey(LinkageModel, on_delete=models.PROTECT, related_name="links")
    left_key = models.CharField(max_length=20)
    right_key = models.CharField(max_length=20)
    left_record = models.ForeignKey(
        SourceRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    left_person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    right_record = models.ForeignKey(
        SourceRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    right_person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    match_probability = models.FloatField()
    match_weight = models.FloatField()
    evidence = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "left_key", "right_key"], name="linkage_pair_once"
            )
        ]
        ordering = ["-match_probability", "pk"]

    def __str__(self) -> str:
        return f"Possible link {self.left_key}–{self.right_key}"

    @property
    def persons(self):
        return [p for p in (self.left_person, self.right_person) if p is not None]
