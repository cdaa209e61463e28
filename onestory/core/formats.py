"""Dates and times written the GOV.UK way: "10:49am", "midday", "1 December 2026"."""

from __future__ import annotations

from datetime import date, datetime, time


def govuk_time(moment: time | datetime) -> str:
    """A clock time as GOV.UK writes it: "9am", "10:49am", "5:30pm", "midday", "midnight"."""
    hour, minute = moment.hour, moment.minute
    if minute == 0 and hour == 12:
        return "midday"
    if minute == 0 and hour == 0:
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def govuk_date(day: date | datetime) -> str:
    """A date as GOV.UK writes it: "1 December 2026"."""
    return f"{day.day} {day:%B %Y}"
