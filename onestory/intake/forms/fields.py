"""Form fields the front door needs beyond the GOV.UK renderer's: a date in three boxes, yes/no."""

from __future__ import annotations

from datetime import date

from django import forms

from onestory.intake import rules


class DateInputWidget(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes, each with its own label."""

    template_name = "intake/widgets/date_input.html"
    _PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None) -> None:
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric"})
            for name, _label, _w in self._PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        invalid = context["widget"]["attrs"].get("aria-invalid") == "true"
        for sub, (part, label, width) in zip(
            context["widget"]["subwidgets"], self._PARTS, strict=True
        ):
            css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            sub["attrs"] = {
                key: value for key, value in sub["attrs"].items() if key != "aria-describedby"
            }
            sub["attrs"]["class"] = css + (" govuk-input--error" if invalid else "")
            sub["attrs"]["autocomplete"] = self.attrs.get(f"autocomplete_{part}", "off")
            sub["label"] = label
        return context


class GovukDateField(forms.Field):
    """A date typed into three boxes, with GOV.UK's messages for each way it can be wrong."""

    widget = DateInputWidget
    default_error_messages = {"required": "Enter %(label)s"}

    def __init__(self, *, label: str, past_only: bool = False, **kwargs) -> None:
        kwargs.setdefault("template_name", "intake/forms/govuk_date_field.html")
        super().__init__(label=label, **kwargs)
        self.past_only = past_only

    def to_python(self, value) -> date | None:
        if isinstance(value, date):
            return value
        parts = list(value or []) + [""] * 3
        found, problem = rules.date_from_parts(*parts[:3])
        if problem is not None:
            raise forms.ValidationError(rules.date_problem_message(problem, self.label))
        return found

    def validate(self, value) -> None:
        if value is None and self.required:
            message = self.error_messages["required"]
            raise forms.ValidationError(message.replace("%(label)s", self.label.lower()))

    def has_changed(self, initial, data) -> bool:
        return bool(data and any(data))


class YesNoField(forms.TypedChoiceField):
    """Yes or no radios; empty (not answered) is None."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            choices=[("yes", "Yes"), ("no", "No")],
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value
