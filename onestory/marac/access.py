"""Who may see which MARACs, meetings, cases and actions: the one place views fetch them from.

- A MARAC coordinator (``COORDINATE_MARAC``) runs the MARACs their agency coordinates: they
  see every case referred to them, the research, and every action, whichever agency holds
  the people's records.
- A representative (``REPRESENT_AT_MARAC``) of a member agency sees the MARAC's meetings,
  the cases on its agendas while they are listed (never after the case is closed at MARAC),
  the research and the action plans; they update their own agency's actions.
- Anyone else gets 404, and the refusal is audited, so a case's existence does not leak.

The people's own records are opened through ``onestory.access.policy`` as always: listing a
case shares its people with the member agencies for the MARAC lawful basis. What of a case's
records (research, the discussion) a user is shown is decided by each field's class and the
user's grant to the victim (``MaracView``); coordinators see it all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest

from onestory.access.policy import Grant, grant_for, refuse
from onestory.accounts.roles import Permission
from onestory.core.registry import FieldClass, field_class
from onestory.marac.models import (
    AgendaItem,
    Marac,
    MaracAction,
    MaracReferral,
    Meeting,
    ReferralStatus,
    RepeatFlag,
    Research,
)
from onestory.people.models import Person


@dataclass(frozen=True)
class MaracRole:
    """How a user sits on one MARAC."""

    coordinator: bool
    member: bool

    @property
    def any(self) -> bool:
        return self.coordinator or self.member


def _coordinates(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.COORDINATE_MARAC)
    )


def _represents(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.REPRESENT_AT_MARAC)
    )


def _membership(user, marac_ref: str = "pk"):
    return Exists(
        Marac.members.through.objects.filter(marac_id=OuterRef(marac_ref), agency_id=user.agency_id)
    )


def visible_maracs(user) -> QuerySet[Marac]:
    """The MARACs a user coordinates or whose member agency they represent."""
    condition = Q(pk__in=[])
    if _coordinates(user):
        condition |= Q(coordinating_agency_id=user.agency_id)
    if _represents(user):
        condition |= _membership(user)
    return Marac.objects.filter(condition)


def coordinated_maracs(user) -> QuerySet[Marac]:
    if not _coordinates(user):
        return Marac.objects.none()
    return Marac.objects.filter(coordinating_agency_id=user.agency_id)


def role_in(user, marac: Marac) -> MaracRole:
    coordinator = _coordinates(user) and marac.coordinating_agency_id == user.agency_id
    member = (
        _represents(user)
        and marac.members.through.objects.filter(
            marac_id=marac.pk, agency_id=user.agency_id
        ).exists()
    )
    return MaracRole(coordinator=coordinator, member=member)


def visible_referrals(user) -> QuerySet[MaracReferral]:
    """Coordinators see every referral to their MARACs; representatives the listed cases."""
    condition = Q(pk__in=[])
    if _coordinates(user):
        condition |= Q(marac__coordinating_agency_id=user.agency_id)
    if _represents(user):
        condition |= Q(_membership(user, "marac_id"), status=ReferralStatus.LISTED)
    return MaracReferral.objects.filter(condition)


def visible_actions(user) -> QuerySet[MaracAction]:
    """The actions list: all of a coordinator's MARACs' actions, or the agency's own."""
    condition = Q(pk__in=[])
    if _coordinates(user):
        condition |= Q(referral__marac__coordinating_agency_id=user.agency_id)
    if _represents(user):
        condition |= Q(
            _membership(user, "referral__marac_id"),
            owning_agency_id=user.agency_id,
            referral__status=ReferralStatus.LISTED,
        )
    return MaracAction.objects.filter(condition)


def _refuse(request: HttpRequest, what: str, person_id: int | None = None) -> NoReturn:
    refuse(request, person_id=person_id, reason=f"{what} not visible")


def get_marac_for_coordinator(request: HttpRequest, marac_id: int) -> Marac:
    marac = coordinated_maracs(request.user).filter(pk=marac_id).select_related("area").first()
    if marac is None:
        _refuse(request, f"MARAC {marac_id}")
    return marac


def get_meeting_for_user(request: HttpRequest, meeting_id: int) -> tuple[Meeting, MaracRole]:
    meeting = (
        Meeting.objects.filter(pk=meeting_id, marac__in=visible_maracs(request.user))
        .select_related("marac", "marac__area", "marac__coordinating_agency")
        .first()
    )
    if meeting is None:
        _refuse(request, f"MARAC meeting {meeting_id}")
    return meeting, role_in(request.user, meeting.marac)


def get_referral_for_user(
    request: HttpRequest, referral_id: int
) -> tuple[MaracReferral, MaracRole]:
    referral = (
        visible_referrals(request.user)
        .filter(pk=referral_id)
        .select_related(
            "marac", "victim", "referring_agency", "referred_by", "risk_assessment", "repeat_of"
        )
        .first()
    )
    if referral is None:
        _refuse(request, f"MARAC referral {referral_id}")
    return referral, role_in(request.user, referral.marac)


def get_item_for_user(request: HttpRequest, item_id: int) -> tuple[AgendaItem, MaracRole]:
    item = (
        AgendaItem.objects.filter(pk=item_id, referral__in=visible_referrals(request.user))
        .select_related("meeting", "meeting__marac", "referral", "referral__victim")
        .first()
    )
    if item is None:
        _refuse(request, f"MARAC agenda item {item_id}")
    return item, role_in(request.user, item.meeting.marac)


def get_action_for_user(request: HttpRequest, action_id: int) -> tuple[MaracAction, bool]:
    """An action on a case the user may see, and whether they may update it."""
    action = (
        MaracAction.objects.filter(pk=action_id, referral__in=visible_referrals(request.user))
        .select_related("referral", "referral__marac", "referral__victim", "owning_agency")
        .first()
    )
    if action is None:
        _refuse(request, f"MARAC action {action_id}")
    role = role_in(request.user, action.referral.marac)
    may_update = role.coordinator or (
        role.member and action.owning_agency_id == request.user.agency_id
    )
    return action, may_update


def get_flag_for_coordinator(request: HttpRequest, flag_id: int) -> RepeatFlag:
    flag = (
        RepeatFlag.objects.filter(pk=flag_id, referral__marac__in=coordinated_maracs(request.user))
        .select_related("referral", "incident")
        .first()
    )
    if flag is None:
        _refuse(request, f"MARAC repeat flag {flag_id}")
    return flag


@dataclass(frozen=True)
class MaracView:
    """What one user is shown of one MARAC case's records: each field's class decides.

    A coordinator holds the case under the MARAC's own lawful basis and sees all of it but
    location-secret fields. Anyone else sees as far as their grant to the victim reaches:
    for a member agency, the MARAC share made when the case was listed (a summary only for
    a perpetrator service), or any other share. An agency always sees its own research.
    """

    coordinator: bool
    grant: Grant | None
    agency_id: int | None = None

    def sees(self, model, field_name: str) -> bool:
        if self.coordinator:
            return field_class(model, field_name) != FieldClass.LOCATION_SECRET
        return self.grant is not None and self.grant.sees(model, field_name)

    def shows_research(self, research: Research) -> bool:
        """Whether ``research`` is shown: its text, or the agency's own."""
        if research.agency_id == self.agency_id:
            return True
        return all(self.sees(Research, name) for name in RESEARCH_TEXT)


RESEARCH_TEXT = ("known", "risks", "doing")


def marac_view(user, referral: MaracReferral, role: MaracRole) -> MaracView:
    """The view of ``referral`` for ``user``, whose role in its MARAC is ``role``."""
    grant = None if role.coordinator else grant_for(user, referral.victim)
    return MaracView(coordinator=role.coordinator, grant=grant, agency_id=user.agency_id)


@dataclass(frozen=True)
class MaracFile:
    """A person's MARAC history as one user may see it."""

    person: Person
    grant: Grant | None
    coordinator: bool

    @property
    def full(self) -> bool:
        """Whether criteria and reasons (special-category) may be shown."""
        return MaracView(self.coordinator, self.grant).sees(MaracReferral, "reason")


def get_marac_file(request: HttpRequest, person_id: int) -> MaracFile:
    """A person's MARAC page: for anyone who may see the person, and for the coordinators
    of a MARAC the person was referred to."""
    user = request.user
    person = Person.objects.filter(pk=person_id).select_related("owning_agency").first()
    grant = grant_for(user, person) if person is not None else None
    coordinator = (
        person is not None
        and MaracReferral.objects.filter(victim=person, marac__in=coordinated_maracs(user)).exists()
    )
    if person is None or (grant is None and not coordinator):
        _refuse(request, f"person {person_id}", person_id=person.pk if person else None)
    return MaracFile(person=person, grant=grant, coordinator=coordinator)
