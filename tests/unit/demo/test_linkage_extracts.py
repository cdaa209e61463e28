"""The synthetic county's extracts meet the data standard, and the truth says who is who."""

import csv
import datetime as dt
import io

from onestory.demo.linkage_extracts import generate
from onestory.linkage import standard

TODAY = dt.date(2026, 6, 10)


def test_every_extract_meets_the_standard_and_the_truth_covers_every_record():
    generated = generate(300, seed=3, today=TODAY)
    records = set()
    for source, rows in generated.rows.items():
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=standard.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        reader = csv.DictReader(io.StringIO(out.getvalue()))
        checked = standard.check(reader, reader.fieldnames, today=TODAY)
        assert checked.problems == [], source
        records |= {(source, row.record_id) for row in checked.rows}
    assert records == {(source, record_id) for source, record_id, _ in generated.truth}
    # Many real people are in more than one source: that is what there is to link.
    sources_of: dict[int, set[str]] = {}
    for source, _, person in generated.truth:
        sources_of.setdefault(person, set()).add(source)
    assert sum(1 for found in sources_of.values() if len(found) > 1) > 300


def test_police_incidents_name_the_victim_and_the_person_using_harm_together():
    generated = generate(50, seed=3, today=TODAY)
    roles_by_event: dict[str, set[str]] = {}
    for row in generated.rows["police"]:
        if row["event_id"]:
            roles_by_event.setdefault(row["event_id"], set()).add(row["event_role"])
    assert any({"victim", "using_harm"} <= roles for roles in roles_by_event.values())


def test_the_same_seed_writes_the_same_extracts():
    first = generate(20, seed=5, today=TODAY)
    second = generate(20, seed=5, today=TODAY)
    assert first.rows == second.rows
    assert first.truth == second.truth
