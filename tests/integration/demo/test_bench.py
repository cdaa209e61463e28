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
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onestory.access.policy import visible_persons
from onestory.accounts.models import ApiToken
from onestory.accounts.tokens.actions import issue_token
from onestory.cases.access import visible_cases
from onestory.cases.models import Case, CaseNote
from onestory.demo.bench import accommodation, measures, queries, runner, stats

needs_a_server_database = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the server process cannot reach SQLite's in-memory test database",
)

SEARCH_KEYS = {"p50_ms", "p95_ms", "count", "recall_at_1", "recall_at_5", "clients", "errors"}
# The most queries a vacancy board or figures page, or its API, may run (as other pages).
BOARD_QUERIES = 15
PAGE_KEYS = {"p50_ms", "p95_ms", "count", "queries_max", "clients", "errors"}


@needs_a_server_database
@pytest.mark.real_clock  # the server it starts keeps the real time (its API token's expiry)
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
    assert result["floor"]["errors"] == 0
    assert result["floor"]["requests_per_second"] > 0
    assert result["case_page"]["share_of_floor"] > 0
    assert set(result["search_short"]) == set(queries.SHORT_KINDS)
    for kind in result["search_short"].values():
        assert kind["errors"] == 0
        assert {"p50_ms", "p95_ms", "recall_at_1", "recall_at_5"} <= set(kind)
    assert {"p95_ms", "errors"} <= set(result["referral_submission"])
    assert {"seconds", "maracs", "quarters", "cases_discussed"} <= set(result["marac_quarterly"])
    assert result["marac_quarterly"]["quarters"] == 4
    assert {"seconds", "cases_compared"} <= set(result["outcomes_report"])
    assert {"seconds", "wards", "people_seen_in_wards"} <= set(result["needs_assessment"])
    assert "stand_ins" not in result
    assert result["data"]["persons"] >= 400
    assert result["data"]["cases"] > 0
    assert result["data"]["case_notes"] > result["data"]["cases"]
    assert result["data"]["marac_referrals"] > 0
    assert result["person_timeline"]["pages"] == result["case_page"]["pages"] == 20
    assert result["search"]["errors"] == 0
    assert result["search"]["recall_at_5"] > 0.5
    assert result["referral_submission"]["errors"] == 0
    assert result["person_timeline"]["errors"] == result["case_page"]["errors"] == 0
    assert result["pages_as"]["person_timeline"] == "callhandler"
    assert result["pages_as"]["case_page"] == "caseworker"
    # The vacancy board (filtered by household) and the accommodation figures, on the pages
    # and through the API, with the figures themselves.
    for name in ("vacancy_board", "accommodation_figures_page"):
        assert set(result[name]) >= PAGE_KEYS
        assert result[name]["errors"] == 0
        assert result[name]["queries_max"] <= BOARD_QUERIES
    for name in ("vacancy_board_api", "accommodation_figures_api"):
        assert {"p50_ms", "p95_ms", "queries_max"} <= set(result[name])
        assert result[name]["errors"] == 0
        assert result[name]["queries_max"] <= BOARD_QUERIES
    figures = result["accommodation_figures"]
    assert len(figures["seconds"]) == 3
    assert figures["last_year"]["asks"]
    assert result["data"]["stays"] > 0
    # Pages are timed with clients pausing between pages, and again with no pause.
    assert result["person_timeline"]["pause_seconds"] == measures.PAUSE_SECONDS
    assert result["case_page"]["no_pause"]["pause_seconds"] == 0
    assert set(result["case_page"]["no_pause"]) >= {"p50_ms", "p95_ms", "requests_per_second"}
    # Recall is also given over the questions the records could answer at all.
    answerable = result["search"]["answerable"]
    assert 0 < answerable["questions"] <= result["search"]["questions_with_a_date_of_birth"]
    assert 0 <= answerable["recall_at_5"] <= 1
    # The token the benchmark issued itself no longer works.
    assert not ApiToken.objects.active().filter(name="Benchmark run").exists()


@pytest.mark.django_db
def test_it_measures_pages_the_benchmark_users_may_see_with_the_most_on_them(tmp_path):
    call_command("synth", persons=600, seed=8, truth=tmp_path / "t.jsonl", stdout=StringIO())
    searcher, caseworker = runner.account("callhandler"), runner.account("caseworker")
    persons = runner.sample_timelines(searcher, 10)
    assert len(persons) == 10
    assert set(visible_persons(searcher).filter(pk__in=persons).values_list("pk", flat=True)) == (
        set(persons)
    )
    cases = runner.sample_cases(caseworker, 10)
    assert len(cases) == 10
    assert set(visible_cases(caseworker).filter(pk__in=cases).values_list("pk", flat=True)) == (
        set(cases)
    )
    notes = [CaseNote.objects.filter(case_id=pk).count() for pk in cases]
    assert notes == sorted(notes, reverse=True)
    mine = Case.objects.filter(agency_id=caseworker.agency_id).annotate(n=Count("notes"))
    assert notes[0] == max(case.n for case in mine)
    timeline = measures.signed_in_client(searcher).get(f"/people/{persons[0]}/timeline/")
    assert timeline.status_code == 200
    assert measures.signed_in_client(caseworker).get(f"/cases/{cases[0]}/").status_code == 200


@pytest.mark.django_db
def test_it_times_a_years_needs_assessment_for_every_ward(tmp_path):
    from django.utils import timezone

    from onestory.accounts.models import Area

    call_command("synth", persons=400, seed=5, truth=tmp_path / "t.jsonl", stdout=StringIO())
    found = measures.needs_assessment(today=timezone.localdate())
    assert found["wards"] == Area.objects.filter(level="ward").count() > 0
    assert found["refused"] == 0
    assert found["people_seen"] > 0
    # Most referrals name the ward the person lives in, so the wards' reach counts people.
    assert 0 < found["people_seen_in_wards"] <= found["people_seen"]
    assert found["inputs"] == (
        "population made up from each ward's adult women; made-up survey rates"
    )
    # Measured again, the inputs are there already.
    again = measures.needs_assessment(today=timezone.localdate())
    assert again["inputs"] == "inputs already loaded"


@pytest.mark.django_db
def test_the_board_and_the_figures_run_a_bounded_number_of_queries_at_county_scale(tmp_path):
    call_command("synth", persons=1500, seed=8, truth=tmp_path / "t.jsonl", stdout=StringIO())
    caseworker, reader = runner.account("caseworker"), runner.account("manager")
    today = timezone.localdate()
    board = measures.signed_in_client(caseworker)
    counts = []
    for path in accommodation.board_paths():
        with CaptureQueriesContext(connection) as captured:
            response = board.get(path)
        assert response.status_code == 200
        # Where the synthetic county's schemes are never reaches the board.
        assert "Synthetic Row" not in response.content.decode()
        counts.append(len(captured.captured_queries))
    page = measures.signed_in_client(reader)
    for path in accommodation.figures_paths(today):
        with CaptureQueriesContext(connection) as captured:
            assert page.get(path).status_code == 200
        counts.append(len(captured.captured_queries))
    assert max(counts) <= BOARD_QUERIES, counts
    _, plain = issue_token(user=runner.account("callhandler"), name="t", by=None)
    _, reader_plain = issue_token(user=reader, name="t", by=None)
    for token, paths in (
        (plain, accommodation.board_api_paths()),
        (reader_plain, accommodation.figures_api_paths(today)),
    ):
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                response = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code == 200, path
            assert len(captured.captured_queries) <= BOARD_QUERIES, path
            assert "Synthetic Row" not in response.content.decode()
    found = accommodation.figures_in_process(today)
    assert found["stays_in_all"] > 0
    assert found["last_year"]["asks"]
    # The free units the board shows are those in no stay and held by no offer.
    free = board.get(accommodation.board_paths()[0]).content.decode()
    assert "Harbour House" in free or "Willow Lane Refuge" in free


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
