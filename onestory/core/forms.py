"""GOV.UK Frontend markup for Django forms.

``{{ form }}`` and ``{{ field.as_field_group }}`` render with the design system's form
groups, labels, hints, error messages, radios and checkboxes, so each page only lays out
its own fields.
"""

from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
