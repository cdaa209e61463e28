"""Shares between agencies, emergency access, and the append-only audit log."""

from onestory.access.models.audit import AuditAction, AuditEvent
from onestory.access.models.emergency import EmergencyAccess
from onestory.access.models.shares import LawfulBasis, Share, ShareScope

__all__ = [
    "AuditAction",
    "AuditEvent",
    "EmergencyAccess",
    "LawfulBasis",
    "Share",
    "ShareScope",
]
