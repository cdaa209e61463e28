"""Areas, agencies and staff accounts."""

from onestory.accounts.models.agencies import Agency, AgencyKind, Area, AreaLevel
from onestory.accounts.models.users import User

__all__ = ["Agency", "AgencyKind", "Area", "AreaLevel", "User"]
