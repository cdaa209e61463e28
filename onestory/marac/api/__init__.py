"""The MARAC API under /api/v1/marac/: referrals, meetings and agendas, actions, quarterly data.

- ``POST marac/referrals/``: refer a victim (as the referral form does).
- ``GET marac/meetings/``: the meetings of the MARACs the caller coordinates or sits on.
- ``GET marac/meetings/{id}/agenda``: a meeting's cases, for a member agency's representative.
- ``GET marac/actions/``: the caller's actions (an agency's own; a coordinator's all).
- ``GET``/``PATCH marac/actions/{id}``: one action; its owning agency reports progress.
- ``GET marac/quarterly?marac=ID&quarter=2025Q1``: the quarter's figures, counts only.
"""

from onestory.marac.api.cases import MeetingAgenda, MeetingList, ReferralCreate
from onestory.marac.api.plans import ActionDetail, ActionList
from onestory.marac.api.quarterly import QuarterlyData

__all__ = [
    "ActionDetail",
    "ActionList",
    "MeetingAgenda",
    "MeetingList",
    "QuarterlyData",
    "ReferralCreate",
]
