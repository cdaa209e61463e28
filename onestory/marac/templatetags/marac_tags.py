"""Words for MARAC pages: criteria and statuses in plain English."""

from django import template

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
