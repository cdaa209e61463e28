"""Typing a date into GOV.UK's date input: the day, month and year boxes of one group."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page


def fill_date(page: Page, legend: str, day: date) -> None:
    """Fill the date input whose legend is ``legend`` with ``day``, as a person types it."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
