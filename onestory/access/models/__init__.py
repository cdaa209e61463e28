"""Shares between agencies and emergency access."""

from onestory.access.models.emergency import EmergencyAccess
from onestory.access.models.shares import LawfulBasis, Share, ShareScope

__all__ = [
    "EmergencyAccess",
    "LawfulBasis",
    "Share",
    "ShareScope",
]
