"""What happens to the county's people over seven years: referrals to the front door, risk
assessments, incidents, shares and the audit trail. Pure and seeded: rows as dictionaries
of model field values, no database.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import zlib
from dataclasses import dataclass

from onestory.demo.synth.accommodation import Estate
from onestory.demo.synth.marac import County
from onestory.demo.synth.people import CHILD, USING_HARM, VICTIM, Household, Record, poisson
from onestory.intake.rules import REFERENCE_ALPHABET
from onestory.people.validators import normalise_postcode, postcode_district
from onestory.risk import criteria
from onestory.risk.dash import Bands

# How often each DASH question is answered "yes", roughly, across assessments.
DASH_YES_RATES = (
    0.35, 0.65, 0.60, 0.45, 0.45, 0.60, 0.25, 0.45, 0.10, 0.40, 0.45, 0.65,
    0.20, 0.25, 0.20, 0.20, 0.15, 0.20, 0.10, 0.40, 0.50, 0.20, 0.20, 0.45,
)  # fmt: skip
ASSESSING_HOLDERS = {"cpoc", "idva", "outreach", "police"}
BANDS = Bands()
ESCALATION_THRESHOLD = 3
# Audit events over seven years for each person record, at full scale (targets.md:
# 25 million a year for a county of a million records over seven years).
AUDIT_PER_RECORD = 175
AUDIT_MIX = (
    ("view", 55),
    ("search", 20),
    ("update", 10),
    ("create", 8),
    ("sign_in", 4),
    ("export", 1),
    ("refused", 1),
    ("share_granted", 1),
)
STORIES = (
    "Called the front door after an argument last night; wants advice about staying safe.",
    "Partner checks her phone and controls the money. She is thinking about leaving.",
    "Police attended a call-out at the address. Children were in the house.",
    "Health visitor noticed bruising and asked about home. She agreed to a referral.",
    "Ex-partner keeps turning up at work and sending messages.",
    "Worried about his own behaviour towards his partner and wants help to change.",
    "Her sister called: she has been cut off from the family for months.",
)


@dataclass(frozen=True)
class Context:
    """The county's fixed parts: agencies by kind and their staff, and the chunk's clock."""

    agencies: dict[str, int]  # agency kind → id
    staff: dict[int, list[tuple[int, str]]]  # agency id → [(user id, username)]
    today: dt.date
    audit_scale: float
    county: County | None = None  # the MARACs and their meetings, when the county has them
    estate: Estate | None = None  # its safe accommodation schemes and units, when it has them
    # The county's wards as (id, running total of adult women), for a home's ward.
    wards: tuple[tuple[int, int], ...] = ()

    def ward_of(self, postcode: str) -> int | None:
        """The ward a home is in: fixed by its postcode, so a household shares one, and
        spread over the wards as their adult women are."""
        if not self.wards or not postcode:
            return None
        spot = zlib.crc32(postcode.encode()) % self.wards[-1][1]
        return self.wards[bisect.bisect_right([total for _, total in self.wards], spot)][0]

    @property
    def now(self) -> dt.datetime:
        """The moment the county was made: nothing in it happens later."""
        return dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC)

    @property
    def front_door(self) -> int:
        return self.agencies["cpoc"]

    def worker(self, rng: random.Random, agency_id: int) -> tuple[int, str]:
        return rng.choice(self.staff[agency_id])

    def moment(self, rng: random.Random, after: dt.datetime | None = None) -> dt.datetime:
        start = after or dt.datetime.combine(
            self.today - dt.timedelta(days=7 * 365), dt.time(), tzinfo=dt.UTC
        )
        end = dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC)
        span = max(int((end - start).total_seconds()), 1)
        return start + dt.timedelta(seconds=rng.randrange(span))


def reference(number: int, seed: int) -> str:
    """A referral reference like ``K7P2-MXQ4``, different for every number in one county."""
    size = len(REFERENCE_ALPHABET) ** 8
    mixed = (number * 0x9E3779B1 + seed * 7919) % size  # the multiplier is odd: one to one
    letters = []
    for _ in range(8):
        mixed, digit = divmod(mixed, len(REFERENCE_ALPHABET))
        letters.append(REFERENCE_ALPHABET[digit])
    return f"{''.join(letters[:4])}-{''.join(letters[4:])}"


def relationships(ctx: Context, rng: random.Random, household: Household) -> list[dict]:
    """Connections between records held by the same agency about one household."""
    rows = []
    by_holder: dict[str, dict[str, list[Record]]] = {}
    for person in household.people():
        for record in person.records:
            by_holder.setdefault(record.holder, {}).setdefault(person.role, []).append(record)
    for held in by_holder.values():
        for victim in held.get(VICTIM, [])[:1]:
            agency = ctx.agencies[victim.holder]
            for other in held.get(USING_HARM, [])[:1]:
                rows.append(_connection(ctx, rng, victim, other, household.relationship, agency))
            for child in held.get(CHILD, []):
                rows.append(_connection(ctx, rng, victim, child, "parent_of", agency))
    return rows


def _connection(ctx, rng, person: Record, other: Record, kind: str, agency: int) -> dict:
    return {
        "person_id": person.pid,
        "other_person_id": other.pid,
        "kind": kind,
        "created_at": max(person.created_at, other.created_at),
        "created_by_id": ctx.worker(rng, agency)[0],
    }


def addresses(ctx: Context, rng: random.Random, record: Record) -> list[dict]:
    if not record.postcode:
        return []
    postcode = normalise_postcode(record.postcode)
    return [
        {
            "person_id": record.pid,
            "kind": "home",
            "line_1": f"{rng.randrange(1, 200)} {rng.choice(STREETS)}",
            "town": "Northshire",
            "postcode": postcode,
            "postcode_district": postcode_district(postcode),
            "location_secret": record.involvement in (VICTIM, CHILD) or rng.random() < 0.5,
            "created_at": record.created_at,
            "created_by_id": ctx.worker(rng, ctx.agencies[record.holder])[0],
        }
    ]


STREETS = ("High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Street")


AREA_GIVEN = 85  # in a hundred referrals, those that say which area the person lives in


def referrals(
    ctx: Context, rng: random.Random, record: Record, first: int, seed: int, home: str = ""
):
    """Referrals to the front door about one of its records (numbered from ``first``). Most
    say the ward the person lives in (``home`` is their real postcode), as a referral's area
    does; whether one does is drawn apart from ``rng``, so the rest of the county is the
    same with or without wards."""
    if record.holder != "cpoc":
        return []
    count = rng.choices((0, 1, 2, 3, 4), (5, 45, 30, 12, 8))[0]
    rows = []
    ward = ctx.ward_of(home)
    for n in range(count):
        received = ctx.moment(rng, record.created_at if n == 0 else None)
        row = _referral(ctx, rng, record, received, reference(first + n, seed))
        if ward is not None and zlib.crc32(row["reference"].encode()) % 100 < AREA_GIVEN:
            row["area_id"] = ward
        rows.append(row)
    return rows


def _referral(ctx: Context, rng, record: Record, received: dt.datetime, ref: str) -> dict:
    age = (ctx.today - received.date()).days
    own_behaviour = record.involvement == USING_HARM
    source = "own_behaviour" if own_behaviour else rng.choice(
        ("self", "self", "family_or_friend", "professional", "professional")
    )  # fmt: skip
    handler_id, _ = ctx.worker(rng, ctx.front_door)
    row = {
        "reference": ref,
        "owning_agency_id": ctx.front_door,
        "received_at": received,
        "channel": rng.choice(("online_form", "phone", "phone", "professional_form")),
        "source": source,
        "given_name": record.given_name,
        "family_name": record.family_name,
        "date_of_birth": record.date_of_birth if rng.random() < 0.7 else None,
        "gender": {"female": "woman", "male": "man"}.get(record.sex, "not_said"),
        "postcode": record.postcode.split(" ")[0] if rng.random() < 0.3 else "",
        "children_in_household": rng.choice(("yes", "no", "not_known")),
        "story": rng.choice(STORIES),
        "urgency": rng.choices(("urgent", "high", "standard"), (10, 25, 65))[0],
        "consent_outreach": rng.random() < 0.6,
        "consent_idva": rng.random() < 0.3,
        "person_id": record.pid,
        "linked_at": received,
        "linked_by_id": handler_id,
        "status": "closed" if age > 30 else rng.choice(("new", "assigned", "in_triage")),
    }
    if source == "professional":
        row.update(
            referrer_agency_kind=rng.choice(("police", "health", "csc", "housing")),
            referrer_agency="Northshire partner agency",
            referrer_name="A professional",
        )
    if row["status"] != "new":
        row.update(assigned_to_id=handler_id, assigned_at=received + dt.timedelta(hours=1))
    if row["status"] == "closed":
        outcome = rng.choices(
            ("advice", "signposted", "referred_on", "marac", "no_further_action"),
            (25, 20, 40, 8, 7),
        )[0]
        row.update(
            first_contact_at=received + dt.timedelta(hours=rng.randrange(1, 72)),
            first_contact_method=rng.choice(("phone", "text", "email")),
            first_contact_by_id=handler_id,
            outcome=outcome,
            outcome_reason="Agreed with the person after first contact.",
            outcome_at=received + dt.timedelta(days=rng.randrange(1, 20)),
            outcome_by_id=handler_id,
        )
    return row


def yes_count(rng: random.Random) -> int:
    """A realistic spread: most standard, a quarter medium, about one in six high."""
    roll = rng.random()
    mean, spread = (6, 3) if roll < 0.6 else (11.5, 1.5) if roll < 0.84 else (16, 2)
    return max(0, min(24, round(rng.gauss(mean, spread))))


def assessments(ctx: Context, rng: random.Random, record: Record, first_id: int):
    """DASH assessments of a victim's record at an agency that assesses risk, with answers."""
    if record.involvement != VICTIM or record.holder not in ASSESSING_HOLDERS:
        return [], []
    count = rng.choices((0, 1, 2, 3), (25, 50, 20, 5))[0]
    rows, answers = [], []
    for n in range(count):
        assessment_id = first_id + n
        yes = yes_count(rng)
        assessed = ctx.moment(rng, record.created_at)
        escalation = rng.random() < 0.08
        judgement = rng.random() < 0.03
        high = criteria.visible_high_risk(yes)
        agency = ctx.agencies[record.holder]
        rows.append(
            {
                "id": assessment_id,
                "person_id": record.pid,
                "kind": "dash",
                "agency_id": agency,
                "assessed_by_id": ctx.worker(rng, agency)[0],
                "assessed_at": assessed,
                "incident_on": assessed.date() - dt.timedelta(days=rng.randrange(0, 5)),
                "yes_count": yes,
                "risk_level": BANDS.level_for(yes).value,
                "incidents_recorded_12m": ESCALATION_THRESHOLD if escalation else 0,
                "judgement_refer": judgement,
                "judgement_reason": "Worker is worried about escalation." if judgement else "",
                "visible_high_risk": high,
                "professional_judgement": judgement,
                "potential_escalation": escalation,
                "marac_eligible": high or judgement or escalation,
                "medium_from": BANDS.medium_from,
                "high_from": BANDS.high_from,
                "escalation_threshold": ESCALATION_THRESHOLD,
            }
        )
        answers.extend(_answers(rng, assessment_id, yes))
    return rows, answers


def _answers(rng: random.Random, assessment_id: int, yes: int) -> list[dict]:
    keyed = sorted(range(24), key=lambda q: rng.random() ** (1 / DASH_YES_RATES[q]), reverse=True)
    chosen = set(keyed[:yes])
    rows = []
    for q in range(24):
        answer = "yes" if q in chosen else "not_known" if rng.random() < 0.08 else "no"
        rows.append({"assessment_id": assessment_id, "question": q + 1, "answer": answer})
    return rows


def incidents(ctx: Context, rng: random.Random, record: Record) -> list[dict]:
    if record.involvement != VICTIM or record.holder != "police":
        return []
    agency = ctx.agencies["police"]
    rows = []
    for _ in range(1 + poisson(rng, 0.8)):
        recorded = ctx.moment(rng, record.created_at)
        rows.append(
            {
                "person_id": record.pid,
                "occurred_on": recorded.date(),
                "kind": "police",
                "agency_id": agency,
                "recorded_by_id": ctx.worker(rng, agency)[0],
                "recorded_at": recorded,
            }
        )
    return rows


def shares(ctx: Context, rng: random.Random, record: Record) -> list[dict]:
    """Some records held elsewhere are shared with the front door (MARAC, consent)."""
    if record.holder == "cpoc" or rng.random() >= 0.08:
        return []
    agency = ctx.agencies[record.holder]
    return [
        {
            "from_agency_id": agency,
            "to_agency_id": ctx.front_door,
            "person_id": record.pid,
            "scope": rng.choice(("summary", "full")),
            "lawful_basis": rng.choice(("consent", "marac", "safeguarding")),
            "reason": "Shared so the front door can see who is already supported.",
            "granted_by_id": ctx.worker(rng, agency)[0],
            "granted_at": ctx.moment(rng, record.created_at),
        }
    ]


def audit_events(ctx: Context, rng: random.Random, records: list[Record]) -> list[dict]:
    """Audit events in the proportions of a working partnership, scaled down."""
    expected = len(records) * AUDIT_PER_RECORD * ctx.audit_scale
    count = int(expected) + (rng.random() < expected - int(expected))
    actions, weights = zip(*AUDIT_MIX, strict=True)
    rows = []
    for _ in range(count):
        record = rng.choice(records)
        action = rng.choices(actions, weights)[0]
        agency = ctx.agencies[record.holder]
        actor_id, username = ctx.worker(rng, agency)
        about_person = action not in ("sign_in", "search")
        rows.append(
            {
                "at": ctx.moment(rng, record.created_at),
                "actor_id": actor_id,
                "actor_username": username,
                "agency_id": agency,
                "action": action,
                "object_type": "people.person" if about_person else "",
                "object_id": str(record.pid) if about_person else "",
                "person_id": record.pid if about_person else None,
                "fields": ["given_name", "family_name"] if about_person else [],
                "channel": rng.choice(("page", "page", "page", "api")),
            }
        )
    return rows
