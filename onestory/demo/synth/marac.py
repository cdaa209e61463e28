"""MARAC work in the synthetic county: the victims referred, their cases on meeting agendas,
the discussions and action plans, and repeat referrals. Pure and seeded: rows as
dictionaries of model field values, no database.

The county's MARACs and their meetings (every two to four weeks over the seven years, and a
few weeks ahead) are set up once for the county (see ``loader.county_marac``); each chunk
then refers some of its victims whose DASH assessment met a MARAC criterion, about 3,200
cases a year for a county of a million records. A referral goes to the MARAC of the
victim's district, is listed for its next meeting, discussed, given actions, and closed
once the actions are done; now and then it is kept open for a second meeting, declined at
the coordinator's check, or still waiting today. A victim referred again within twelve
months about the same person is a repeat, found by the same rule the application uses.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from onestory.demo.synth.people import Household, Record
from onestory.marac import rules
from onestory.marac.models import CRITERIA_FIELDS, AgendaItem, MaracAction, MaracReferral

# MARAC cases a year for a county of a million records, over seven years, per record.
CASES_PER_RECORD = 3200 * 7 / 1_000_000
YEARS = 7
REPEAT_CHANCE = 0.45  # a referred victim referred again within the year, about the same person
DECLINED = 0.03
KEPT_OPEN = 0.12  # discussed, and listed again for the next meeting
REASONS = (
    "High risk after a strangulation and repeated visits since she separated.",
    "Threats to kill in front of the children; he has access to the house.",
    "Escalating stalking since the non-molestation order was served.",
    "Serious assault last weekend; she is pregnant and isolated from her family.",
    "Worried about escalation: three police call-outs in the last month.",
)
JUDGEMENT_REASONS = ("The worker fears for her life even though the score is medium.",)
DISCUSSIONS = (
    "Agencies shared what they know. Risk remains high; safety measures agreed.",
    "Police to prioritise calls to the address. IDVA to keep weekly contact.",
    "Housing options discussed; children's social care already involved.",
)
ACTIONS = (
    "Flag the address for an urgent police response.",
    "IDVA to contact her within 48 hours to update the safety plan.",
    "Housing to look at a management move.",
    "Check for any child protection plan and share with the MARAC.",
    "Probation to review licence conditions.",
    "GP surgery to add a safeguarding alert to her record.",
)
DECLINE_REASONS = ("Does not meet the threshold; the referrer will keep supporting her.",)
ACTION_UPDATES = ("Done and confirmed with the coordinator.", "No longer needed: she has moved.")


@dataclass(frozen=True)
class Sitting:
    """A meeting of a MARAC: when, and whether it took place (or was cancelled)."""

    id: int
    on: dt.date
    status: str  # scheduled, held or cancelled


@dataclass(frozen=True)
class Board:
    """One of the county's MARACs, its member agencies and its meetings in date order."""

    id: int
    members: tuple[int, ...]
    sittings: tuple[Sitting, ...]

    def next_sitting(self, after: dt.date) -> int | None:
        """The index of the first meeting not cancelled on or after ``after``."""
        for index, sitting in enumerate(self.sittings):
            if sitting.on >= after and sitting.status != "cancelled":
                return index
        return None


@dataclass(frozen=True)
class County:
    """The county's MARAC arrangements, fixed for the whole load."""

    boards: tuple[Board, ...]  # one for each district, in the districts' order
    coordinators: tuple[int, ...]  # MARAC coordinators' user ids


@dataclass
class Firsts:
    referral: int = 1
    item: int = 1
    positions: dict[int, int] = field(default_factory=dict)  # meeting id → last position used


@dataclass(frozen=True)
class Past:
    id: int
    on: dt.date
    perpetrators: frozenset[int]
    closed: dt.date | None  # None while open
    counts: bool  # declined referrals do not count for the repeat rule


@dataclass
class Referrals:
    """MARAC referrals for one chunk's victims, numbered from ``firsts``; rows by model."""

    now: dt.datetime
    rng: random.Random
    county: County
    staff: dict[int, list[tuple[int, str]]]
    agencies: dict[str, int]
    firsts: Firsts
    tables: dict[type, list[dict]] = field(default_factory=dict)
    # Victim record → her referrals so far, for the repeat rule and to keep one open at once.
    history: dict[int, list[Past]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for model in MODELS:
            self.tables.setdefault(model, [])

    def for_chunk(
        self, households: Iterable[Household], assessments: dict[int, list[dict]], records: int
    ) -> None:
        """About ``CASES_PER_RECORD`` referrals for each of the chunk's ``records``."""
        rng = self.rng
        expected = CASES_PER_RECORD * records
        wanted = int(expected) + (rng.random() < expected - int(expected))
        candidates = []
        for household in households:
            if household.using_harm is None or not household.using_harm.records:
                continue
            for record in household.victim.records:
                for assessment in assessments.get(record.pid, []):
                    if assessment["marac_eligible"]:
                        candidates.append((household, record, assessment))
        made = 0
        for household, record, assessment in self._spread(candidates):
            if made >= wanted:
                break
            if record.pid in self.history:
                continue  # one run of referrals for each victim's record, in date order
            referred_at = assessment["assessed_at"] + dt.timedelta(hours=rng.randrange(2, 72))
            closed_on = self._refer(household, record, assessments[record.pid], referred_at)
            if closed_on is None:
                continue
            made += 1
            if made < wanted and rng.random() < REPEAT_CHANCE and closed_on is not True:
                again = closed_on + dt.timedelta(days=rng.randrange(7, 200))
                if self._refer(household, record, assessments[record.pid], _noon(again)):
                    made += 1

    def _spread(self, candidates: list) -> list:
        """The candidates shuffled, then taken a year at a time in turn, so that each of the
        seven years gets about the same number of MARAC cases (assessments pile up towards
        today, as records are made over the years and assessed after)."""
        years: list[list] = [[] for _ in range(YEARS)]
        for candidate in candidates:
            age = (self.now - candidate[2]["assessed_at"]).days
            years[min(YEARS - 1, age // 365)].append(candidate)
        for year in years:
            self.rng.shuffle(year)
        longest = max(len(year) for year in years)
        return [year[n] for n in range(longest) for year in years if n < len(year)]

    def _refer(self, household, record: Record, assessed: list[dict], at: dt.datetime):
        """One referral, if it may be made; returns the day it closed, True while it is
        still open, or None when none was made."""
        rng = self.rng
        if at >= self.now - dt.timedelta(hours=1):
            return None
        on = at.date()
        earlier = self.history.setdefault(record.pid, [])
        if any(past.closed is None or past.closed >= on for past in earlier):
            return None  # an open referral to the same MARAC: the rules refuse another
        perpetrators = frozenset({_pick_record(household.using_harm.records, record.holder)})
        repeat_of = rules.repeat_of(
            [rules.PastReferral(p.id, p.on, p.perpetrators) for p in earlier if p.counts],
            referred_on=on,
            perpetrator_ids=perpetrators,
        )
        latest = max(
            (a for a in assessed if a["assessed_at"] <= at),
            key=lambda a: (a["assessed_at"], a["id"]),
            default=None,
        )
        found = [
            name
            for name in ("visible_high_risk", "professional_judgement", "potential_escalation")
            if latest is not None and latest[name]
        ]
        criteria = rules.criteria_met(
            assessment_criteria=found,
            judgement=False,
            judgement_reason="",
            repeat=repeat_of is not None,
        )
        if not criteria:
            return None
        board = self.county.boards[_district(household.victim.postcode, len(self.county.boards))]
        referral_id = self.firsts.referral
        self.firsts.referral += 1
        agency = self.agencies[record.holder]
        row = {
            "id": referral_id,
            "marac_id": board.id,
            "victim_id": record.pid,
            "referring_agency_id": agency,
            "referred_by_id": rng.choice(self.staff[agency])[0],
            "referred_on": on,
            "referred_at": at,
            "risk_assessment_id": latest["id"] if latest else None,
            **{name: name in criteria for name in CRITERIA_FIELDS},
            "judgement_reason": latest["judgement_reason"]
            if "professional_judgement" in criteria
            else "",
            "reason": rng.choice(REASONS),
            # Every child living with her counts, with a record here or not.
            "children_in_household": sum(1 for child in household.children if child.born < on),
            "repeat_of_id": repeat_of,
            "status": "submitted",
        }
        self.tables[MaracReferral].append(row)
        for pid in sorted(perpetrators):
            self.tables[MaracReferral.perpetrators.through].append(
                {"maracreferral_id": referral_id, "person_id": pid}
            )
        for child in household.children:
            if child.records and child.born < on:
                self.tables[MaracReferral.children.through].append(
                    {
                        "maracreferral_id": referral_id,
                        "person_id": _pick_record(child.records, record.holder),
                    }
                )
        closed = self._progress(row, board)
        ended = None if closed is True else closed
        earlier.append(Past(referral_id, on, perpetrators, ended, row["status"] != "declined"))
        return closed

    def _coordinator(self) -> int:
        return self.rng.choice(self.county.coordinators)

    def _progress(self, row: dict, board: Board):
        """The coordinator's check, the meetings, the actions and the closing."""
        rng = self.rng
        at = row["referred_at"]
        checked = at + dt.timedelta(hours=rng.randrange(4, 72))
        if checked >= self.now:
            return True  # waiting for the coordinator's check
        if rng.random() < DECLINED:
            row.update(
                status="declined",
                decline_reason=rng.choice(DECLINE_REASONS),
                checked_by_id=self._coordinator(),
                checked_at=checked,
            )
            return checked.date()
        index = board.next_sitting(checked.date() + dt.timedelta(days=2))
        if index is None:
            return True  # no meeting set yet: waiting to be listed
        row.update(status="listed", checked_by_id=self._coordinator(), checked_at=checked)
        last_discussed = None
        actions: list[dict] = []
        while index is not None:
            sitting = board.sittings[index]
            item_id = self._list(row, sitting, checked)
            if sitting.status != "held":
                return True  # listed for a meeting still to come
            discussed = _noon(sitting.on) - dt.timedelta(hours=rng.randrange(0, 3))
            item = self.tables[AgendaItem][-1]
            item.update(
                discussion=rng.choice(DISCUSSIONS),
                discussed_by_id=self._coordinator(),
                discussed_at=discussed,
            )
            last_discussed = discussed
            actions += self._actions(row, board, item_id, sitting.on)
            if rng.random() >= KEPT_OPEN:
                break
            checked = discussed
            index = board.next_sitting(sitting.on + dt.timedelta(days=1))
        closing = last_discussed + dt.timedelta(days=rng.randrange(3, 45))
        if closing >= self.now - dt.timedelta(days=1) or index is None:
            return True
        self._finish_actions(actions, closing.date())
        row.update(
            status="closed",
            closed_by_id=self._coordinator(),
            closed_at=closing,
            closure_note="Actions complete; risk reduced." if rng.random() < 0.5 else "",
        )
        return closing.date()

    def _list(self, row: dict, sitting: Sitting, checked: dt.datetime) -> int:
        item_id = self.firsts.item
        self.firsts.item += 1
        position = self.firsts.positions.get(sitting.id, 0) + 1
        self.firsts.positions[sitting.id] = position
        self.tables[AgendaItem].append(
            {
                "id": item_id,
                "meeting_id": sitting.id,
                "referral_id": row["id"],
                "position": position,
                "listed_by_id": self._coordinator(),
                "listed_at": min(checked, self.now),
            }
        )
        return item_id

    def _actions(self, row: dict, board: Board, item_id: int, on: dt.date) -> list[dict]:
        """Actions agreed at the meeting."""
        rng = self.rng
        today = self.now.date()
        made = []
        for _ in range(rng.choices((0, 1, 2, 3, 4), (10, 30, 30, 20, 10))[0]):
            due = on + dt.timedelta(days=rng.randrange(7, 42))
            status = "not_started"
            if due < today:
                status = rng.choice(("done", "done", "in_progress"))
            elif rng.random() < 0.4:
                status = "in_progress"
            agency = rng.choice(board.members)
            created = _noon(on) + dt.timedelta(hours=2)
            action = {
                "referral_id": row["id"],
                "item_id": item_id,
                "owning_agency_id": agency,
                "description": rng.choice(ACTIONS),
                "due_on": due,
                "status": status,
                "created_by_id": self._coordinator(),
                "created_at": created,
                "updated_at": created,
            }
            if status == "done":
                action.update(
                    completed_on=min(due, today),
                    update_note=ACTION_UPDATES[0],
                    updated_by_id=rng.choice(self.staff[agency])[0],
                    updated_at=_noon(min(due, today)),
                )
            self.tables[MaracAction].append(action)
            made.append(action)
        return made

    def _finish_actions(self, actions: list[dict], closing: dt.date) -> None:
        """Before a case closes at MARAC every action is done or no longer needed."""
        for action in actions:
            if action["status"] == "done":
                if action["completed_on"] > closing:
                    action.update(completed_on=closing, updated_at=_noon(closing))
                continue
            done = min(action["due_on"], closing)
            finished = "done" if self.rng.random() < 0.85 else "cancelled"
            action.update(
                status=finished,
                completed_on=done if finished == "done" else None,
                update_note=ACTION_UPDATES[0] if finished == "done" else ACTION_UPDATES[1],
                updated_by_id=self._coordinator(),
                updated_at=_noon(done),
            )


MODELS = (
    MaracReferral,
    MaracReferral.perpetrators.through,
    MaracReferral.children.through,
    AgendaItem,
    MaracAction,
)


def _pick_record(records: list[Record], holder: str) -> int:
    """The agency's own record of someone if it has one, else the first agency's."""
    for record in records:
        if record.holder == holder:
            return record.pid
    return records[0].pid


def _district(postcode: str, boards: int) -> int:
    """Which district's MARAC covers a postcode like ``NS12 3AB``."""
    try:
        number = int(postcode.split(" ")[0][2:])
    except ValueError:
        number = 1
    return (number - 1) % boards


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
