"""What every MARAC page shares: who may open it."""

from __future__ import annotations

from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission

# Pages for the people who sit on a MARAC: its member agencies' representatives, and its
# coordinators, who reach every case referred to their MARACs whichever agency holds the
# people's records. ``onestory.marac.access`` then decides which MARAC and which case.
member_view = staff_view(Permission.REPRESENT_AT_MARAC, Permission.COORDINATE_MARAC)

# Pages for running a MARAC: checking and listing referrals, recording the meeting.
coordinator_view = staff_view(Permission.COORDINATE_MARAC)
