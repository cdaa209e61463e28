"""Forms for the training pages; the rules run in ``training.actions``."""

from __future__ import annotations

from django import forms

from onestory.accounts.models import Agency
from onestory.core.date_input import date_input
from onestory.training.models import Course, StaffRole, Topic


class Radios(forms.RadioSelect):
    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class Named(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class CourseForm(forms.Form):
    name = forms.CharField(label="Course name", required=False, max_length=200)
    topic = forms.ChoiceField(label="Topic", choices=Topic.choices, widget=Radios, required=False)


class SessionForm(forms.Form):
    course = Named(label="Course", queryset=Course.objects.none(), required=False)
    held_on = date_input("Date of the session")
    trainer = forms.CharField(label="Trainer", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(is_active=True)


class AttendanceForm(forms.Form):
    agency = Named(label="Agency", queryset=Agency.objects.none(), required=False)
    role = forms.ChoiceField(
        label="Their role", choices=[("", "Choose a role"), *StaffRole.choices], required=False
    )
    people = forms.IntegerField(
        label="How many attended",
        required=False,
        min_value=1,
        error_messages={"invalid": "Enter a whole number", "min_value": "Enter 1 or more"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")


class FeedbackForm(forms.Form):
    feedback_count = forms.IntegerField(
        label="Feedback forms returned",
        required=False,
        min_value=1,
        error_messages={"invalid": "Enter a whole number", "min_value": "Enter 1 or more"},
    )
    feedback_mean = forms.DecimalField(
        label="Average score, from 1 to 5",
        required=False,
        max_digits=3,
        decimal_places=2,
        error_messages={"invalid": "Enter a number, like 4.3"},
    )


class WorkforceForm(forms.Form):
    year = forms.IntegerField(
        label="Financial year starting in",
        help_text="For example, 2026 for April 2026 to March 2027",
        required=False,
        error_messages={"invalid": "Enter a year, like 2026"},
    )
    staff = forms.IntegerField(
        label="Staff who should be trained",
        required=False,
        error_messages={"invalid": "Enter a whole number"},
    )
