"""``onestory synth``: a small synthetic county, its ground truth, and a load that can stop."""

import datetime as dt
import itertools
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from onestory.access.models import Share
from onestory.accounts.models import User
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditEvent
from onestory.cases.models import (
    Case,
    CaseNote,
    Goal,
    NeedsAssessment,
    OutcomeRecord,
    PlanAction,
)
from onestory.core.address_check import address_warning
from onestory.demo.synth import loader
from onestory.intake.models import Referral
from onestory.marac import rules as marac_rules
from onestory.marac.models import (
    OPEN_STATUSES,
    AgendaItem,
    Marac,
    MaracAction,
    MaracReferral,
    Meeting,
)
from onestory.people.models import Address, Person, PersonName, Relationship
from onestory.people.models.persons import SEARCH_COLUMNS
from onestory.risk.criteria import within_twelve_months_before
from onestory.risk.models import DashAnswer, RiskAssessment

pytestmark = pytest.mark.django_db


def synth(tmp_path, persons=300, seed=5, chunk=100) -> tuple[str, list[dict]]:
    truth = tmp_path / "truth.jsonl"
    out = StringIO()
    call_command(
        "synth",
        persons=persons,
        seed=seed,
        chunk=chunk,
        truth=truth,
        audit_scale=0.01,
        stdout=out,
    )
    lines = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    return out.getvalue(), lines


def synthetic_persons():
    return Person.objects.filter(created_by__username__startswith="synth.")


def test_it_loads_a_small_county_with_its_ground_truth(tmp_path):
    output, truth = synth(tmp_path)
    assert "chunk 3/3" in output
    assert synthetic_persons().count() == 300
    records = [record[0] for person in truth for record in person["records"]]
    assert len(records) == len(set(records)) == 300
    assert set(records) == set(synthetic_persons().values_list("pk", flat=True))
    # Several records for many real people, as in a real county (about 2.5 each).
    assert 90 <= len(truth) <= 200
    assert any(len(person["records"]) > 1 for person in truth)
    assert {person["role"] for person in truth} >= {"victim", "person_using_harm"}
    noise = Counter(kind for person in truth for r in person["records"] for kind in r[2:])
    assert noise["given:typo"]
    assert noise["born:day and month swapped"]
    assert User.objects.filter(username__startswith="synth.").count() > 300
    for model in (Referral, RiskAssessment, Relationship, Address, Share):
        assert model.objects.exists(), model.__name__
    assert DashAnswer.objects.count() == 24 * RiskAssessment.objects.count()


def test_most_referrals_name_the_ward_the_person_lives_in(tmp_path):
    synth(tmp_path, persons=150, chunk=150)
    referrals = Referral.objects.filter(person__in=synthetic_persons())
    named = referrals.filter(area__isnull=False)
    assert 0.7 * referrals.count() <= named.count() < referrals.count()
    assert set(named.values_list("area__level", flat=True)) == {"ward"}
    # A person's referrals that name a ward all name the same one.
    for person_id in named.values_list("person_id", flat=True).distinct()[:40]:
        assert named.filter(person_id=person_id).values("area_id").distinct().count() == 1


def test_it_fills_the_search_columns_as_saving_would(tmp_path):
    synth(tmp_path, persons=150, chunk=150)
    for person in synthetic_persons()[:60]:
        stored = {column: getattr(person, column) for column in (*SEARCH_COLUMNS, "birth_year")}
        person.refresh_search_columns()
        expected_year = (
            person.date_of_birth.year if person.date_of_birth else person.birth_year_estimate
        )
        assert stored == {
            **{column: getattr(person, column) for column in SEARCH_COLUMNS},
            "birth_year": expected_year,
        }
    for name in PersonName.objects.all():
        stored = {column: getattr(name, column) for column in SEARCH_COLUMNS}
        name.refresh_search_columns()
        assert stored == {column: getattr(name, column) for column in SEARCH_COLUMNS}


def test_the_same_seed_makes_the_same_county(tmp_path):
    plan = loader.Plan(persons=200, seed=9, truth=tmp_path / "truth.jsonl", chunk_size=200)
    ctx = loader.county_context(plan, dt.date(2026, 1, 15))
    first = loader.make_chunk(plan, ctx, 0, 1000, 1)
    second = loader.make_chunk(plan, ctx, 0, 1000, 1)
    other = loader.make_chunk(loader.Plan(200, 10, plan.truth, 200), ctx, 0, 1000, 1)
    assert first.truth == second.truth
    assert first.tables == second.tables
    assert first.tables[Case]
    assert first.tables[CaseNote]
    assert first.tables[MaracReferral]
    assert first.truth != other.truth
    assert first.tables[Case] != other.tables[Case]


def test_case_and_marac_work_leave_the_people_as_they_were(tmp_path, monkeypatch):
    # The truth file of a county already loaded must still match: the people are drawn from
    # their own random stream, untouched by the work added after them.
    plan = loader.Plan(persons=300, seed=9, truth=tmp_path / "truth.jsonl", chunk_size=300)
    ctx = loader.county_context(plan, dt.date(2026, 1, 15))
    with_work = loader.make_chunk(plan, ctx, 0, 1000, 1)
    monkeypatch.setattr(loader, "_add_work", lambda *args: None)
    without = loader.make_chunk(plan, ctx, 0, 1000, 1)
    assert with_work.truth == without.truth
    for model, rows in without.tables.items():
        if rows:
            assert with_work.tables[model] == rows, model.__name__


def test_it_makes_case_and_marac_work_in_a_countys_proportions(tmp_path):
    synth(tmp_path, persons=1200, seed=5, chunk=600)
    records = synthetic_persons().count()
    cases = Case.objects.filter(person__in=synthetic_persons()).count()
    notes = CaseNote.objects.filter(case__person__in=synthetic_persons()).count()
    referrals = MaracReferral.objects.filter(victim__in=synthetic_persons()).count()
    # targets.md at 1M records: 350,000 cases, 5 million notes, 3,200 MARAC cases a year.
    assert 0.25 * records <= cases <= 0.45 * records
    assert 9 * cases <= notes <= 20 * cases
    assert 0.6 * 0.0224 * records <= referrals <= 1.4 * 0.0224 * records
    assert MaracReferral.objects.filter(repeat=True).exists()
    # Each referral says how many children live with her, counting those with no record.
    marac = MaracReferral.objects.filter(victim__in=synthetic_persons())
    assert not marac.filter(children_in_household__isnull=True).exists()
    with_children = marac.filter(children_in_household__gt=0)
    assert with_children.exists()
    for referral in with_children.prefetch_related("children")[:20]:
        assert referral.children.count() <= referral.children_in_household
    assert NeedsAssessment.objects.exists()
    assert Goal.objects.exists()
    assert PlanAction.objects.exists()
    assert OutcomeRecord.objects.filter(stage="exit").exists()
    assert MaracAction.objects.exists()
    assert set(Case.objects.values_list("status", flat=True)) == {"open", "active", "closed"}
    assert {"contact", "attempted_contact", "court"} <= set(
        CaseNote.objects.values_list("kind", flat=True)
    )
    assert set(CaseNote.objects.values_list("sensitivity", flat=True)) == {
        "standard",
        "agency",
        "restricted",
    }
    # A few cases with many notes and many with few, as a real caseload has.
    per_case = Counter(CaseNote.objects.values_list("case_id", flat=True))
    assert max(per_case.values()) >= 4 * sorted(per_case.values())[len(per_case) // 2]


def test_cases_keep_to_the_rules_of_case_work(tmp_path):
    synth(tmp_path, persons=900, seed=3, chunk=300)
    cases = list(Case.objects.select_related("person", "lead_worker", "agency"))
    assert cases
    now = timezone.now()
    notes_of: dict[int, list[CaseNote]] = {}
    for note in CaseNote.objects.prefetch_related("named_readers"):
        notes_of.setdefault(note.case_id, []).append(note)
    for case in cases:
        # Each agency works with the person on its own record, one case open at a time.
        assert case.person.owning_agency_id == case.agency_id
        assert case.agency.kind in {"outreach", "idva", "refuge", "perpetrator", "children",
                                    "probation"}  # fmt: skip
        lead = case.lead_worker
        assert lead.agency_id == case.agency_id
        assert lead.has_permission(Permission.WORK_CASES)
        notes = notes_of.get(case.pk, [])
        contacts = sorted(n.occurred_at for n in notes if n.kind == "contact")
        assert case.first_contact_at == (contacts[0] if contacts else None)
        if case.status == "closed":
            assert case.closed_at is not None
            assert case.closure_reason
            assert case.closure_reason != "other" or case.closure_reason_other
        else:
            assert case.closed_at is None
            assert not case.closure_reason
            assert case.status == ("active" if contacts else "open")
        end = case.closed_at or now
        for note in notes:
            assert case.opened_at <= note.occurred_at <= end
            assert note.written_at <= now
            assert note.text
            assert address_warning(note.text) is None
            assert (note.channel != "") == (note.kind in ("contact", "attempted_contact"))
            readers = list(note.named_readers.all())
            assert bool(readers) == (note.sensitivity == "restricted")
            assert all(reader.agency_id == case.agency_id for reader in readers)
    closed_at = {case.pk: case.closed_at for case in cases}
    for by_person in Counter((c.person_id, c.agency_id) for c in cases if not c.is_closed).values():
        assert by_person == 1
    for action in PlanAction.objects.select_related("goal__case"):
        assert action.owner_worker_id or action.owner_other
        assert action.done_at is None or action.done_at <= now
        assert action.goal.agreed_on <= action.due_on
    for record in OutcomeRecord.objects.all():
        ended = closed_at[record.case_id]
        assert ended is None or record.recorded_on <= ended.date()
    stages = Counter(OutcomeRecord.objects.values_list("case_id", "stage"))
    assert max(stages.values()) == 1


def test_marac_cases_keep_to_the_rules_of_marac(tmp_path):
    synth(tmp_path, persons=2000, seed=4, chunk=1000)
    today = timezone.localdate()
    maracs = Marac.objects.filter(name__endswith=" MARAC").exclude(name="Northshire MARAC")
    assert maracs.count() == 5
    for marac in maracs:
        days = sorted(marac.meetings.values_list("meets_on", flat=True))
        gaps = {(later - earlier).days for earlier, later in itertools.pairwise(days)}
        assert min(gaps) >= 7
        assert max(gaps) <= 35
        assert days[0] <= today - dt.timedelta(days=6 * 365)
        assert days[-1] > today
    assert not Meeting.objects.filter(status="held", meets_on__gte=today).exists()
    assert not Meeting.objects.filter(status="scheduled", meets_on__lt=today).exists()
    referrals = list(
        MaracReferral.objects.filter(victim__in=synthetic_persons())
        .select_related("victim", "risk_assessment")
        .prefetch_related("perpetrators", "children", "agenda_items__meeting", "actions")
    )
    assert len(referrals) > 20
    by_id = {referral.pk: referral for referral in referrals}
    for referral in referrals:
        assert referral.criteria
        assert referral.victim.owning_agency_id == referral.referring_agency_id
        perpetrators = {p.pk for p in referral.perpetrators.all()}
        children = {c.pk for c in referral.children.all()}
        assert perpetrators
        assert referral.victim_id not in perpetrators | children
        assert not perpetrators & children
        if referral.risk_assessment is not None:
            assert referral.risk_assessment.person_id == referral.victim_id
            assert referral.risk_assessment.assessed_at <= referral.referred_at
        items = list(referral.agenda_items.all())
        assert all(item.meeting.marac_id == referral.marac_id for item in items)
        assert all(item.meeting.meets_on > referral.referred_on for item in items)
        for item in items:
            assert (item.discussed_at is not None) == (item.meeting.status == "held")
        if referral.repeat_of_id:
            earlier = by_id[referral.repeat_of_id]
            assert earlier.victim_id == referral.victim_id
            assert referral.repeat
            assert within_twelve_months_before(earlier.referred_on, referral.referred_on)
            assert perpetrators & {p.pk for p in earlier.perpetrators.all()}
        if referral.status == "closed":
            open_actions = sum(a.status in OPEN_STATUSES for a in referral.actions.all())
            assert not marac_rules.closure_problems(
                status="listed",
                discussed=any(item.discussed_at for item in items),
                open_actions=open_actions,
            )
            assert referral.closed_at > max(item.discussed_at for item in items)
        elif referral.status == "listed":
            assert items
            assert referral.checked_at is not None
        elif referral.status == "declined":
            assert referral.decline_reason
            assert not items
    # Never two open referrals of one victim to one MARAC.
    open_ones = Counter(
        (r.victim_id, r.marac_id) for r in referrals if r.status in ("submitted", "listed")
    )
    assert not open_ones or max(open_ones.values()) == 1
    positions = Counter(AgendaItem.objects.values_list("meeting_id", "position"))
    assert max(positions.values()) == 1


def test_a_stopped_load_keeps_whole_chunks_and_carries_on(tmp_path, monkeypatch):
    real_save = loader.save_chunk

    def stop_at_second(plan, ctx, index, writer):
        if index == 1:
            raise KeyboardInterrupt
        return real_save(plan, ctx, index, writer)

    monkeypatch.setattr(loader, "save_chunk", stop_at_second)
    with pytest.raises(SystemExit):
        synth(tmp_path, persons=300, seed=11, chunk=100)
    assert synthetic_persons().count() == 100  # the first chunk whole, nothing of the second
    monkeypatch.setattr(loader, "save_chunk", real_save)
    output, truth = synth(tmp_path, persons=300, seed=11, chunk=100)
    assert "1 of 3 chunks are already loaded" in output
    assert synthetic_persons().count() == 300
    records = [record[0] for person in truth for record in person["records"]]
    assert sorted(records) == sorted(synthetic_persons().values_list("pk", flat=True))
    markers = AuditEvent.objects.filter(object_type=loader.MARKER_TYPE, object_id="11/300/100")
    assert markers.count() == 3
    # The case and MARAC work of every chunk is there once: as many rows as the chunks make.
    plan = loader.Plan(persons=300, seed=11, truth=tmp_path / "again.jsonl", chunk_size=100)
    done, dated = loader.done_chunks(plan)
    ctx = loader.county_context(plan, dated)
    made = [loader.make_chunk(plan, ctx, index, done[index], 1) for index in range(3)]
    synthetic = synthetic_persons()
    for model, theirs in (
        (Case, Case.objects.filter(person__in=synthetic)),
        (CaseNote, CaseNote.objects.filter(case__person__in=synthetic)),
        (MaracReferral, MaracReferral.objects.filter(victim__in=synthetic)),
        (AgendaItem, AgendaItem.objects.filter(referral__victim__in=synthetic)),
    ):
        assert theirs.count() == sum(len(chunk.tables[model]) for chunk in made)
    assert Case.objects.count() == Case.objects.filter(person__in=synthetic).count()


def test_it_refuses_in_production(tmp_path, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        synth(tmp_path, persons=100)
    assert not synthetic_persons().exists()


def test_it_refuses_nonsense_sizes(tmp_path):
    with pytest.raises(CommandError, match="at least 1"):
        synth(tmp_path, persons=0)
