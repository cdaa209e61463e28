"""Reads for the feedback figures: one query for the answers, one for the words shown."""

from __future__ import annotations

from onestory.voice import rules
from onestory.voice.choices import TextCheck
from onestory.voice.models import FeedbackResponse


def figure_rows() -> list[rules.Row]:
    answers = FeedbackResponse.objects.values_list(
        "agency__name", "quarter", "listened", "safer", "repeated_story"
    )
    return rules.figures(rules.Answers(*row) for row in answers)


def published_words(rows: list[rules.Row]) -> list[FeedbackResponse]:
    """Words a worker has checked, newest quarter first: never the unchecked, and only from
    a service's quarter whose count is shown (a few words beside a hidden count would give
    the count away)."""
    shown = {(row.service, row.quarter) for row in rows if not row.responses.hidden}
    checked = (
        FeedbackResponse.objects.filter(text_check=TextCheck.PUBLISHED)
        .select_related("agency")
        .order_by("-quarter", "agency__name", "id")
    )
    return [r for r in checked if (r.agency.name, r.quarter) in shown]
