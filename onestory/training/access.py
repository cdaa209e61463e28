"""Who keeps the training record and who sees its figures.

- Sessions are kept by the agency that organised them: its staff whose role coordinates
  reviews (the partnership's learning lead). Anyone else asking for a session gets 404,
  audited. Courses are the partnership's, listed for every keeper.
- Each agency's team managers state the workforce their agency should train.
- The reach figures are for roles that see aggregates, and keepers. No trainee is named
  anywhere: attendance is counted by agency and role.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from onestory.access.policy import refuse
from onestory.accounts.roles import Permission
from onestory.training.models import Session


def may_keep(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.COORDINATE_REVIEWS)
    )


def may_state_workforce(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.ASSIGN_WORK)
    )


def kept_sessions(user) -> QuerySet[Session]:
    if not may_keep(user):
        return Session.objects.none()
    return Session.objects.filter(organised_by_id=user.agency_id)


def get_session_for_keeper(request: HttpRequest, session_id: int) -> Session:
    session = kept_sessions(request.user).filter(pk=session_id).select_related("course").first()
    if session is None:
        refuse(request, reason=f"training session {session_id} not visible")
    return session
