"""Checking what the commissioner enters, as pure functions: one answer per question kind."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from onestory.returns import questions as q


def clean_answer(kind: str, text: str, *, year_end: date) -> tuple[str, str]:
    """(the answer as stored, an error message): empty text clears the answer."""
    text = (text or "").strip()
    if not text:
        return "", ""
    if kind == q.MONEY:
        try:
            amount = Decimal(text.replace(",", "").removeprefix("£"))
        except InvalidOperation:
            return "", "Enter an amount in pounds, like 12500 or 12,500.50"
        if not amount.is_finite() or amount < 0:
            return "", "Enter an amount of 0 or more"
        if amount != amount.quantize(Decimal("0.01")):
            return "", "Enter pounds and pence, with at most 2 decimal places"
        if amount >= Decimal("1000000000"):
            return "", "Enter an amount under £1,000,000,000"
        return f"{amount:.2f}", ""
    if kind == q.NUMBER:
        if not text.replace(",", "").isdigit():
            return "", "Enter a whole number, like 3"
        number = int(text.replace(",", ""))
        if number > 1_000_000:
            return "", "Enter a number up to 1,000,000"
        return str(number), ""
    if kind == q.YES_NO:
        if text.lower() not in ("yes", "no"):
            return "", "Select yes or no"
        return text.lower(), ""
    if kind == q.DATE:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return "", "Enter a date like 2025-06-30"
        if day > year_end:
            return "", "Enter a date on or before the end of the year"
        if day.year < 2000:
            return "", "Enter a date from 2000 onwards"
        return day.isoformat(), ""
    return text[:200], ""


def mandatory_for(settings: dict[str, bool], key: str) -> bool:
    """Whether ``key`` is mandatory in a year: as set for the year, else as the form has it."""
    return settings.get(key, q.QUESTION_BY_KEY[key].mandatory)


def missing_mandatory(settings: dict[str, bool], answers: dict[str, str]) -> list[str]:
    """The mandatory entered questions still unanswered, in the form's order."""
    return [key for key in q.ENTERED_KEYS if mandatory_for(settings, key) and not answers.get(key)]
