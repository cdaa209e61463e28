"""``{{ moment|govuk_date:"j F Y, g:ia" }}``: Django's date format, except that ``g:ia``
writes the time as GOV.UK does ("10:49am", "midday"), where Django would write "10:49 a.m."."""

from __future__ import annotations

from datetime import date, datetime, time

from django import template
from django.utils import dateformat, timezone

from onestory.core.formats import govuk_time

register = template.Library()

TIME = "g:ia"


@register.filter
def govuk_date(value: date | datetime | time | None, format_string: str = "j F Y") -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    parts = format_string.split(TIME)
    written = []
    for index, part in enumerate(parts):
        if part:
            if isinstance(value, time):
                written.append(dateformat.time_format(value, part))
            else:
                written.append(dateformat.format(value, part))
        # A date alone has no time of day to write.
        if index < len(parts) - 1 and isinstance(value, (datetime, time)):
            written.append(govuk_time(value))
    return "".join(written)
