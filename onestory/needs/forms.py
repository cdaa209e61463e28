"""The needs assessment's and the delivery plan's forms: they read what was typed; the
rules and actions decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from onestory.accounts.models import Agency, Area
from onestory.core.date_input import date_input
from onestory.needs.figures import FIGURE_CHOICES
from onestory.needs.models import ActionStatus, Rag
from onestory.needs.queries import series_available, years_loaded
from onestory.needs.rules import QUARTER, financial_year, quarter_of


def _series_value(series: str, year: int) -> str:
    return f"{year}|{series}"


class AssessmentForm(forms.Form):
    """Which year, area and survey series to assess."""

    year = forms.TypedChoiceField(
        label="Year (the financial year starting in April of)",
        coerce=int,
        error_messages={"required": "Select a year", "invalid_choice": "Select a year"},
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.order_by("level", "name"),
        error_messages={"required": "Select an area", "invalid_choice": "Select an area"},
    )
    series = forms.ChoiceField(
        label="Survey rates",
        error_messages={
            "required": "Select the survey rates",
            "invalid_choice": "Select the survey rates",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years_loaded()]
        self.fields["series"].choices = [
            (_series_value(s, y), f"{s}, year ending March {y}") for s, y in series_available()
        ]

    @property
    def chosen_series(self) -> tuple[str, int]:
        year, _, series = self.cleaned_data["series"].partition("|")
        return series, int(year)


class PriorityForm(forms.Form):
    title = forms.CharField(
        label="Priority",
        max_length=200,
        error_messages={"required": "Enter the priority"},
    )


def _years():
    this = financial_year(timezone.localdate())
    return [(y, f"{y} to {y + 1}") for y in range(this - 5, this + 6)]


def report_years(today) -> list[int]:
    """The financial years an annual report can be asked for: this one and the four before."""
    this = financial_year(today)
    return list(range(this, this - 5, -1))


class ReportYearForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Year (the financial year starting in April of)",
        coerce=int,
        error_messages={
            "required": "Select the year of the report",
            "invalid_choice": "Select one of the last five years",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in report_years(timezone.localdate())]


class ObjectiveForm(forms.Form):
    title = forms.CharField(
        label="Objective", max_length=300, error_messages={"required": "Enter the objective"}
    )
    figure = forms.ChoiceField(
        label="Live figure to follow (optional)",
        required=False,
        help_text=(
            "A figure over the last twelve months, or one of the statutory return's for this "
            "financial year so far, compared with a baseline and target."
        ),
    )
    baseline = forms.DecimalField(
        label="Baseline (optional)",
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        error_messages={"invalid": "Enter the baseline as a number, like 320"},
    )
    baseline_year = forms.TypedChoiceField(
        label="Year of the baseline (optional)", coerce=int, required=False, empty_value=None
    )
    target = forms.DecimalField(
        label="Target (optional)",
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        error_messages={"invalid": "Enter the target as a number, like 400"},
    )
    target_year = forms.TypedChoiceField(
        label="Year of the target (optional)", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = [("", "None"), *FIGURE_CHOICES]
        years = [("", "Choose a year"), *_years()]
        self.fields["baseline_year"].choices = years
        self.fields["target_year"].choices = years

    def clean(self):
        data = super().clean()
        if data.get("figure"):
            words = {
                "baseline": "Enter the baseline for the live figure",
                "baseline_year": "Select the year of the baseline",
                "target": "Enter the target for the live figure",
                "target_year": "Select the year of the target",
            }
            for name, message in words.items():
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, message)
            if (
                data.get("baseline_year") is not None
                and data.get("target_year") is not None
                and data["target_year"] <= data["baseline_year"]
            ):
                self.add_error("target_year", "The target's year must come after the baseline's")
        return data


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action", max_length=400, error_messages={"required": "Enter the action"}
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=Agency.objects.filter(is_active=True),
        error_messages={"required": "Select the agency that owns the action"},
    )
    due_on = date_input("Due by", required=True, missing="Enter the date the action is due by")


class UpdateForm(forms.Form):
    quarter = forms.CharField(
        label="Quarter",
        max_length=6,
        help_text="The financial quarter, like 2026Q1 for April to June 2026.",
        error_messages={"required": "Enter the quarter, like 2026Q1"},
    )
    text = forms.CharField(
        label="What happened this quarter",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Enter what happened this quarter"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )
    rag = forms.ChoiceField(
        label="Rating",
        choices=[c for c in Rag.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the rating"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quarter"].initial = quarter_of(timezone.localdate())

    def clean_quarter(self) -> str:
        value = self.cleaned_data["quarter"].strip().upper()
        if not QUARTER.match(value):
            raise forms.ValidationError("Enter the quarter as a year and Q1 to Q4, like 2026Q1")
        if value > quarter_of(timezone.localdate()):
            raise forms.ValidationError("The quarter must not be in the future")
        return value


COMMENT_MAX = 5000


class CommentaryForm(forms.Form):
    """The analyst's commentary for each section of the pack, all optional."""

    def __init__(
        self, *args, sections: list[tuple[str, str]], saved: dict[str, str] | None = None, **kwargs
    ) -> None:
        """``saved``: the text already kept for each section, shown to be edited."""
        initial = {f"comment_{key}": text for key, text in (saved or {}).items()}
        super().__init__(*args, initial=initial, **kwargs)
        for key, title in sections:
            self.fields[f"comment_{key}"] = forms.CharField(
                label=f"Commentary: {title} (optional)",
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": f"Commentary must be {COMMENT_MAX:,} characters or fewer"
                },
            )

    def texts(self) -> dict[str, str]:
        """Every section's text, blank where none was written."""
        return {
            name.removeprefix("comment_"): (value or "").strip()
            for name, value in self.cleaned_data.items()
        }
