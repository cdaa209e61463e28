"""``onestory bench --json``: one JSON object with every figure, from a real server process.

Figures are printed, never judged on time here: the test checks the shape of the answer
and that the searches found the people asked about at all.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from onestory.accounts.models import ApiToken
from onestory.demo.bench import queries, stats

needs_a_server_database = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the server process cannot reach SQLite's in-memory test database",
)

SEARCH_KEYS = {"p50_ms", "p95_ms", "count", "recall_at_1", "recall_at_5", "clients", "errors"}
PAGE_KEYS = {"p50_ms", "p95_ms", "count", "queries_max", "clients", "errors"}


@needs_a_server_database
@pytest.mark.django_db(transaction=True)
def test_it_prints_one_json_object_with_every_figure(tmp_path):
    truth = tmp_path / "truth.jsonl"
    call_command("synth", persons=400, seed=21, truth=truth, stdout=StringIO())
    out = StringIO()
    call_command(
        "bench",
        json=True,
        truth=truth,
        searches=40,
        clients=3,
        page_requests=12,
        referrals=4,
        max_seconds=60,
        stdout=out,
        stderr=StringIO(),
    )
    result = json.loads(out.getvalue())
    assert set(result["search"]) >= SEARCH_KEYS
    assert set(result["search_concurrent"]) >= SEARCH_KEYS
    assert {"p50_ms", "p95_ms"} <= set(result["search_sql"])
    assert "search_ratio_api_to_sql_p50" in result
    assert set(result["person_timeline"]) >= PAGE_KEYS
    assert set(result["case_page"]) >= PAGE_KEYS
    assert {"p95_ms", "errors"} <= set(result["referral_submission"])
    assert "seconds" in result["marac_quarterly"] or "skipped" in result["marac_quarterly"]
    assert result["data"]["persons"] >= 400
    assert result["search"]["errors"] == 0
    assert result["search"]["recall_at_5"] > 0.5
    assert result["referral_submission"]["errors"] == 0
    assert result["person_timeline"]["errors"] == result["case_page"]["errors"] == 0
    # The token the benchmark issued itself no longer works.
    assert not ApiToken.objects.active().filter(name="Benchmark run").exists()


@pytest.mark.django_db
def test_it_says_when_there_is_no_county_to_measure(tmp_path):
    with pytest.raises(CommandError, match="synth"):
        call_command("bench", json=True, truth=tmp_path / "missing.jsonl", stdout=StringIO())


def test_it_works_out_percentiles_by_nearest_rank():
    assert stats.percentile([], 0.5) is None
    assert stats.percentile([5, 1, 3, 2, 4], 0.5) == 3
    assert stats.percentile(list(range(1, 101)), 0.95) == 95
    assert stats.summary([1.0, 2.0])["count"] == 2


def test_it_counts_a_question_answered_when_a_record_of_the_person_is_near_the_top():
    asked = [
        queries.Question(1, "Ann Lee", "1980", "year", (), frozenset({10, 11})),
        queries.Question(2, "Bob Ray", "", "none", (), frozenset({20})),
    ]
    assert queries.recall(asked, [[11, 3], [5, 6, 7, 8, 9, 20]], 1) == 0.5
    assert queries.recall(asked, [[11, 3], [5, 6, 7, 8, 9, 20]], 5) == 0.5
    assert queries.recall(asked, [[3, 11], [20]], 5) == 1.0
