"""Writes for MARAC, by area: referrals and shares, repeats, meetings, action plans."""

from onestory.marac.actions.meetings import (
    add_research,
    create_marac,
    mark_held,
    record_discussion,
    schedule_meeting,
    set_members,
)
from onestory.marac.actions.plans import add_action, send_reminders, update_action
from onestory.marac.actions.referrals import (
    close_case,
    decline_referral,
    list_case,
    refer_to_marac,
)
from onestory.marac.actions.repeats import deal_with_flag, flag_repeats_for_incident

__all__ = [
    "add_action",
    "add_research",
    "close_case",
    "create_marac",
    "deal_with_flag",
    "decline_referral",
    "flag_repeats_for_incident",
    "list_case",
    "mark_held",
    "record_discussion",
    "refer_to_marac",
    "schedule_meeting",
    "send_reminders",
    "set_members",
    "update_action",
]
