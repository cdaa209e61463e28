"""Writes for action plans: adding an action, updating it, and the reminders before it is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import Agency, User
from onestory.accounts.roles import ROLES, Permission
from onestory.audit.models import AuditAction
from onestory.marac import rules
from onestory.marac.actions.referrals import require_coordinator
from onestory.marac.models import (
    OPEN_STATUSES,
    ActionReminder,
    ActionStatus,
    AgendaItem,
    MaracAction,
    MaracReferral,
    ReferralStatus,
)


def owner_ids(referral: MaracReferral) -> set[int]:
    """Agencies that may own an action: the members, and the coordinating agency."""
    marac = referral.marac
    return set(marac.members.values_list("pk", flat=True)) | {marac.coordinating_agency_id}


def add_action(
    *,
    referral: MaracReferral,
    item: AgendaItem | None = None,
    owning_agency: Agency | None,
    description: str,
    due_on: date | None,
    by,
    request: HttpRequest | None = None,
) -> MaracAction:
    """Add an action to a case's plan: what, which agency owns it, and when it is due."""
    require_coordinator(by, referral.marac)
    problems = rules.action_problems(
        owning_agency_id=owning_agency.pk if owning_agency is not None else None,
        member_ids=owner_ids(referral),
        description=description,
        due_on=due_on,
        today=timezone.localdate(),
    )
    if referral.status != ReferralStatus.LISTED:
        problems[rules.NON_FIELD] = "Actions can be added only while the case is open at MARAC"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        action = MaracAction.objects.create(
            referral=referral,
            item=item,
            owning_agency=owning_agency,
            description=description.strip(),
            due_on=due_on,
            created_by=by,
        )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=action,
            person_id=referral.victim_id,
            fields=["owning_agency", "description", "due_on", "status"],
        )
    return action


def may_update(by, action: MaracAction) -> bool:
    marac = action.referral.marac
    if by.has_permission(Permission.COORDINATE_MARAC) and by.agency_id == (
        marac.coordinating_agency_id
    ):
        return True
    return (
        by.has_permission(Permission.REPRESENT_AT_MARAC)
        and by.agency_id == action.owning_agency_id
        and action.referral.status == ReferralStatus.LISTED
    )


def update_action(
    *,
    action: MaracAction,
    status: str,
    note: str = "",
    due_on: date | None = None,
    by,
    request: HttpRequest | None = None,
) -> MaracAction:
    """The owning agency (or the coordinator) reports progress. Only a coordinator moves the
    due date."""
    if not may_update(by, action):
        raise PermissionDenied("Only the owning agency or the coordinator may update this.")
    problems: dict[str, str] = {}
    if status not in ActionStatus.values:
        problems["status"] = "Select the action's status"
    changed = ["status", "update_note"]
    if due_on is not None and due_on != action.due_on:
        try:
            require_coordinator(by, action.referral.marac)
        except PermissionDenied:
            problems["due_on"] = "Only the MARAC coordinator can change the due date"
        else:
            if due_on < timezone.localdate():
                problems["due_on"] = "The due date must be today or in the future"
            changed.append("due_on")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        action = MaracAction.objects.select_for_update().get(pk=action.pk)
        action.status = status
        action.update_note = note.strip()
        if "due_on" in changed:
            action.due_on = due_on
        action.completed_on = timezone.localdate() if status == ActionStatus.DONE else None
        action.updated_by = by
        action.save(update_fields=[*changed, "completed_on", "updated_by", "updated_at"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=action,
            person_id=action.referral.victim_id,
            fields=changed,
        )
    return action


# --- Reminders -------------------------------------------------------------------------------


def _roles_with(permission: Permission) -> list[str]:
    return [name for name, role in ROLES.items() if permission in role.permissions]


def recipients_for(action: MaracAction) -> list[User]:
    """The owning agency's MARAC representatives; if it has none with an email address,
    the MARAC's coordinators, so that no action goes unnoticed."""
    people = User.objects.filter(is_active=True).exclude(email="")
    found = list(
        people.filter(
            agency_id=action.owning_agency_id,
            role__in=_roles_with(Permission.REPRESENT_AT_MARAC),
        )
    )
    if found:
        return found
    return list(
        people.filter(
            agency_id=action.referral.marac.coordinating_agency_id,
            role__in=_roles_with(Permission.COORDINATE_MARAC),
        )
    )


def _message(action: MaracAction, to: User) -> EmailMessage:
    # Email is not a safe place for a case: the reminder names no one and says only
    # where to look.
    due = action.due_on
    body = (
        f"Hello {to.get_full_name() or to.username},\n\n"
        f"A MARAC action owned by {action.owning_agency.name} is due by "
        f"{due.strftime('%A')} {due.day} {due:%B %Y}.\n\n"
        f"Sign in to OneStory and open MARAC actions ({reverse('marac:actions')}) to see it "
        f"and record its progress. The action's reference is {action.pk}.\n\n"
        "This is an automatic reminder from OneStory."
    )
    return EmailMessage(
        subject=f"MARAC action due by {due.day} {due:%B %Y}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to.email],
    )


@dataclass(frozen=True)
class ReminderRun:
    sent: list[ActionReminder]
    nobody_to_tell: list[int]


def send_reminders(*, today: date, days_before: int) -> ReminderRun:
    """Email the owners of open actions due within ``days_before`` days, once for each due
    date, and record each reminder sent."""
    actions = (
        MaracAction.objects.filter(
            status__in=OPEN_STATUSES,
            referral__status=ReferralStatus.LISTED,
            due_on__gte=today,
            due_on__lte=date.fromordinal(today.toordinal() + days_before),
        )
        .exclude(
            Exists(ActionReminder.objects.filter(action=OuterRef("pk"), due_on=OuterRef("due_on")))
        )
        .select_related("owning_agency", "referral__marac")
    )
    sent, nobody = [], []
    connection = get_connection()
    for action in actions:
        if not rules.reminder_due(action.due_on, today, days_before=days_before, is_open=True):
            continue
        people = recipients_for(action)
        if not people:
            nobody.append(action.pk)
            continue
        with transaction.atomic():
            reminder, created = ActionReminder.objects.get_or_create(
                action=action, due_on=action.due_on
            )
            if not created:
                continue
            reminder.recipients.set(people)
            connection.send_messages([_message(action, person) for person in people])
            audit.record(
                action=AuditAction.CREATE,
                obj=reminder,
                person_id=None,
                fields=["recipients", "due_on"],
                reason=f"MARAC action {action.pk}: reminder emailed to {len(people)}",
            )
        sent.append(reminder)
    return ReminderRun(sent=sent, nobody_to_tell=nobody)
