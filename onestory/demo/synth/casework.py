"""Case work at the county's specialist services: episodes of support (cases) with their
notes, contacts tried and made, needs, support plans and outcomes. Pure and seeded: rows as
dictionaries of model field values, no database.

A record held by a service that works cases (outreach, the IDVA service, refuge, the
perpetrator programme, the children's service, probation) has one or more episodes over the
seven years, one after another: the agency's record is the person it works with. An episode
opens, tries to reach the person, and either gets in touch (the case is then active) or
does not; it closes with a reason once the work ends, unless it is still going on today.
The rows keep to the rules the actions enforce: a closed case has a reason and a closing
time, only contacts have a channel, a restricted note names who may read it, notes and
plans fall within the case, nothing is dated in the future.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from onestory.cases.models import Case, CaseNote, Goal, NeedsAssessment, OutcomeRecord, PlanAction
from onestory.cases.models.outcomes import ABUSE_FIELDS, SCORE_FIELDS
from onestory.cases.models.plans import NEED_FIELDS
from onestory.demo.synth.people import CHILD, USING_HARM, Record

CASE_HOLDERS = ("outreach", "idva", "refuge", "perpetrator", "children", "probation")
# Episodes of support for one record over seven years (about 1.6 on average, before those
# that would start after today are dropped): 350,000 cases for a county of 1M records.
EPISODES = ((1, 50), (2, 28), (3, 13), (4, 6), (5, 3))
# Notes for one case: a long tail, about 14 on average (5 million for 350,000 cases).
NOTES_MU, NOTES_SIGMA, MOST_NOTES = 2.42, 0.85, 400
ENGAGED = 0.85  # cases where someone at the agency gets in touch with the person

CLOSURE_ENGAGED = (
    ("support_completed", 55),
    ("disengaged", 14),
    ("moved_away", 8),
    ("transferred", 12),
    ("declined", 6),
    ("other", 5),
)
CLOSURE_NOT_REACHED = (("disengaged", 65), ("declined", 35))
OTHER_REASONS = (
    "Person went into hospital for a long stay",
    "Now supported by a service in another county",
    "Asked to pause support while the court case runs",
)
LATER_KINDS = (
    ("contact", 44),
    ("attempted_contact", 12),
    ("meeting", 12),
    ("multi_agency", 13),
    ("court", 5),
    ("management_oversight", 14),
)
CHANNELS = (
    ("phone", 45),
    ("text", 20),
    ("in_person", 20),
    ("email", 8),
    ("video", 5),
    ("letter", 2),
)
SENSITIVITIES = (("standard", 80), ("agency", 16), ("restricted", 4))
NOTE_TEXTS = {
    "contact": (
        "Spoke with her on the safe number. She is staying with her sister for now.",
        "Talked through the safety plan again; she is using the code word with her mum.",
        "He attended the session and talked about what happened last weekend.",
        "Checked in after the court date. Feeling more settled and sleeping better.",
        "Discussed money worries; agreed to look at a budgeting referral together.",
        "She said things have been calmer this week and the children are back at school.",
        "Went through the risk assessment answers with her and agreed next steps.",
    ),
    "attempted_contact": (
        "Called the safe number: no answer, no voicemail left as agreed.",
        "Sent a text asking her to call back when it is safe.",
        "Tried to call at the agreed time; the phone was switched off.",
        "No reply to the email. Will try again tomorrow morning.",
    ),
    "meeting": (
        "Met at the children's centre. Went through the support plan goals.",
        "Joint visit with the housing officer about a move.",
        "Group session attended; engaged well and asked for one-to-one time.",
    ),
    "multi_agency": (
        "Spoke with the police officer in charge about bail conditions.",
        "Shared the safety plan with the school safeguarding lead, with consent.",
        "Strategy discussion with children's social care; agreed who does what.",
        "Health visitor updated us after her last visit.",
    ),
    "court": (
        "Supported her at the magistrates' court; the hearing was adjourned.",
        "Non-molestation order granted today. Explained what it means.",
        "Helped prepare the statement for the family court.",
    ),
    "management_oversight": (
        "Case reviewed in supervision: risk still high, keep weekly contact.",
        "Manager agreed to extend support for another six weeks.",
        "Reviewed caseload: plan is on track, no change to risk.",
    ),
}
SUMMARIES = (
    "Wants to feel safe at home and to understand her options.",
    "Help with housing and a non-molestation order.",
    "Support through the criminal court case.",
    "Wants to change how he behaves towards his partner.",
    "Emotional support and help for the children.",
    "Help to manage money and debts built up in her name.",
)
GOALS = (
    "I want to feel safe in my own home.",
    "Find somewhere new to live.",
    "Get the non-molestation order in place.",
    "Sort out the debts in my name.",
    "Help the children feel settled at school.",
    "Stop shouting when I am angry.",
    "Reconnect with my family and friends.",
)
PLAN_ACTIONS = (
    "Make a referral for new locks.",
    "Call the housing team about the move.",
    "Book an appointment with the solicitor.",
    "Go to the first group session.",
    "Apply for the hardship fund.",
    "Speak to the school about extra support.",
    "Register with a new GP.",
)
OTHER_OWNERS = ("The person", "Housing", "Children's social care", "Police", "Her solicitor")
NEED_LEVELS = (("", 15), ("none", 35), ("low", 20), ("medium", 18), ("high", 12))
ABUSE_AT_INTAKE = (("", 20), ("happening", 45), ("not_experienced", 35))


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


@dataclass
class Firsts:
    """The next id to give each kind of row whose id other rows point to."""

    case: int = 1
    note: int = 1
    goal: int = 1


@dataclass
class Casework:
    """Cases for one chunk's records, numbered from ``firsts``; rows by model."""

    now: dt.datetime  # the county's "today", as a moment: nothing is dated after it
    rng: random.Random
    staff: dict[int, list[tuple[int, str]]]
    agencies: dict[str, int]
    firsts: Firsts
    tables: dict[type, list[dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for model in MODELS:
            self.tables.setdefault(model, [])

    def for_record(self, record: Record) -> None:
        if record.holder not in CASE_HOLDERS:
            return
        rng = self.rng
        agency = self.agencies[record.holder]
        start = record.created_at + dt.timedelta(hours=rng.randrange(1, 24 * 21))
        for _ in range(_pick_count(rng)):
            if start >= self.now - dt.timedelta(days=1):
                break
            ended = self._case(record, agency, start)
            if ended is None:
                break  # still open: the agency's next case for them can only come after
            start = ended + dt.timedelta(days=rng.randrange(30, 720), hours=rng.randrange(24))

    def _worker(self, agency: int) -> int:
        return self.rng.choice(self.staff[agency])[0]

    def _case(self, record: Record, agency: int, opened: dt.datetime) -> dt.datetime | None:
        """One case; returns when it closed, or None when it is still open today."""
        rng = self.rng
        case_id = self.firsts.case
        self.firsts.case += 1
        lead = self._worker(agency)
        count = min(MOST_NOTES, max(1, round(rng.lognormvariate(NOTES_MU, NOTES_SIGMA))))
        span = dt.timedelta(days=count * rng.uniform(3, 12) + rng.uniform(1, 10))
        engaged = rng.random() < ENGAGED
        if not engaged:
            count = min(count, rng.randrange(1, 7))
            span = dt.timedelta(days=rng.uniform(5, 45))
        closes = opened + span
        closed = closes < self.now - dt.timedelta(hours=2)
        end = closes if closed else self.now - dt.timedelta(hours=2)
        moments = sorted(_moment(rng, opened, end) for _ in range(count))
        kinds = _note_kinds(rng, count, engaged)
        first_contact = next(
            (m for m, k in zip(moments, kinds, strict=True) if k == "contact"), None
        )
        role = {CHILD: "child", USING_HARM: "person_using_harm"}.get(record.involvement, "victim")
        row = {
            "id": case_id,
            "person_id": record.pid,
            "agency_id": agency,
            "person_role": role,
            "status": "closed" if closed else "active" if first_contact else "open",
            "summary": rng.choice(SUMMARIES),
            "lead_worker_id": lead,
            "opened_at": opened,
            "opened_by_id": lead if rng.random() < 0.7 else self._worker(agency),
            "first_contact_at": first_contact,
        }
        if closed:
            reason = _pick(rng, CLOSURE_ENGAGED if first_contact else CLOSURE_NOT_REACHED)
            closed_at = min(end + dt.timedelta(hours=rng.randrange(1, 72)), self.now)
            row.update(
                closed_at=closed_at,
                closed_by_id=lead,
                closure_reason=reason,
                closure_reason_other=rng.choice(OTHER_REASONS) if reason == "other" else "",
                follow_up_on=closed_at.date() + dt.timedelta(days=28)
                if rng.random() < 0.1
                else None,
            )
        self.tables[Case].append(row)
        if rng.random() < 0.2:
            other = self._worker(agency)
            if other != lead:
                self.tables[Case.workers.through].append({"case_id": case_id, "user_id": other})
        for moment, kind in zip(moments, kinds, strict=True):
            self._note(case_id, agency, lead, moment, kind)
        if first_contact is not None:
            self._plans(case_id, agency, lead, role, first_contact, end, closed, row)
        return row.get("closed_at")

    def _note(self, case_id: int, agency: int, lead: int, moment: dt.datetime, kind: str):
        rng = self.rng
        note_id = self.firsts.note
        self.firsts.note += 1
        writer = lead if rng.random() < 0.75 else self._worker(agency)
        sensitivity = _pick(rng, SENSITIVITIES)
        key_chance = 0.15 if kind in ("court", "multi_agency") else 0.03
        self.tables[CaseNote].append(
            {
                "id": note_id,
                "case_id": case_id,
                "kind": kind,
                "channel": _pick(rng, CHANNELS) if kind in ("contact", "attempted_contact") else "",
                "occurred_at": moment,
                "text": rng.choice(NOTE_TEXTS[kind]),
                "sensitivity": sensitivity,
                "is_key": rng.random() < key_chance,
                "written_by_id": writer,
                "written_at": min(moment + dt.timedelta(minutes=rng.randrange(5, 600)), self.now),
            }
        )
        if sensitivity == "restricted":
            reader = lead if writer != lead else self._worker(agency)
            self.tables[CaseNote.named_readers.through].append(
                {"casenote_id": note_id, "user_id": reader}
            )

    def _plans(self, case_id, agency, lead, role, contact, end, closed, case_row) -> None:
        """Needs, goals with actions, and the person's own ratings, once in touch."""
        rng = self.rng
        first_day, last_day = contact.date(), end.date()
        assessed_on = _day_between(rng, first_day, min(first_day + dt.timedelta(days=7), last_day))
        levels = {name: _pick(rng, NEED_LEVELS) for name in NEED_FIELDS}
        if not any(levels.values()):
            levels["safety_at_home"] = "high"
        self.tables[NeedsAssessment].append(
            {
                "case_id": case_id,
                "assessed_on": assessed_on,
                "assessed_by_id": lead,
                "recorded_at": _at(assessed_on, self.now),
                **levels,
            }
        )
        for _ in range(rng.choices((0, 1, 2, 3), (20, 40, 28, 12))[0]):
            self._goal(case_id, agency, lead, first_day, last_day, closed)
        if rng.random() < 0.6:
            self._outcomes(case_id, lead, role, first_day, last_day, closed, case_row)

    def _goal(self, case_id, agency, lead, first_day, last_day, closed) -> None:
        rng = self.rng
        goal_id = self.firsts.goal
        self.firsts.goal += 1
        agreed = _day_between(rng, first_day, min(first_day + dt.timedelta(days=14), last_day))
        status = _pick(
            rng,
            (("achieved", 60), ("stopped", 25), ("open", 15))
            if closed
            else (("open", 80), ("achieved", 20)),
        )
        created = _at(agreed, self.now)
        self.tables[Goal].append(
            {
                "id": goal_id,
                "case_id": case_id,
                "description": rng.choice(GOALS),
                "agreed_on": agreed,
                "status": status,
                "created_by_id": lead,
                "created_at": created,
                "updated_at": created,
            }
        )
        for _ in range(rng.choices((1, 2, 3), (50, 35, 15))[0]):
            due = agreed + dt.timedelta(days=rng.randrange(7, 60))
            mine = rng.random() < 0.6
            done = min(due, last_day) if rng.random() < (0.8 if closed else 0.4) else None
            if done is not None and done > self.now.date() - dt.timedelta(days=1):
                done = None
            self.tables[PlanAction].append(
                {
                    "goal_id": goal_id,
                    "description": rng.choice(PLAN_ACTIONS),
                    "owner_worker_id": self._worker(agency) if mine else None,
                    "owner_other": "" if mine else rng.choice(OTHER_OWNERS),
                    "due_on": due,
                    "done_at": _at(done, self.now) if done else None,
                    "done_by_id": lead if done else None,
                    "created_by_id": lead,
                    "created_at": created,
                }
            )

    def _outcomes(self, case_id, lead, role, first_day, last_day, closed, case_row) -> None:
        rng = self.rng
        asked = [key for key in SCORE_FIELDS if key != "behaviour" or role == "person_using_harm"]
        intake = {SCORE_FIELDS[key]: rng.randint(1, 3) for key in asked}
        abuse = {name: _pick(rng, ABUSE_AT_INTAKE) for name in ABUSE_FIELDS.values()}
        self.tables[OutcomeRecord].append(
            {
                "case_id": case_id,
                "stage": "intake",
                "recorded_on": first_day,
                "recorded_by_id": lead,
                "recorded_at": _at(first_day, self.now),
                **intake,
                **abuse,
            }
        )
        if not closed or case_row["closure_reason"] not in ("support_completed", "transferred"):
            return
        if rng.random() < 0.3:
            return
        scores = {
            name: max(1, min(5, score + rng.choice((-1, 0, 1, 1, 2, 2))))
            for name, score in intake.items()
        }
        after = {
            name: (
                ("stopped" if rng.random() < 0.7 else "happening") if was == "happening" else was
            )
            for name, was in abuse.items()
        }
        self.tables[OutcomeRecord].append(
            {
                "case_id": case_id,
                "stage": "exit",
                "recorded_on": last_day,
                "recorded_by_id": lead,
                "recorded_at": _at(last_day, self.now),
                **scores,
                **after,
            }
        )


MODELS = (
    Case,
    Case.workers.through,
    CaseNote,
    CaseNote.named_readers.through,
    NeedsAssessment,
    Goal,
    PlanAction,
    OutcomeRecord,
)


def _pick_count(rng: random.Random) -> int:
    counts, weights = zip(*EPISODES, strict=True)
    return rng.choices(counts, weights)[0]


def _note_kinds(rng: random.Random, count: int, engaged: bool) -> list[str]:
    """Tries to reach the person first; once in touch, the work of the case."""
    if not engaged:
        return ["attempted_contact"] * count
    tries = min(count - 1, rng.choices((0, 1, 2, 3), (45, 30, 15, 10))[0])
    later = [_pick(rng, LATER_KINDS) for _ in range(count - tries - 1)]
    return ["attempted_contact"] * tries + ["contact"] + later


def _moment(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    span = max(int((end - start).total_seconds()), 1)
    return start + dt.timedelta(seconds=rng.randrange(span))


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _at(day: dt.date, now: dt.datetime) -> dt.datetime:
    """Late afternoon on ``day``, when notes get written up; never after ``now``."""
    return min(dt.datetime.combine(day, dt.time(16, 30), tzinfo=dt.UTC), now)
