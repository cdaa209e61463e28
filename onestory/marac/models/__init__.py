"""MARACs, meetings, referrals, agendas, research, action plans and repeat flags."""

from onestory.marac.models.agenda import AgendaItem, Research
from onestory.marac.models.maracs import Marac, Meeting, MeetingStatus
from onestory.marac.models.plans import OPEN_STATUSES, ActionReminder, ActionStatus, MaracAction
from onestory.marac.models.referrals import (
    COUNTS_FOR_REPEATS,
    CRITERIA_FIELDS,
    MaracReferral,
    ReferralStatus,
    RepeatFlag,
)

__all__ = [
    "COUNTS_FOR_REPEATS",
    "CRITERIA_FIELDS",
    "OPEN_STATUSES",
    "ActionReminder",
    "ActionStatus",
    "AgendaItem",
    "Marac",
    "MaracAction",
    "MaracReferral",
    "Meeting",
    "MeetingStatus",
    "ReferralStatus",
    "RepeatFlag",
    "Research",
]
