"""``onestory synth``: a small synthetic county, its ground truth, and a load that can stop."""

import datetime as dt
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onestory.access.models import AuditEvent, Share
from onestory.accounts.models import User
from onestory.demo.synth import loader
from onestory.intake.models import Referral
from onestory.people.models import Address, Person, PersonName, Relationship
from onestory.people.models.persons import SEARCH_COLUMNS
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
    assert first.tables[Person] == second.tables[Person]
    assert first.truth != other.truth


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


def test_it_refuses_in_production(tmp_path, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        synth(tmp_path, persons=100)
    assert not synthetic_persons().exists()


def test_it_refuses_nonsense_sizes(tmp_path):
    with pytest.raises(CommandError, match="at least 1"):
        synth(tmp_path, persons=0)
