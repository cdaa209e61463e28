"""Persons and the other names they are known by."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level
from onestory.people import names
from onestory.people.models.choices import (
    ETHNICITY_CHOICES,
    DisabilityKind,
    GenderIdentity,
    ImmigrationStatus,
    Involvement,
    NameKind,
    Religion,
    Sex,
    SexualOrientation,
    YesNoPrefer,
)
from onestory.people.validators import (
    age_on,
    validate_birth_year,
    validate_date_of_birth,
    validate_nhs_number,
)

# The columns kept in step with the names, for finding people (see names.search_columns).
SEARCH_COLUMNS = (
    "search_given_name",
    "search_family_name",
    "given_name_keys",
    "family_name_keys",
    "given_key",
    "family_key",
    "family_key_2",
)


class SearchColumnsMixin(models.Model):
    """Normalised names and their sound keys, refreshed whenever the names are saved."""

    search_given_name = models.TextField(blank=True, editable=False)
    search_family_name = models.TextField(blank=True, editable=False)
    given_name_keys = models.TextField(blank=True, editable=False)
    family_name_keys = models.TextField(blank=True, editable=False)
    # The sound keys of the first given name and of the first and last family names, each
    # alone, so a look-up by one name (or two the other way round) uses an index.
    given_key = models.CharField(max_length=6, blank=True, editable=False)
    family_key = models.CharField(max_length=6, blank=True, editable=False)
    family_key_2 = models.CharField(max_length=6, blank=True, editable=False)

    class Meta:
        abstract = True

    def refresh_search_columns(self) -> None:
        for column, value in names.search_columns(self.given_name, self.family_name).items():
            setattr(self, column, value)


_SEARCH_CLASSES = {column: PERSONAL for column in SEARCH_COLUMNS}


@person_level(
    id=ORDINARY,
    owning_agency=ORDINARY,
    given_name=PERSONAL,
    family_name=PERSONAL,
    date_of_birth=PERSONAL,
    birth_year_estimate=PERSONAL,
    birth_year=PERSONAL,
    involvement=SPECIAL_CATEGORY,
    sex=PERSONAL,
    gender_identity=SPECIAL_CATEGORY,
    gender_same_as_sex_at_birth=SPECIAL_CATEGORY,
    ethnicity=SPECIAL_CATEGORY,
    sexual_orientation=SPECIAL_CATEGORY,
    disability=SPECIAL_CATEGORY,
    disability_kinds=SPECIAL_CATEGORY,
    religion=SPECIAL_CATEGORY,
    first_language=PERSONAL,
    interpreter_needed=PERSONAL,
    immigration_status=SPECIAL_CATEGORY,
    no_recourse_to_public_funds=SPECIAL_CATEGORY,
    nhs_number=PERSONAL,
    police_reference=PERSONAL,
    local_authority_reference=PERSONAL,
    merged_into=ORDINARY,
    merged_at=ORDINARY,
    merged_by=ORDINARY,
    created_at=ORDINARY,
    created_by=ORDINARY,
    updated_at=ORDINARY,
    **_SEARCH_CLASSES,
)
class Person(SearchColumnsMixin, models.Model):
    """A person known to the partnership: a victim or survivor, a child, or a person using harm."""

    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="persons"
    )
    given_name = models.CharField("Given name", max_length=100)
    family_name = models.CharField("Family name", max_length=100, blank=True)
    date_of_birth = models.DateField(
        "Date of birth", null=True, blank=True, validators=[validate_date_of_birth]
    )
    birth_year_estimate = models.PositiveSmallIntegerField(
        "Estimated year of birth",
        null=True,
        blank=True,
        validators=[validate_birth_year],
        help_text="When the date of birth is not known, the year they were probably born.",
    )
    # The year of birth, known or estimated: a key for finding people.
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    involvement = models.CharField(
        "How they are involved",
        max_length=20,
        choices=Involvement.choices,
        default=Involvement.NOT_KNOWN,
    )
    sex = models.CharField("Sex", max_length=20, choices=Sex.choices, blank=True)
    gender_identity = models.CharField(
        "Gender", max_length=20, choices=GenderIdentity.choices, blank=True
    )
    gender_same_as_sex_at_birth = models.CharField(
        "Is their gender the same as the sex they were registered at birth?",
        max_length=20,
        choices=YesNoPrefer.choices,
        blank=True,
    )
    ethnicity = models.CharField(
        "Ethnic group", max_length=40, choices=ETHNICITY_CHOICES, blank=True
    )
    sexual_orientation = models.CharField(
        "Sexual orientation", max_length=20, choices=SexualOrientation.choices, blank=True
    )
    disability = models.CharField(
        "Disabled or has a long-term health condition",
        max_length=20,
        choices=YesNoPrefer.choices,
        blank=True,
    )
    disability_kinds = models.JSONField("Kinds of disability", default=list, blank=True)
    religion = models.CharField("Religion", max_length=20, choices=Religion.choices, blank=True)
    first_language = models.CharField("First language", max_length=60, blank=True)
    interpreter_needed = models.BooleanField("Needs an interpreter", default=False)
    immigration_status = models.CharField(
        "Immigration status", max_length=20, choices=ImmigrationStatus.choices, blank=True
    )
    no_recourse_to_public_funds = models.CharField(
        "No recourse to public funds", max_length=20, choices=YesNoPrefer.choices, blank=True
    )
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, validators=[validate_nhs_number]
    )
    police_reference = models.CharField("Police reference", max_length=40, blank=True)
    local_authority_reference = models.CharField(
        "Local authority reference", max_length=40, blank=True
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )
    merged_at = models.DateTimeField(null=True, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        indexes = [
            models.Index(fields=["date_of_birth"], name="person_date_of_birth"),
            models.Index(fields=["birth_year"], name="person_birth_year"),
            models.Index(fields=["nhs_number"], name="person_nhs_number"),
            # One name, two names either way round, a name with a year (decision 0086).
            models.Index(fields=["family_key", "given_key"], name="person_family_given"),
            models.Index(fields=["family_key", "birth_year"], name="person_family_year"),
            models.Index(fields=["given_key", "birth_year"], name="person_given_year"),
            # Not partial: SQLite uses a partial index only when the question repeats its
            # condition, so "family_key_2 IN (...)" would read the table.
            models.Index(fields=["family_key_2"], name="person_family_key_2"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")),
                name="person_not_merged_into_itself",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_columns()
        if self.date_of_birth is not None:
            self.birth_year = self.date_of_birth.year
        else:
            self.birth_year = self.birth_year_estimate
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *SEARCH_COLUMNS, "birth_year", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    def age(self, on: dt.date | None = None) -> int | None:
        return age_on(self.date_of_birth, self.birth_year_estimate, on or timezone.localdate())

    def clean(self) -> None:
        super().clean()
        kinds = self.disability_kinds or []
        if not isinstance(kinds, list) or not set(kinds) <= set(DisabilityKind.values):
            raise ValidationError({"disability_kinds": "Choose kinds of disability from the list."})
        if kinds and self.disability != YesNoPrefer.YES:
            raise ValidationError(
                {"disability": "Answer yes here before choosing kinds of disability."}
            )


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    kind=PERSONAL,
    given_name=PERSONAL,
    family_name=PERSONAL,
    created_at=ORDINARY,
    created_by=ORDINARY,
    **_SEARCH_CLASSES,
)
class PersonName(SearchColumnsMixin, models.Model):
    """Another name a person is known by: preferred, an alias, or a previous name."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField("Kind of name", max_length=20, choices=NameKind.choices)
    given_name = models.CharField("Given name", max_length=100, blank=True)
    family_name = models.CharField("Family name", max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "created_at", "id"]
        indexes = [
            models.Index(fields=["family_key"], name="personname_family_key"),
            models.Index(fields=["given_key"], name="personname_given_key"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(given_name="", family_name=""),
                name="person_name_not_empty",
                violation_error_message="Enter a given name, a family name or both.",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_columns()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)
