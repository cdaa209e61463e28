"""Work with people who use harm in the synthetic county: referrals to the perpetrator
programme with their assessment, interventions, sessions, the service's risk reviews, risk
events, court orders and police notices with their breaches, and family cases led by
children's services (``FamilyWork``). Pure and seeded: rows as dictionaries of model field
values, no database.

A record held by the perpetrator programme (a person using harm) has one referral, and
sometimes a second one a year or more after the first ended. The rates follow what
community perpetrator programmes publish: about a fifth of referrals are not suitable;
of those who start, about half complete, a third drop out and the rest are removed. A
behaviour-change programme lasts at least 22 weeks, sessions are weekly, about four in
five are attended. About two in three of those who start have a linked partner-support
worker at the IDVA service. Every row keeps to the rules the actions enforce
(``onestory.harm.rules``): sessions only once started, a completed programme at least 22
weeks long, orders that end after they start, breaches while the order is in force.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from onestory.demo.synth.people import Household, Record
from onestory.harm.models import (
    Breach,
    FamilyCase,
    FamilyGoal,
    FamilyMember,
    Intervention,
    Order,
    RiskEvent,
    RiskReview,
    Session,
)

MODELS = (Intervention, Session, RiskReview, RiskEvent, Order, Breach)
HOLDER = "perpetrator"

SOURCES = (
    ("police", 30),
    ("csc", 22),
    ("probation", 15),
    ("front_door", 13),
    ("marac", 10),
    ("self", 10),
)
REFERRING_KIND = {
    "police": "police",
    "csc": "csc",
    "probation": "probation",
    "front_door": "cpoc",
    "marac": "cpoc",
}
SUITABLE = 0.8
SECOND_REFERRAL = 0.12
READINESS = (("ready", 30), ("ambivalent", 50), ("not_ready", 20))
TYPES = (("behaviour_change", 45), ("early_response", 28), ("help_seeking", 10), ("intensive", 17))
WEEKS = {
    "behaviour_change": (22, 30),
    "early_response": (6, 12),
    "help_seeking": (2, 6),
    "intensive": (12, 40),
}
ENDINGS = (("completed", 50), ("dropped_out", 33), ("removed", 17))
DROP_OUT = (
    ("stopped_attending", 60),
    ("moved_away", 12),
    ("in_custody", 13),
    ("not_ready", 10),
    ("other", 5),
)
REMOVED = (("further_abuse", 70), ("unsafe_in_group", 25), ("other", 5))
LEVELS = ("standard", "medium", "high")
INTAKE_LEVEL = (("standard", 20), ("medium", 45), ("high", 35))
ATTENDED = 0.8
PARTNER_LINKED = 0.65
EVENTS = (("disclosure", 20), ("threat", 25), ("new_relationship", 30), ("disengagement", 25))
ORDERED = 0.3  # records with a court order or police notice
ORDER_KINDS = (
    ("non_molestation", 35),
    ("restraining", 20),
    ("dvpn", 10),
    ("dapn", 8),
    ("dapo", 12),
    ("bail", 10),
    ("occupation", 5),
)
NOTICES = ("dvpn", "dapn")
BREACHED = 0.18


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


@dataclass
class Firsts:
    intervention: int = 1
    order: int = 1


@dataclass
class HarmWork:
    """Interventions and orders for one chunk's records, numbered from ``firsts``."""

    now: dt.datetime
    rng: random.Random
    staff: dict[int, list[tuple[int, str]]]
    agencies: dict[str, int]
    firsts: Firsts
    tables: dict[type, list[dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for model in MODELS:
            self.tables.setdefault(model, [])

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def _worker(self, kind: str) -> int | None:
        agency = self.agencies.get(kind)
        if agency is None or not self.staff.get(agency):
            return None
        return self.rng.choice(self.staff[agency])[0]

    def for_record(self, record: Record) -> None:
        if record.holder != HOLDER or HOLDER not in self.agencies:
            return
        rng = self.rng
        received = record.created_at.date() + dt.timedelta(days=rng.randrange(0, 30))
        for _ in range(2):
            if received >= self.today:
                return
            ended = self._intervention(record, received)
            if ended is None or rng.random() >= SECOND_REFERRAL:
                break
            received = ended + dt.timedelta(days=rng.randrange(365, 900))
        if rng.random() < ORDERED:
            self._order(record)

    def _intervention(self, record: Record, received: dt.date) -> dt.date | None:
        """One referral and what came of it; returns the day it ended, None if still open."""
        rng = self.rng
        agency = self.agencies[HOLDER]
        worker = self._worker(HOLDER)
        pk = self.firsts.intervention
        self.firsts.intervention += 1
        source = _pick(rng, SOURCES)
        referring = REFERRING_KIND.get(source)
        row = {
            "id": pk,
            "person_id": record.pid,
            "agency_id": agency,
            "source": source,
            "referring_agency_id": self.agencies.get(referring) if referring else None,
            "referred_on": received,
            "reason": "",
            "status": "referred",
            "worker_id": worker,
            "created_at": dt.datetime.combine(received, dt.time(10), tzinfo=dt.UTC),
            "created_by_id": worker,
        }
        self.tables[Intervention].append(row)
        assessed = received + dt.timedelta(days=rng.randrange(7, 35))
        if assessed > self.today:
            return None  # still waiting for assessment
        suitable = rng.random() < SUITABLE
        level = _pick(rng, INTAKE_LEVEL)
        row.update(
            suitable=suitable,
            readiness=_pick(rng, READINESS),
            assessed_on=assessed,
            status="active" if suitable else "not_suitable",
        )
        self._review(pk, "intake", assessed, level, worker)
        if not suitable:
            return assessed
        kind = _pick(rng, TYPES)
        low, high = WEEKS[kind]
        weeks = rng.randint(low, high)
        partner = self._worker("idva") if rng.random() < PARTNER_LINKED else None
        row.update(
            intervention_type=kind,
            planned_weeks=weeks,
            started_on=assessed,
            partner_worker_id=partner,
        )
        ending = _pick(rng, ENDINGS)
        length = weeks if ending == "completed" else rng.randint(1, max(1, weeks - 1))
        planned_end = assessed + dt.timedelta(weeks=length)
        still_going = planned_end > self.today
        last = min(planned_end, self.today)
        threats = []
        day = assessed + dt.timedelta(days=7)
        while day <= last:
            attended = rng.random() < ATTENDED
            self.tables[Session].append(
                {
                    "intervention_id": pk,
                    "session_on": day,
                    "status": "attended" if attended else "missed",
                    "recorded_by_id": worker,
                    "recorded_at": dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC),
                }
            )
            if not attended and any((day - t).days <= 28 for t in threats):
                self._event(pk, "missed_after_threat", day, worker)
            if rng.random() < 0.03:
                event = _pick(rng, EVENTS)
                self._event(pk, event, day, worker)
                if event == "threat":
                    threats.append(day)
            day += dt.timedelta(days=7)
        if still_going:
            return None
        reason = {
            "completed": "completed",
            "dropped_out": _pick(rng, DROP_OUT),
            "removed": _pick(rng, REMOVED),
        }[ending]
        row.update(status=ending, ended_on=planned_end, end_reason=reason)
        step = {"completed": -1, "dropped_out": 0, "removed": 1}[ending]
        exit_level = LEVELS[max(0, min(2, LEVELS.index(level) + step + rng.choice((-1, 0, 0, 1))))]
        self._review(pk, "exit", planned_end, exit_level, worker)
        if ending == "dropped_out":
            self._event(pk, "disengagement", planned_end, worker)
        elif ending == "removed":
            self._event(pk, "removal", planned_end, worker)
        return planned_end

    def _review(self, pk, stage, day, level, worker) -> None:
        self.tables[RiskReview].append(
            {
                "intervention_id": pk,
                "stage": stage,
                "assessed_on": day,
                "level": level,
                "recorded_by_id": worker,
                "recorded_at": dt.datetime.combine(day, dt.time(16), tzinfo=dt.UTC),
            }
        )

    def _event(self, pk, kind, day, worker) -> None:
        self.tables[RiskEvent].append(
            {
                "intervention_id": pk,
                "kind": kind,
                "occurred_on": day,
                "recorded_by_id": worker,
                "recorded_at": dt.datetime.combine(day, dt.time(17), tzinfo=dt.UTC),
            }
        )

    def _order(self, record: Record) -> None:
        rng = self.rng
        recorder = self._worker("police")
        police = self.agencies.get("police")
        if recorder is None or police is None:
            return
        kind = _pick(rng, ORDER_KINDS)
        earliest = record.created_at.date()
        span = (self.today - earliest).days
        if span < 2:
            return
        starts = earliest + dt.timedelta(days=rng.randrange(0, span))
        days = 2 if kind in NOTICES else rng.choice((180, 365, 730))
        ends = starts + dt.timedelta(days=days)
        pk = self.firsts.order
        self.firsts.order += 1
        self.tables[Order].append(
            {
                "id": pk,
                "person_id": record.pid,
                "kind": kind,
                "starts_on": starts,
                "ends_on": ends,
                "electronic_monitoring": kind in ("dapo", "bail") and rng.random() < 0.3,
                "duty_to_notify": kind == "dapo" and rng.random() < 0.6,
                "agency_id": police,
                "recorded_by_id": recorder,
                "recorded_at": dt.datetime.combine(starts, dt.time(12), tzinfo=dt.UTC),
            }
        )
        last = min(ends, self.today)
        if rng.random() < BREACHED and last > starts:
            day = starts + dt.timedelta(days=rng.randrange(0, (last - starts).days + 1))
            self.tables[Breach].append(
                {
                    "order_id": pk,
                    "occurred_on": day,
                    "agency_id": police,
                    "recorded_by_id": recorder,
                    "recorded_at": dt.datetime.combine(day, dt.time(13), tzinfo=dt.UTC),
                }
            )


# Whole-family working. The early-help offer the strategies describe is led by children's
# services; about one household in five whose child is known to them has a family case. The
# adult experiencing abuse joins it with her consent (her record shared in full with the lead
# agency); the person using harm joins in about one case in four, always with the reason it
# is safe, his record shared for safeguarding. Each member has about one goal of the plan.
FAMILY_CASE = 0.2
FAMILY_LEADS = ("children", "csc")
USING_HARM_JOINS = 0.25
GOALS = (0, 1, 1, 2)
CHILD_NEEDS = (
    "Sleeps badly and is behind with reading.",
    "Anxious at handovers; wets the bed again since the incident.",
    "Angry at school; has been excluded twice this term.",
    "Young carer for mum on bad days.",
)
CHILD_WORDS = (
    "I want mum to be safe and to stay at my school.",
    "I don't want to see dad when he shouts.",
    "I want my own room and my cat.",
    "I just want it to be normal.",
)
ADULT_NEEDS = (
    "Housing that he does not know about.",
    "Counselling, and help with debts he left in her name.",
    "Support at the family court hearing.",
)
FAMILY_GOALS = (
    "A safety plan for handovers at weekends.",
    "A trusted adult at school to talk to.",
    "Attends every session of the programme.",
    "A stable home by the end of the school year.",
    "Takes part in a group for children who have lived with abuse.",
)
SAFE_TO_INCLUDE = (
    "In a behaviour-change programme; she agrees; contact is supervised.",
    "Lives apart; the plan covers only his contact with the children, agreed with her.",
)
FAMILY_MODELS = (FamilyCase, FamilyMember, FamilyGoal)


@dataclass
class FamilyFirsts:
    family: int = 1
    member: int = 1


@dataclass
class FamilyWork:
    """Family cases for one chunk's households, numbered from ``firsts``. The shares that let
    the lead agency see the adults in full are made too (``shares``)."""

    now: dt.datetime
    rng: random.Random
    staff: dict[int, list[tuple[int, str]]]
    agencies: dict[str, int]
    firsts: FamilyFirsts
    tables: dict[type, list[dict]] = field(default_factory=dict)
    shares: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        for model in FAMILY_MODELS:
            self.tables.setdefault(model, [])

    def for_household(self, household: Household) -> None:
        rng = self.rng
        by_lead = {
            lead: [r for child in household.children for r in child.records if r.holder == lead]
            for lead in FAMILY_LEADS
            if self.staff.get(self.agencies.get(lead, -1))
        }
        lead = next((lead for lead, records in by_lead.items() if records), None)
        if lead is None or rng.random() >= FAMILY_CASE:
            return
        agency = self.agencies[lead]
        children = by_lead[lead]
        known = max(record.created_at for record in children)
        opened = known.date() + dt.timedelta(days=rng.randrange(7, 90))
        if opened >= self.now.date():
            return
        worker = rng.choice(self.staff[agency])[0]
        family = self.firsts.family
        self.firsts.family += 1
        self.tables[FamilyCase].append(
            {
                "id": family,
                "agency_id": agency,
                "lead_practitioner_id": worker,
                "opened_on": opened,
                "created_by_id": worker,
            }
        )
        at = dt.datetime.combine(opened, dt.time(11), tzinfo=dt.UTC)
        adults = [(household.victim, "adult_victim", "consent")]
        if household.using_harm is not None and rng.random() < USING_HARM_JOINS:
            adults.append((household.using_harm, "using_harm", "safeguarding"))
        for person, role, basis in adults:
            record = next(
                (
                    r
                    for r in person.records
                    if r.created_at <= at and self.staff.get(self.agencies.get(r.holder, -1))
                ),
                None,
            )
            if record is None:
                continue
            if self.agencies[record.holder] != agency:
                self._share(record, agency, basis, at)
            self._member(family, record, role, worker, at, needs=ADULT_NEEDS)
        for record in children:
            self._member(family, record, "child", worker, at, needs=CHILD_NEEDS)

    def _share(self, record, to_agency: int, basis: str, at: dt.datetime) -> None:
        holder = self.agencies[record.holder]
        self.shares.append(
            {
                "from_agency_id": holder,
                "to_agency_id": to_agency,
                "person_id": record.pid,
                "scope": "full",
                "lawful_basis": basis,
                "reason": "Whole-family working: a member of a family case it leads.",
                "granted_by_id": self.rng.choice(self.staff[holder])[0],
                "granted_at": at - dt.timedelta(days=1),
            }
        )

    def _member(self, family, record, role, worker, at, *, needs) -> None:
        rng = self.rng
        member = self.firsts.member
        self.firsts.member += 1
        self.tables[FamilyMember].append(
            {
                "id": member,
                "family_id": family,
                "person_id": record.pid,
                "role": role,
                "safety_reason": rng.choice(SAFE_TO_INCLUDE) if role == "using_harm" else "",
                "needs": rng.choice(needs) if role != "using_harm" else "",
                "voice": rng.choice(CHILD_WORDS) if role == "child" else "",
                "added_by_id": worker,
                "added_at": at,
            }
        )
        for _ in range(rng.choice(GOALS)):
            self.tables[FamilyGoal].append(
                {
                    "member_id": member,
                    "description": rng.choice(FAMILY_GOALS),
                    "created_by_id": worker,
                    "created_at": at,
                }
            )
