"""Forms for the Operation Encompass pages. The rules live in ``encompass.rules`` and the
actions; these forms read the answers and put the actions' messages next to the fields."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from onestory.core.date_input import GovukDateField, date_input
from onestory.core.formats import govuk_date, govuk_time
from onestory.directory.models import Location, Service
from onestory.encompass.models import SendMethod
from onestory.encompass.rules import (
    CIRCUMSTANCES_LENGTH,
    POLICE_REFERENCE_LENGTH,
    notification_problems,
    school_label,
    sending_problems,
)
from onestory.intake.models import Referral
from onestory.marac.forms import PersonChoice
from onestory.people.models import Person

# The choice for a child who goes to no school listed in the directory (too young, educated
# at home, or a school elsewhere): the child is recorded, and no notice is prepared.
NO_SCHOOL = "none"
NO_SCHOOL_LABEL = "Not at a school listed here: no notice"

# A county lists hundreds of schools: the browser turns a select marked with this into a
# box that finds a school as you type (onestory/static/onestory/autocomplete.js). Without
# JavaScript it stays a plain select.
SCHOOL_PICKER = {
    "data-autocomplete": "school",
    "data-autocomplete-no-results": "No school found. For a child at none listed here, type "
    "'not at a school'",
}


def _date(label: str, missing: str) -> GovukDateField:
    # The date and time together are checked against now (see ``joined``), not the date alone.
    return date_input(label, required=True, missing=missing)


def _time(label: str, missing: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="In 24-hour time, for example 23:15",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": missing, "invalid": "Enter a real time, like 23:15"},
    )


def joined(day, at) -> datetime | None:
    """A date and a time of day, in the partnership's time zone."""
    if day is None or at is None:
        return None
    return timezone.make_aware(datetime.combine(day, at))


def _born(person: Person) -> str:
    if person.date_of_birth is None:
        return "date of birth not known"
    return f"born {person.date_of_birth.day} {person.date_of_birth:%B %Y}"


class Radios(forms.RadioSelect):
    """Radios whose error-summary link goes to the first radio, as GOV.UK asks."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


def school_places(schools: QuerySet[Service]) -> dict[int, str]:
    """Where each school is, by its id: the town of its first location in the directory,
    or else the first area it serves. Schools the directory places nowhere are left out."""
    places: dict[int, str] = {}
    towns = (
        Location.objects.filter(service__in=schools, service__location_secret=False)
        .exclude(town="")
        .order_by("service_id", "name", "id")
        .values_list("service_id", "town")
    )
    for school_id, town in towns:
        places.setdefault(school_id, town)
    areas = (
        Service.areas.through.objects.filter(service__in=schools)
        .order_by("service_id", "area__name", "area_id")
        .values_list("service_id", "area__name")
    )
    for school_id, area in areas:
        places.setdefault(school_id, area)
    return places


def school_choices(schools: QuerySet[Service]) -> list[tuple[str, str]]:
    """Each school as a (value, label) choice, in the order of ``schools``."""
    places = school_places(schools)
    return [
        (str(pk), school_label(name, places.get(pk, "")))
        for pk, name in schools.values_list("pk", "name")
    ]


class SchoolChoice(forms.ModelChoiceField):
    """A school from the directory, named with its town or area (set ``places``)."""

    places: dict[int, str] = {}

    def label_from_instance(self, school: Service) -> str:
        return school_label(school.name, self.places.get(school.pk, ""))


class FindVictimForm(forms.Form):
    name = forms.CharField(
        label="Name of the victim",
        max_length=200,
        help_text="The adult the incident happened to. Given name and family name.",
        error_messages={"required": "Enter the victim's name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class NotificationForm(forms.Form):
    # The action's "occurred_at" is put right with the date.
    error_fields = {"occurred_at": "occurred_on"}

    police_reference = forms.CharField(
        label="Police reference",
        max_length=POLICE_REFERENCE_LENGTH,
        required=False,
        error_messages={
            "max_length": f"The police reference must be {POLICE_REFERENCE_LENGTH} characters "
            "or fewer"
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    occurred_on = _date("Date of the incident", "Enter the date of the incident")
    occurred_time = _time("Time of the incident", "Enter the time of the incident")
    circumstances = forms.CharField(
        label="Brief circumstances, written for the school",
        required=False,
        help_text=(
            f"A sentence or two in plain words, up to {CIRCUMSTANCES_LENGTH} characters, such "
            "as 'Police were called to a domestic incident at home late last night. Lily was "
            "in the house.' Never an address, a phone number or anyone else's details."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args,
        children: list[Person],
        perpetrators: QuerySet[Person],
        referrals: QuerySet[Referral],
        schools: QuerySet[Service],
        known_schools: dict[int, int] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        known_schools = known_schools or {}
        if perpetrators.exists():
            self.fields["perpetrators"] = PersonChoice(
                label="The person or people using harm (optional)",
                help_text="They are recorded on the incident, never on the school notice.",
                queryset=perpetrators,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if referrals.exists():
            self.fields["referral"] = forms.ModelChoiceField(
                label="Front door referral this notification came in as (optional)",
                queryset=referrals,
                required=False,
                empty_label="Not linked to a referral",
            )
            self.fields["referral"].label_from_instance = lambda r: (
                f"{r.reference}, received {govuk_date(timezone.localtime(r.received_at))} "
                f"at {govuk_time(timezone.localtime(r.received_at))}"
            )
        listed = school_choices(schools)
        choices = [("", "Select the school"), (NO_SCHOOL, NO_SCHOOL_LABEL), *listed]
        self.school_ids = {value for value, _ in listed}
        self.children = children
        for child in children:
            self.fields[f"child_{child.pk}"] = forms.BooleanField(
                label=f"{child.display_name}, {_born(child)}, was present or lives in the "
                "household",
                required=False,
            )
            self.fields[f"school_{child.pk}"] = forms.ChoiceField(
                label=f"{child.display_name}'s school",
                choices=choices,
                required=False,
                widget=forms.Select(attrs=SCHOOL_PICKER),
                initial=str(known_schools[child.pk]) if child.pk in known_schools else "",
            )

    def main_fields(self):
        names = ["police_reference", "occurred_on", "occurred_time", "circumstances"]
        names += [name for name in ("perpetrators", "referral") if name in self.fields]
        return [self[name] for name in names]

    def child_rows(self):
        return [
            (child, self[f"child_{child.pk}"], self[f"school_{child.pk}"])
            for child in self.children
        ]

    def clean(self):
        data = super().clean()
        # The action checks these too; checking here as well shows every problem at once.
        problems = notification_problems(
            police_reference=data.get("police_reference", ""),
            occurred_at=self.occurred_at(),
            circumstances=data.get("circumstances", ""),
            now=timezone.now(),
        )
        for name, message in problems.items():
            name = self.error_fields.get(name, name)
            if name not in self.errors and not (
                name == "occurred_on" and "occurred_time" in self.errors
            ):
                self.add_error(name, message)
        for child in self.children:
            if not data.get(f"child_{child.pk}"):
                continue
            school = data.get(f"school_{child.pk}")
            if not school:
                self.add_error(
                    f"school_{child.pk}",
                    f"Select {child.display_name}'s school, or choose 'Not at a school "
                    "listed here'",
                )
            elif school != NO_SCHOOL and school not in self.school_ids:
                self.add_error(f"school_{child.pk}", "Select a school from the list")
        return data

    def occurred_at(self) -> datetime | None:
        return joined(self.cleaned_data.get("occurred_on"), self.cleaned_data.get("occurred_time"))

    def chosen_children(self, schools: QuerySet[Service]) -> dict[Person, Service | None]:
        """Each ticked child, with their school (None for no school in the directory)."""
        picked = {
            child: self.cleaned_data.get(f"school_{child.pk}")
            for child in self.children
            if self.cleaned_data.get(f"child_{child.pk}")
        }
        ids = {int(value) for value in picked.values() if value and value != NO_SCHOOL}
        by_id = schools.in_bulk(ids)
        return {
            child: (by_id[int(value)] if value and value != NO_SCHOOL else None)
            for child, value in picked.items()
        }


class PrepareNoticeForm(forms.Form):
    school = SchoolChoice(
        label="School",
        queryset=Service.objects.none(),
        required=False,
        empty_label="Select the school",
        widget=forms.Select(attrs=SCHOOL_PICKER),
    )

    def __init__(self, *args, children: QuerySet[Person], schools: QuerySet[Service], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"] = forms.ModelChoiceField(
            label="Child",
            queryset=children,
            required=False,
            widget=Radios,
            empty_label=None,
        )
        self.fields["child"].label_from_instance = lambda p: f"{p.display_name}, {_born(p)}"
        self.fields["school"].queryset = schools
        self.fields["school"].places = school_places(schools)
        self.order_fields(["child", "school"])


class SendingForm(forms.Form):
    method = forms.ChoiceField(
        label="How the notice was sent",
        choices=SendMethod.choices,
        required=False,
        widget=Radios,
    )
    dsl_name = forms.CharField(
        label="Name of the designated safeguarding lead you told",
        max_length=200,
        required=False,
        error_messages={"max_length": "The name must be 200 characters or fewer"},
    )
    sent_on = _date("Date sent", "Enter the date the notice was sent")
    sent_time = _time("Time sent", "Enter the time the notice was sent")

    # The action's "sent_at" is put right with the date.
    error_fields = {"sent_at": "sent_on"}

    def __init__(self, *args, occurred_at: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.occurred_at = occurred_at

    def sent_at(self) -> datetime | None:
        return joined(self.cleaned_data.get("sent_on"), self.cleaned_data.get("sent_time"))

    def clean(self):
        data = super().clean()
        # The action checks these too; checking here as well shows every problem at once.
        problems = sending_problems(
            method=data.get("method", ""),
            allowed_methods=SendMethod.values,
            dsl_name=data.get("dsl_name", ""),
            sent_at=self.sent_at(),
            occurred_at=self.occurred_at,
            now=timezone.now(),
        )
        for name, message in problems.items():
            name = self.error_fields.get(name, name)
            if name not in self.errors and not (name == "sent_on" and "sent_time" in self.errors):
                self.add_error(name, message)
        return data
