"""Who may give feedback links, check the words people wrote, and read the figures.

- A link after a closed case is given by the case agency's staff whose role works cases
  (``cases.access.get_case_to_change``); after a front-door contact, by the front door's
  staff who may see the referral (``intake.access.get_referral_for_user``).
- The words written in a response are checked by the managers (``ASSIGN_WORK``) of the
  service the feedback is about; anyone else gets 404, and the refusal is audited.
- The figures are aggregates: any role that may see aggregates reads every service's,
  with small numbers hidden and only checked words shown.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from onestory.access.policy import refuse
from onestory.cases.access import get_case_to_change
from onestory.cases.models import Case
from onestory.intake.access import get_referral_for_user
from onestory.intake.models import Referral
from onestory.voice.choices import TextCheck
from onestory.voice.models import FeedbackResponse


def get_case_for_link(request: HttpRequest, case_id: int) -> Case:
    case, _grant = get_case_to_change(request, case_id, while_closed=True)
    return case


def get_referral_for_link(request: HttpRequest, referral_id: int) -> Referral:
    referral, _grant = get_referral_for_user(request, referral_id)
    return referral


def responses_to_check(user) -> QuerySet[FeedbackResponse]:
    if not user.is_authenticated or user.agency_id is None:
        return FeedbackResponse.objects.none()
    return FeedbackResponse.objects.filter(agency_id=user.agency_id, text_check=TextCheck.WAITING)


def get_response_to_check(request: HttpRequest, response_id) -> FeedbackResponse:
    response = (
        FeedbackResponse.objects.filter(pk=response_id, agency_id=request.user.agency_id)
        .select_related("agency")
        .first()
    )
    if response is None:
        refuse(request, reason=f"feedback response {response_id} not visible")
    return response


def panel_members(user) -> QuerySet:
    from onestory.voice.models import PanelMember

    if not user.is_authenticated or user.agency_id is None:
        return PanelMember.objects.none()
    return PanelMember.objects.filter(agency_id=user.agency_id)


def get_member_for_user(request: HttpRequest, member_id: int):
    """A panel member of the user's agency, or 404 (audited). Their contact details are
    location-secret: the page shows them only to roles that may see those."""
    member = panel_members(request.user).filter(pk=member_id).first()
    if member is None:
        refuse(request, reason=f"panel member {member_id} not visible")
    return member


def log_entries(user) -> QuerySet:
    from onestory.voice.models import LogEntry

    if not user.is_authenticated or user.agency_id is None:
        return LogEntry.objects.none()
    return LogEntry.objects.filter(agency_id=user.agency_id)


def get_log_entry_for_user(request: HttpRequest, entry_id: int):
    entry = log_entries(request.user).filter(pk=entry_id).first()
    if entry is None:
        refuse(request, reason=f"log entry {entry_id} not visible")
    return entry
