"""Forms of the return pages: choosing a year or quarter, the commissioner's answers, and
which questions are mandatory in a year."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from onestory.marac import quarterly
from onestory.returns import questions as q
from onestory.returns.periods import FinancialYear, parse_year, recent_years


def _parsed(parse, text):
    try:
        return parse(text) if text else None
    except ValueError:
        return None


class YearForm(forms.Form):
    year = forms.ChoiceField(label="Financial year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = recent_years(timezone.localdate(), 6)
        asked = _parsed(parse_year, self.data.get("year"))
        if asked is not None and asked not in years:
            years.append(asked)  # an older year, asked for by its address
        self.fields["year"].choices = [(y.code, f"{y.code} ({y.title})") for y in years]

    def clean_year(self) -> FinancialYear:
        return parse_year(self.cleaned_data["year"])


def year_from(request) -> tuple[YearForm, FinancialYear | None]:
    """The year asked for in the query string, or the last full year when none was."""
    if "year" not in request.GET:
        default = recent_years(timezone.localdate(), 2)[1]
        return YearForm(initial={"year": default.code}), default
    form = YearForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["year"]
    return form, None


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label="Quarter")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = quarterly.recent_quarters(timezone.localdate(), 8)
        asked = _parsed(quarterly.parse_quarter, self.data.get("quarter"))
        if asked is not None and asked not in quarters:
            quarters.append(asked)  # an older quarter, asked for by its address
        self.fields["quarter"].choices = [(quarter.code, quarter.title) for quarter in quarters]

    def clean_quarter(self) -> quarterly.Quarter:
        return quarterly.parse_quarter(self.cleaned_data["quarter"])


def quarter_from(request) -> tuple[QuarterForm, quarterly.Quarter | None]:
    if "quarter" not in request.GET:
        default = quarterly.recent_quarters(timezone.localdate(), 2)[1]
        return QuarterForm(initial={"quarter": default.code}), default
    form = QuarterForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["quarter"]
    return form, None


_HINTS = {
    q.MONEY: "In pounds, for the whole year.",
    q.DATE: "As year-month-day, for example 2025-06-30.",
    q.NUMBER: "A whole number.",
}


class AnswersForm(forms.Form):
    """One field for each question the commissioner answers; checking is the action's."""

    def __init__(self, *args, initial_answers: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for key in q.ENTERED_KEYS:
            question = q.QUESTION_BY_KEY[key]
            initial = (initial_answers or {}).get(key, "")
            if question.kind == q.YES_NO:
                field = forms.ChoiceField(
                    label=question.label,
                    choices=[("yes", "Yes"), ("no", "No")],
                    widget=forms.RadioSelect,
                    required=False,
                    initial=initial,
                )
            else:
                field = forms.CharField(
                    label=question.label,
                    required=False,
                    max_length=200,
                    initial=initial,
                    help_text=_HINTS.get(question.kind, ""),
                )
            self.fields[key] = field


class MandatoryForm(forms.Form):
    mandatory = forms.MultipleChoiceField(
        label="Questions the ministry asks as mandatory this year",
        help_text="Questions not selected are voluntary.",
        choices=[(question.key, f"{question.ref} {question.label}") for question in q.QUESTIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
