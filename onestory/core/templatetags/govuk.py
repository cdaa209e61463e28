"""Template helpers for GOV.UK Frontend form markup."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_INPUT_CLASSES = {
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
}


def _base_class(widget: forms.Widget) -> str:
    for kind in type(widget).__mro__:
        if kind in _INPUT_CLASSES:
            return _INPUT_CLASSES[kind]
    return "govuk-input"


@register.filter
def is_fieldset(field: BoundField) -> bool:
    """Radios and checkbox lists are grouped in a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_single_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def hint_id(field: BoundField) -> str:
    return f"{field.auto_id}-hint"


@register.filter
def error_id(field: BoundField) -> str:
    return f"{field.auto_id}-error"


@register.filter
def described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(hint_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


@register.simple_tag
def govuk_widget(field: BoundField) -> SafeString:
    widget = field.field.widget
    css = [_base_class(widget)]
    if field.errors and css[0] in {"govuk-input", "govuk-select", "govuk-textarea"}:
        css.append(f"{css[0]}--error")
    if field.errors and css[0] == "govuk-file-upload":
        css.append("govuk-file-upload--error")
    extra = widget.attrs.get("class")
    if extra:
        css.append(extra)
    attrs: dict[str, str | bool] = {"class": " ".join(css)}
    if not is_fieldset(field):
        describedby = described_by(field)
        if describedby:
            attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)
