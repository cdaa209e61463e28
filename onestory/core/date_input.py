"""GOV.UK's date input for every form, public and staff: day, month and year boxes.

``GovukDateField`` reads the three boxes with GOV.UK's messages for each way a date can be
wrong. ``past_only`` refuses a date after today, for things that have already happened.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestory.core import dates


class DateInputWidget(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes, each with its own label."""

    template_name = "core/widgets/date_input.html"
    _PARTS = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def __init__(self, attrs=None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            name: forms.TextInput(attrs={"inputmode": "numeric"})
            for name, _label, _w in self._PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            # A date sent whole (as a link or another system may), like 2026-03-27.
            # Text that is not a date reads as three wrong boxes: "must be a real date".
            whole = dates.parts_from_whole(data.get(name))
            return list(whole) if whole else [data.get(name)] * 3
        return parts

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)

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
        kwargs.setdefault("template_name", "forms/govuk_date_field.html")
        super().__init__(label=label, **kwargs)
        self.past_only = past_only

    def to_python(self, value) -> date | None:
        if isinstance(value, date):
            return value
        parts = list(value or []) + [""] * 3
        found, problem = dates.date_from_parts(*parts[:3])
        if problem is not None:
            raise forms.ValidationError(dates.date_problem_message(problem, self.name_in_messages))
        return found

    @property
    def name_in_messages(self) -> str:
        """The label as messages name the date: "Share until", not "Share until (optional)"."""
        label = str(self.label)
        return label.removesuffix(" (optional)")

    def validate(self, value) -> None:
        if value is None and self.required:
            message = self.error_messages["required"]
            raise forms.ValidationError(message.replace("%(label)s", str(self.label).lower()))
        if value is not None and self.past_only:
            problem = dates.future_problem(value, timezone.localdate(), self.name_in_messages)
            if problem:
                raise forms.ValidationError(problem)

    def has_changed(self, initial, data) -> bool:
        return bool(data and any(data))


def date_input(
    label: str,
    *,
    required: bool = False,
    help_text: str = "For example, 27 3 2026",
    past_only: bool = False,
    missing: str = "",
) -> GovukDateField:
    """A GOV.UK date input; ``missing`` is the message when a required date is left out."""
    field = GovukDateField(label=label, required=required, help_text=help_text, past_only=past_only)
    if missing:
        field.error_messages["required"] = missing
    return field
