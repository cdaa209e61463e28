"""GOV.UK Frontend markup for Django forms.

``{{ form }}`` and ``{{ field.as_field_group }}`` render with the design system's form
groups, labels, hints, error messages, radios and checkboxes, so each page only lays out
its own fields.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest, QueryDict


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data on a POST, even when every box was left empty; None on a GET.

    (``request.POST or None`` would take an empty POST for a fresh form and check nothing.)
    """
    return request.POST if request.method == "POST" else None


def add_refusal(form: forms.Form, error: ValidationError, *, full_stop: bool = False) -> None:
    """Show an action's refusal next to the fields it names, the rest above the form.

    An action names its arguments; a form whose fields are named otherwise maps one to the
    other in ``error_fields`` (an action's ``occurred_at`` is the form's ``occurred_on``).
    ``full_stop`` ends each message with one, for forms whose own messages have them.
    """
    aliases: dict[str, str] = getattr(form, "error_fields", {})
    named = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for name, messages in named:
        field = aliases.get(name, name) if name else None
        target = field if field in form.fields else None
        for message in messages:
            text = message if not full_stop or message.endswith(".") else f"{message}."
            form.add_error(target, text)
