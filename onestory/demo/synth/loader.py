"""Loading the synthetic county, chunk by chunk, each chunk one transaction.

A chunk is a run of real people with all their records and everything that follows from
them (other names, connections, addresses, referrals, assessments and their answers,
incidents, shares, audit events, cases with their notes and plans, MARAC referrals with
their agenda items and actions). It is written in one transaction that ends with an audit
event marking the chunk done; stopping midway rolls the chunk back whole. Running the same
command again (same ``--persons``, ``--seed`` and chunk size) skips the chunks already done,
so a stopped load carries on where it stopped. The ground truth for each chunk is appended
to the truth file once the chunk is saved.

The people come from one seeded stream of random numbers per chunk; case work and MARAC
work each draw from a stream of their own, so adding to them never changes who the people
are or the ground truth. The county's MARACs and their meetings are set up once, before
the first chunk; each chunk lists its MARAC cases on those meetings' agendas.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from onestory.access.models import Share
from onestory.accommodation.models import PlacementAsk, PlacementRequest, SanctuaryInstall, Stay
from onestory.accounts.models import Agency, Area, User
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from onestory.cases.models import Case, CaseNote, Goal
from onestory.demo import partnership
from onestory.demo.stories import MARAC_MEMBER_KINDS
from onestory.demo.synth import accommodation, casework, events, marac
from onestory.demo.synth import harm as harm_work
from onestory.demo.synth.people import Households, Recorder
from onestory.demo.synth.writer import Writer, prepare_names, prepare_persons
from onestory.harm.models import FamilyCase, FamilyMember, Intervention, Order
from onestory.intake.models import Referral
from onestory.marac.actions.meetings import create_marac
from onestory.marac.models import AgendaItem, Marac, MaracReferral, Meeting
from onestory.people.models import Address, Person, PersonName, Relationship
from onestory.risk.models import DashAnswer, Incident, RiskAssessment

MARKER_TYPE = "demo.synthetic_county"
DEFAULT_CHUNK = 20_000
# Staff accounts by kind of agency: about 500 in all, as targets.md expects for a county.
STAFF_PER_AGENCY = {"cpoc": 60, "police": 70, "outreach": 40, "idva": 25, "health": 50}
OTHER_STAFF = 25
MARAC_COORDINATORS = 4
# The MARACs meet every two to four weeks, and have set dates this far ahead.
MEETING_GAP_DAYS = (14, 29)
MEETINGS_AHEAD = dt.timedelta(weeks=8)
MEETINGS_CANCELLED = 0.03
MODELS = (
    Person,
    PersonName,
    Relationship,
    Address,
    Referral,
    RiskAssessment,
    DashAnswer,
    Incident,
    Share,
    *casework.MODELS,
    *marac.MODELS,
    *accommodation.MODELS,
    *harm_work.MODELS,
    *harm_work.FAMILY_MODELS,
    AuditEvent,  # last: every model before it has its id sequence set after the load
)
_MARKER = re.compile(r"chunk (\d+) of (\d+); persons from (\d+); dated (\d{4}-\d\d-\d\d)")


@dataclass(frozen=True)
class Plan:
    persons: int
    seed: int
    truth: Path
    chunk_size: int = DEFAULT_CHUNK
    audit_scale: float = 0.02

    @property
    def chunks(self) -> int:
        return -(-self.persons // self.chunk_size)

    def chunk_records(self, index: int) -> int:
        return min(self.chunk_size, self.persons - index * self.chunk_size)

    @property
    def marker_id(self) -> str:
        return f"{self.seed}/{self.persons}/{self.chunk_size}"


@dataclass
class Summary:
    chunks_loaded: int = 0
    chunks_skipped: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    real_people: int = 0
    seconds: float = 0.0

    def add(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.rows[name] = self.rows.get(name, 0) + count


@dataclass
class Chunk:
    index: int
    truth: list[dict]
    tables: dict[type, list[dict]]

    def counts(self) -> dict[str, int]:
        return {model.__name__: len(rows) for model, rows in self.tables.items()}


def county_context(plan: Plan, today: dt.date) -> events.Context:
    """The Northshire partnership's agencies and a county's worth of staff accounts."""
    partnership.load()
    names = {agency.name for agency in partnership.AGENCIES}
    agencies: dict[str, int] = {}
    for agency in Agency.objects.filter(name__in=names).order_by("name"):
        agencies.setdefault(agency.kind, agency.pk)
    staff = {agency_id: _staff_for(kind, agency_id) for kind, agency_id in agencies.items()}
    county = county_marac(agencies["cpoc"], today)
    estate = accommodation.county_estate(plan.persons, agencies, today)
    wards, total = [], 0
    for pk, women in (
        Area.objects.filter(level="ward").order_by("code").values_list("pk", "adult_women")
    ):
        total += women or 1
        wards.append((pk, total))
    return events.Context(
        agencies, staff, today, plan.audit_scale, county, estate, wards=tuple(wards)
    )


@transaction.atomic
def county_marac(front_door: int, today: dt.date) -> marac.County:
    """A MARAC for each district, coordinated by the front door, with the partnership's
    agencies as members and meetings over the seven years (made once, found again after)."""
    coordinators = _coordinators(front_door)
    by = User.objects.get(pk=coordinators[0])
    names = {agency.name for agency in partnership.AGENCIES}
    members = list(
        Agency.objects.filter(name__in=names, kind__in=MARAC_MEMBER_KINDS).order_by("name")
    )
    boards = []
    for area in Area.objects.filter(code__in=partnership.DISTRICTS).order_by("code"):
        name = f"{area.name} MARAC"
        found = Marac.objects.filter(name=name).first()
        if found is None:
            found = create_marac(name=name, area=area, members=members, by=by)
        boards.append(_board(found, today, coordinators))
    return marac.County(tuple(boards), tuple(coordinators))


def _coordinators(front_door: int) -> list[int]:
    wanted = [f"synth.marac.{n:03d}" for n in range(1, MARAC_COORDINATORS + 1)]
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    User.objects.bulk_create(
        User(
            username=username,
            first_name="Synthetic",
            last_name=f"coordinator {username.rsplit('.', 1)[1]}",
            agency_id=front_door,
            role=RoleName.MARAC_COORDINATOR,
            password=make_password(None),
        )
        for username in wanted
        if username not in existing
    )
    return list(
        User.objects.filter(username__in=wanted).order_by("username").values_list("pk", flat=True)
    )


def meeting_days(name: str, today: dt.date) -> list[tuple[dt.date, str]]:
    """A MARAC's meeting days and how each went: the same for the same MARAC and day."""
    rng = random.Random(f"onestory-synth:meetings:{name}:{today}")  # noqa: S311 (made-up data)
    day = today - dt.timedelta(days=7 * 365 - rng.randrange(14))
    days = []
    while day <= today + MEETINGS_AHEAD:
        on = day + dt.timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday
        if on >= today:
            status = "scheduled"
        else:
            status = "cancelled" if rng.random() < MEETINGS_CANCELLED else "held"
        days.append((on, status))
        day = on + dt.timedelta(days=rng.randrange(*MEETING_GAP_DAYS))
    return days


def _board(found: Marac, today: dt.date, coordinators: list[int]) -> marac.Board:
    days = meeting_days(found.name, today)
    wanted = dict(days)
    have = set(
        Meeting.objects.filter(
            marac=found, meets_on__in=wanted, starts_at=dt.time(10, 0)
        ).values_list("meets_on", flat=True)
    )
    held_by = coordinators[0]
    Meeting.objects.bulk_create(
        Meeting(
            marac=found,
            meets_on=on,
            starts_at=dt.time(10, 0),
            venue="Online",
            status=status,
            held_recorded_at=_at_noon(on) if status == "held" else None,
            held_recorded_by_id=held_by if status == "held" else None,
            created_at=_at_noon(on - dt.timedelta(days=60)),
        )
        for on, status in days
        if on not in have
    )
    sittings = (
        Meeting.objects.filter(marac=found, meets_on__in=wanted, starts_at=dt.time(10, 0))
        .order_by("meets_on")
        .values_list("pk", "meets_on", "status")
    )
    members = found.members.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    return marac.Board(
        found.pk, tuple(members), tuple(marac.Sitting(*sitting) for sitting in sittings)
    )


def _at_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)


def _staff_for(kind: str, agency_id: int) -> list[tuple[int, str]]:
    count = STAFF_PER_AGENCY.get(kind, OTHER_STAFF)
    wanted = [f"synth.{kind}.{n:03d}" for n in range(1, count + 1)]
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    role = RoleName.CALL_HANDLER if kind == "cpoc" else RoleName.CASEWORKER
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            username=username,
            first_name="Synthetic",
            last_name=f"worker {username.rsplit('.', 1)[1]}",
            agency_id=agency_id,
            role=role,
            password=unusable,
        )
        for username in wanted
        if username not in existing
    )
    return list(
        User.objects.filter(username__in=wanted).order_by("username").values_list("pk", "username")
    )


@dataclass
class Firsts:
    """Where the chunk's numbering starts, for rows that other rows point to."""

    cases: casework.Firsts = field(default_factory=casework.Firsts)
    referrals: marac.Firsts = field(default_factory=marac.Firsts)
    placements: accommodation.Firsts = field(default_factory=accommodation.Firsts)
    harm: harm_work.Firsts = field(default_factory=harm_work.Firsts)
    families: harm_work.FamilyFirsts = field(default_factory=harm_work.FamilyFirsts)


def make_chunk(
    plan: Plan,
    ctx: events.Context,
    index: int,
    first_pid: int,
    first_aid: int,
    firsts: Firsts | None = None,
):
    """Everything in chunk ``index``: the same every time for the same plan and ids."""
    rng = random.Random(f"onestory-synth:{plan.seed}:{index}")  # noqa: S311 (made-up data)
    target = plan.chunk_records(index)
    households = Households(rng, ctx.today, first_rid=index * 10_000_000 + 1)
    recorder = Recorder(rng, ctx.today, first_pid)
    made, total = [], 0
    while total < target:
        household = households.make()
        for person in household.people():
            for record in recorder.records_for(person):
                if total < target:
                    total += 1
                else:
                    person.records.remove(record)
        made.append(household)
    tables: dict[type, list[dict]] = {model: [] for model in MODELS}
    records = []
    next_reference = index * 10_000_000
    next_assessment = first_aid
    for household in made:
        tables[Relationship] += events.relationships(ctx, rng, household)
        for person in household.people():
            for record in person.records:
                records.append(record)
                tables[Person].append(_person_row(ctx, rng, record))
                tables[PersonName] += [
                    {
                        "person_id": record.pid,
                        "kind": kind,
                        "given_name": given,
                        "family_name": family,
                        "created_at": record.created_at,
                    }
                    for kind, given, family in record.other_names
                ]
                tables[Address] += events.addresses(ctx, rng, record)
                found = events.referrals(
                    ctx, rng, record, next_reference, plan.seed, home=person.postcode
                )
                next_reference += len(found)
                tables[Referral] += found
                assessed, answers = events.assessments(ctx, rng, record, next_assessment)
                next_assessment += len(assessed)
                tables[RiskAssessment] += assessed
                tables[DashAnswer] += answers
                tables[Incident] += events.incidents(ctx, rng, record)
                tables[Share] += events.shares(ctx, rng, record)
    tables[AuditEvent] = events.audit_events(ctx, rng, records)
    _add_work(plan, ctx, index, firsts or Firsts(), made, records, tables)
    tables[Person] = prepare_persons(tables[Person])
    tables[PersonName] = prepare_names(tables[PersonName])
    truth = [
        {
            "rid": person.rid,
            "chunk": index,
            "role": person.role,
            "sex": person.sex,
            "given": person.given,
            "family": person.family,
            "previous_family": person.previous_family,
            "born": person.born.isoformat(),
            "postcode": person.postcode,
            "records": [[r.pid, r.holder, *r.noise] for r in person.records],
        }
        for household in made
        for person in household.people()
        if person.records
    ]
    return Chunk(index, truth, tables)


def _add_work(plan, ctx, index, firsts: Firsts, made, records, tables) -> None:
    """Case work and MARAC work for the chunk's records, each from its own random stream."""
    stream = f"onestory-synth:{plan.seed}:{index}"

    def worked(kind, name: str, numbered_from):
        """One kind of work, from its own random stream, numbered from where it starts."""
        rng = random.Random(f"{stream}:{name}")  # noqa: S311 (made-up data)
        return kind(ctx.now, rng, ctx.staff, ctx.agencies, dataclasses.replace(numbered_from))

    work = worked(casework.Casework, "cases", firsts.cases)
    harm = worked(harm_work.HarmWork, "harm", firsts.harm)
    for record in records:
        work.for_record(record)
        harm.for_record(record)
    families = worked(harm_work.FamilyWork, "families", firsts.families)
    for household in made:
        families.for_household(household)
    for done in (work, harm, families):
        tables.update(done.tables)
    tables[Share] += families.shares
    if ctx.county is None:
        return
    assessed: dict[int, list[dict]] = {}
    for row in tables[RiskAssessment]:
        assessed.setdefault(row["person_id"], []).append(row)
    referrals = marac.Referrals(
        ctx.now,
        random.Random(f"{stream}:marac"),  # noqa: S311 (made-up data)
        ctx.county,
        ctx.staff,
        ctx.agencies,
        dataclasses.replace(firsts.referrals, positions=dict(firsts.referrals.positions)),
    )
    referrals.for_chunk(made, assessed, len(records))
    tables.update(referrals.tables)
    if ctx.estate is None:
        return
    placements = accommodation.Placements(
        ctx.now,
        random.Random(f"{stream}:accommodation"),  # noqa: S311 (made-up data)
        ctx.estate,
        ctx.staff,
        ctx.agencies,
        dataclasses.replace(firsts.placements),
        len(records),
    )
    placements.for_chunk(made, ctx.estate.owned(index, plan.chunks))
    tables.update(placements.tables)
    tables[Share] += placements.shares


def _person_row(ctx: events.Context, rng: random.Random, record) -> dict:
    agency = ctx.agencies[record.holder]
    return {
        "id": record.pid,
        "owning_agency_id": agency,
        "given_name": record.given_name,
        "family_name": record.family_name,
        "date_of_birth": record.date_of_birth,
        "birth_year_estimate": record.birth_year_estimate,
        "involvement": record.involvement,
        "sex": record.sex,
        "ethnicity": record.ethnicity,
        "nhs_number": record.nhs_number,
        "created_at": record.created_at,
        "created_by_id": ctx.worker(rng, agency)[0],
        "updated_at": record.created_at,
    }


def done_chunks(plan: Plan) -> tuple[dict[int, int], dt.date | None]:
    """Chunks of this plan already saved, with the first person id of each, and the day the
    county was made (its dates are counted back from that day)."""
    found, dated = {}, None
    markers = AuditEvent.objects.filter(object_type=MARKER_TYPE, object_id=plan.marker_id)
    for reason in markers.values_list("reason", flat=True):
        match = _MARKER.search(reason)
        if match:
            found[int(match.group(1)) - 1] = int(match.group(3))
            dated = dt.date.fromisoformat(match.group(4))
    # A marker outlives its chunk when the rest of the database was emptied (the audit log
    # is never emptied): count a chunk done only while its first person is there.
    present = set(Person.objects.filter(pk__in=found.values()).values_list("pk", flat=True))
    found = {index: pid for index, pid in found.items() if pid in present}
    return found, dated if found else None


def _next_id(model) -> int:
    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def _firsts(ctx: events.Context) -> Firsts:
    meetings = [s.id for board in (ctx.county.boards if ctx.county else ()) for s in board.sittings]
    positions = (
        AgendaItem.objects.filter(meeting_id__in=meetings)
        .values("meeting_id")
        .annotate(top=Max("position"))
        .values_list("meeting_id", "top")
    )
    return Firsts(
        casework.Firsts(case=_next_id(Case), note=_next_id(CaseNote), goal=_next_id(Goal)),
        marac.Firsts(
            referral=_next_id(MaracReferral), item=_next_id(AgendaItem), positions=dict(positions)
        ),
        accommodation.Firsts(
            request=_next_id(PlacementRequest),
            ask=_next_id(PlacementAsk),
            stay=_next_id(Stay),
            install=_next_id(SanctuaryInstall),
        ),
        harm_work.Firsts(intervention=_next_id(Intervention), order=_next_id(Order)),
        harm_work.FamilyFirsts(family=_next_id(FamilyCase), member=_next_id(FamilyMember)),
    )


def save_chunk(plan: Plan, ctx: events.Context, index: int, writer: Writer) -> Chunk:
    """Make and write one chunk in one transaction, ending with its marker."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                # One loader at a time: the ids below are taken from what is there.
                cursor.execute("SELECT pg_advisory_xact_lock(7210001)")
        first_pid, first_aid = _next_id(Person), _next_id(RiskAssessment)
        chunk = make_chunk(plan, ctx, index, first_pid, first_aid, _firsts(ctx))
        for model in MODELS:
            writer.insert(model, chunk.tables[model])
        AuditEvent.objects.create(
            action="create",
            object_type=MARKER_TYPE,
            object_id=plan.marker_id,
            reason=(
                f"Synthetic county (seed {plan.seed}, {plan.persons} persons): chunk "
                f"{index + 1} of {plan.chunks}; persons from {first_pid}; dated {ctx.today}"
            ),
            channel="command",
        )
    return chunk


def write_truth(path: Path, chunks: list[Chunk], *, append: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a" if append else "w", encoding="utf-8") as out:
        for chunk in chunks:
            for line in chunk.truth:
                out.write(json.dumps(line, separators=(",", ":")) + "\n")


def _truth_chunks(path: Path) -> set[int]:
    if not path.exists():
        return set()
    found = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            found.add(json.loads(line)["chunk"])
    return found


def load(plan: Plan, *, say: Callable[[str], None] = print) -> Summary:
    """Load the county described by ``plan``; carry on after the chunks already saved."""
    partnership.refuse_in_production()
    started = time.monotonic()
    done, dated = done_chunks(plan)
    ctx = county_context(plan, dated or timezone.localdate())
    summary = Summary()
    writer = Writer()
    if done:
        say(f"{len(done)} of {plan.chunks} chunks are already loaded; carrying on.")
        _repair_truth(plan, ctx, done)
    elif plan.truth.exists():
        plan.truth.unlink()
    for index in range(plan.chunks):
        if index in done:
            summary.chunks_skipped += 1
            continue
        chunk_started = time.monotonic()
        chunk = save_chunk(plan, ctx, index, writer)
        write_truth(plan.truth, [chunk], append=True)
        counts = chunk.counts()
        summary.add(counts)
        summary.chunks_loaded += 1
        summary.real_people += len(chunk.truth)
        rows = sum(counts.values())
        took = time.monotonic() - chunk_started
        say(
            f"chunk {index + 1}/{plan.chunks}: {counts['Person']:,} persons, "
            f"{counts['Case']:,} cases, {counts['CaseNote']:,} case notes, "
            f"{counts['MaracReferral']:,} MARAC referrals, "
            f"{counts['PlacementRequest']:,} placement requests, {counts['Stay']:,} stays; "
            f"{rows:,} rows "
            f"in {took:.1f} s ({rows / took:,.0f} rows/s)"
        )
    writer.reset_sequences(MODELS[:-1])
    say("Tidying the indexes and statistics...")
    writer.tidy(MODELS)
    summary.seconds = time.monotonic() - started
    return summary


def _repair_truth(plan: Plan, ctx: events.Context, done: dict[int, int]) -> None:
    """Keep the truth file to the chunks saved, remaking any chunk saved but not written."""
    have = _truth_chunks(plan.truth)
    if have - set(done):
        kept = [
            line
            for line in plan.truth.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["chunk"] in done
        ]
        plan.truth.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
    for index in sorted(set(done) - have):
        # The people are the same whatever the assessment ids, which the truth leaves out.
        chunk = make_chunk(plan, ctx, index, done[index], 1)
        write_truth(plan.truth, [chunk], append=True)
