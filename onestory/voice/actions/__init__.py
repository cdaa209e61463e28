"""Writes for feedback: giving a link, answering through it, checking the words written.

Giving a link records that the case or contact was offered one (an invitation) and, apart
from it, a link that names only the service and the kind of contact. Nothing ties the two
(docs/decisions/0065-feedback-that-cannot-be-tied-to-a-person.md). Answering uses the link
up and deletes it; the answers keep the service, the kind of contact and the quarter.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.cases.models import Case
from onestory.intake.models import Referral
from onestory.voice import rules
from onestory.voice.choices import Answer, ContactKind, TextCheck
from onestory.voice.models import FeedbackInvitation, FeedbackLink, FeedbackResponse

TOKEN_BYTES = 32  # 256 bits: 43 characters in a link, never guessed


class LinkNotUsable(Exception):
    """The link was used already, has run out, or never existed (all look the same)."""


@dataclass(frozen=True)
class GivenLink:
    invitation: FeedbackInvitation
    token: str  # shown once, to be handed to the person; never stored


def _new_link(*, agency_id: int, kind: ContactKind, today) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    FeedbackLink.objects.create(
        digest=rules.digest(token),
        agency_id=agency_id,
        contact_kind=kind,
        valid_until=rules.valid_until(today),
    )
    return token


@transaction.atomic
def give_link_for_case(*, case: Case, by) -> GivenLink:
    """A feedback link for a closed case, once per case."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    already = FeedbackInvitation.objects.filter(case=current).exists()
    problems = rules.invitation_problems(closed=current.is_closed, already=already)
    if problems:
        raise ValidationError({key or "__all__": value for key, value in problems.items()})
    today = timezone.localdate()
    invitation = FeedbackInvitation.objects.create(
        agency_id=current.agency_id,
        case=current,
        contact_kind=ContactKind.SUPPORT,
        issued_on=today,
        issued_by=by,
    )
    token = _new_link(agency_id=current.agency_id, kind=ContactKind.SUPPORT, today=today)
    audit.record(action=AuditAction.CREATE, by=by, obj=invitation, person_id=current.person_id)
    return GivenLink(invitation=invitation, token=token)


@transaction.atomic
def give_link_for_contact(*, referral: Referral, agreed_to_be_asked: bool, by) -> GivenLink:
    """A feedback link after a front-door contact, for someone who agreed to be asked."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    already = FeedbackInvitation.objects.filter(referral=current).exists()
    problems = rules.invitation_problems(agreed=agreed_to_be_asked, already=already)
    if problems:
        raise ValidationError({key or "__all__": value for key, value in problems.items()})
    today = timezone.localdate()
    invitation = FeedbackInvitation.objects.create(
        agency_id=current.owning_agency_id,
        referral=current,
        contact_kind=ContactKind.FRONT_DOOR,
        agreed_to_be_asked=True,
        issued_on=today,
        issued_by=by,
    )
    token = _new_link(agency_id=current.owning_agency_id, kind=ContactKind.FRONT_DOOR, today=today)
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=invitation,
        person_id=getattr(current, "person_id", None),
    )
    return GivenLink(invitation=invitation, token=token)


def usable_link(token: str) -> FeedbackLink | None:
    """The link a token opens, if it still works (used links are gone)."""
    if not token or len(token) > 100:
        return None
    return (
        FeedbackLink.objects.filter(
            digest=rules.digest(token), valid_until__gte=timezone.localdate()
        )
        .select_related("agency")
        .first()
    )


@transaction.atomic
def give_feedback(
    *,
    token: str,
    listened: Answer,
    safer: Answer,
    repeated_story: Answer,
    what_helped: str = "",
    could_be_better: str = "",
) -> FeedbackResponse:
    """Answer through a link, once: the link is deleted as the answers are saved.

    The audit event says a service received feedback, with no address, no object and no
    person, so even the log cannot put a time to one response.
    """
    if usable_link(token) is None:
        raise LinkNotUsable
    link = FeedbackLink.objects.select_for_update().filter(digest=rules.digest(token)).first()
    if link is None:  # used by another request a moment ago
        raise LinkNotUsable
    what_helped, could_be_better = what_helped.strip(), could_be_better.strip()
    response = FeedbackResponse(
        agency_id=link.agency_id,
        contact_kind=link.contact_kind,
        quarter=rules.quarter_of(timezone.localdate()),
        listened=listened,
        safer=safer,
        repeated_story=repeated_story,
        what_helped=what_helped,
        could_be_better=could_be_better,
        text_check=TextCheck.WAITING if (what_helped or could_be_better) else TextCheck.NONE,
    )
    response.full_clean()
    link.delete()
    response.save()
    audit.record(
        action=AuditAction.CREATE,
        reason=f"feedback received for agency {link.agency_id}",
        channel="page",
    )
    return response


@transaction.atomic
def check_words(
    *,
    response: FeedbackResponse,
    publish: bool,
    what_helped: str = "",
    could_be_better: str = "",
    by,
) -> FeedbackResponse:
    """A worker's check of the words written: shown as edited (names and places taken out),
    or withheld, which deletes them."""
    current = FeedbackResponse.objects.select_for_update().get(pk=response.pk)
    if current.text_check != TextCheck.WAITING:
        raise ValidationError({"__all__": "These words have already been checked"})
    what_helped, could_be_better = what_helped.strip(), could_be_better.strip()
    if publish and not (what_helped or could_be_better):
        raise ValidationError({"__all__": "Keep some words to show, or choose to withhold them"})
    current.what_helped = what_helped if publish else ""
    current.could_be_better = could_be_better if publish else ""
    current.text_check = TextCheck.PUBLISHED if publish else TextCheck.WITHHELD
    current.checked_by = by
    current.save(update_fields=["what_helped", "could_be_better", "text_check", "checked_by"])
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        obj=current,
        fields=["what_helped", "could_be_better", "text_check"],
    )
    return current
