"""Areas, agencies and staff accounts."""

from onestory.accounts.models.agencies import Agency, AgencyKind, Area, AreaLevel
from onestory.accounts.models.tokens import ApiToken
from onestory.accounts.models.users import User

__all__ = ["Agency", "AgencyKind", "ApiToken", "Area", "AreaLevel", "User"]
