"""Words for MARAC pages: criteria and statuses in plain English."""

from django import template
from django.conf import settings
from django.utils import timezone

from onestory.marac.rules import assessment_is_current
from onestory.risk.criteria import CRITERION_LABELS, Criterion

register = template.Library()


@register.filter
def criterion_label(name: str) -> str:
    try:
        return CRITERION_LABELS[Criterion(name)]
    except ValueError:
        return name


REFERRAL_TAGS = {
    "submitted": "govuk-tag--yellow",
    "listed": "govuk-tag--blue",
    "closed": "govuk-tag--grey",
    "declined": "govuk-tag--grey",
}

ACTION_TAGS = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "done": "govuk-tag--green",
    "cancelled": "govuk-tag--grey",
}


@register.filter
def referral_tag(status: str) -> str:
    return REFERRAL_TAGS.get(status, "govuk-tag--grey")


@register.filter
def action_tag(status: str) -> str:
    return ACTION_TAGS.get(status, "govuk-tag--grey")


@register.filter
def assessment_current(assessment) -> bool:
    """Whether a referral made today could rely on this risk assessment alone."""
    return assessment_is_current(
        timezone.localdate(assessment.assessed_at),
        timezone.localdate(),
        max_age_days=settings.MARAC_ASSESSMENT_MAX_AGE_DAYS,
    )


@register.filter
def assessment_max_age(_value) -> int:
    return settings.MARAC_ASSESSMENT_MAX_AGE_DAYS
