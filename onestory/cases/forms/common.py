"""Helpers shared by the case-work forms."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from onestory.accounts.models import User
from onestory.accounts.roles import ROLES, Permission
from onestory.core.date_input import GovukDateField, date_input

DATE_HINT = "For example, 27 3 2026"


def date_field(
    label: str, *, required: bool = False, help_text: str = DATE_HINT, past_only: bool = False
) -> GovukDateField:
    """GOV.UK's date input; ``past_only`` for the date of something that has happened."""
    return date_input(
        label,
        required=required,
        help_text=help_text,
        past_only=past_only,
        missing=f"Enter the {label.lower()}",
    )


def text_area(label: str, *, required: bool = True, rows: int = 4, help_text: str = "", **kw):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


def case_workers(agency) -> forms.models.QuerySet:
    """Active staff of ``agency`` whose role may work on cases, for choosing workers."""
    roles = [name for name, role in ROLES.items() if Permission.WORK_CASES in role.permissions]
    return User.objects.filter(agency=agency, is_active=True, role__in=roles).order_by(
        "first_name", "last_name", "username"
    )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class WorkersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


def combine(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    """A date and an optional time of day, as an aware local datetime; None when no date."""
    if day is None:
        return None
    if time is None:
        now = timezone.localtime()
        time = now.time() if day == now.date() else dt.time(12, 0)
    return timezone.make_aware(dt.datetime.combine(day, time))
