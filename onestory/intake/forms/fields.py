"""Form fields the front door needs beyond the GOV.UK renderer's: a date in three boxes, yes/no.

The date input is the one every form shares (``onestory.core.date_input``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onestory.core.date_input import DateInputWidget as DateInputWidget
from onestory.core.date_input import GovukDateField as GovukDateField


class YesNoField(forms.TypedChoiceField):
    """Yes or no radios; empty (not answered) is None."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            choices=[("yes", _("Yes")), ("no", _("No"))],
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
