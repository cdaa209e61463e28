"""A small labelled set for the linkage, synthetic extracts around it, and suggested pairs."""

from __future__ import annotations

import csv
import datetime as dt
import io

from onestory.linkage import actions, engine
from onestory.linkage.models import LinkageModel
from onestory.linkage.standard import COLUMNS

TODAY = dt.date(2026, 6, 10)


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


# Police: Sarah Jones, the victim, and Mark Jones, the person harming her, in one incident.
# They share a surname (hers by marriage), a postcode and a phone, and are much of an age:
# alike enough that the model scores them as one person (the test checks it does), which is
# exactly the link that must never be suggested.
POLICE = [
    {
        "record_id": "P1",
        "given_name": "Sarah",
        "family_name": "Jones",
        "other_names": "Sarah Cole",
        "date_of_birth": "1990-03-04",
        "sex": "female",
        "postcode": "NS1 4AB",
        "phone": "07700900123",
        "event_id": "INC1",
        "event_date": "2026-01-02",
        "event_kind": "incident",
        "event_role": "victim",
    },
    {
        "record_id": "P2",
        "given_name": "Sam",
        "family_name": "Jones",
        "date_of_birth": "1990-04-03",
        "sex": "",
        "postcode": "NS1 4AB",
        "phone": "07700900123",
        "event_id": "INC1",
        "event_date": "2026-01-02",
        "event_kind": "incident",
        "event_role": "using_harm",
    },
    {
        "record_id": "P3",
        "given_name": "Lily",
        "family_name": "Jones",
        "date_of_birth": "2015-07-21",
        "sex": "female",
        "postcode": "NS1 4AB",
        "event_id": "INC1",
        "event_date": "2026-01-02",
        "event_kind": "incident",
        "event_role": "child",
    },
]
# Health: the same three people as health records them (a nickname, a day and month swapped,
# her birth surname), and someone else entirely.
HEALTH = [
    {
        "record_id": "H1",
        "given_name": "Sarah",
        "family_name": "Cole",
        "other_names": "Sarah Jones",
        "date_of_birth": "1990-03-04",
        "sex": "female",
        "postcode": "NS1 4AB",
        "nhs_number": "9434765919",
    },
    {
        "record_id": "H2",
        "given_name": "Samuel",
        "family_name": "Jones",
        "date_of_birth": "1990-04-03",
        "sex": "male",
        "postcode": "NS2 9ZZ",
        "phone": "07700900123",
    },
    {
        "record_id": "H3",
        "given_name": "Lily",
        "family_name": "Jones",
        "date_of_birth": "2015-07-21",
        "sex": "female",
        "postcode": "NS1 4AB",
    },
    {
        "record_id": "H4",
        "given_name": "Oliver",
        "family_name": "Patel",
        "date_of_birth": "1971-11-30",
        "sex": "male",
        "postcode": "NS7 1QQ",
    },
]
TRUE_LINKS = {
    ("police", "P1"): "sarah",
    ("health", "H1"): "sarah",
    ("police", "P2"): "sam",
    ("health", "H2"): "sam",
    ("police", "P3"): "lily",
    ("health", "H3"): "lily",
}


def import_labelled_set(agency, by_name="tester"):
    police = actions.import_extract(
        content=csv_bytes(POLICE),
        file_name="police.csv",
        agency=agency,
        source="police",
        supplier="Northshire Police",
        by_name=by_name,
        today=TODAY,
    )
    health = actions.import_extract(
        content=csv_bytes(HEALTH),
        file_name="health.csv",
        agency=agency,
        source="health",
        supplier="Northshire Health",
        by_name=by_name,
        today=TODAY,
    )
    return police.extract, health.extract


def import_background(agency, households=60):
    """Extracts of synthetic households, so a model has a county to learn from."""
    from onestory.demo.linkage_extracts import generate

    generated = generate(households, seed=7, today=TODAY)
    for source, rows in generated.rows.items():
        if rows:
            actions.import_extract(
                content=csv_bytes(rows),
                file_name=f"bg-{source}.csv",
                agency=agency,
                source=source,
                supplier=f"Background {source}",
                by_name="tester",
                today=TODAY,
            )
    return generated


def untrained_model(agency) -> LinkageModel:
    """A model with Splink's settings and no trained parameters: enough for pages."""
    latest = LinkageModel.objects.filter(agency=agency).first()
    return LinkageModel.objects.create(
        agency=agency,
        version=(latest.version + 1) if latest else 1,
        splink_version=engine.SPLINK_VERSION,
        settings=engine.settings().get_settings("duckdb").as_dict(),
        records=0,
        seed=1,
    )


def make_link(agency, *, person=None, left="P1", right="H1", model=None):
    """A suggested pair in ``agency``'s queue: two labelled records, or a record and
    ``person`` (a OneStory person)."""
    from onestory.linkage.models import CandidateLink, SourceRecord

    if not SourceRecord.objects.filter(extract__agency=agency).exists():
        import_labelled_set(agency)
    records = {r.record_id: r for r in SourceRecord.objects.filter(extract__agency=agency)}
    first = records[left]
    model = model or LinkageModel.objects.filter(agency=agency).first() or untrained_model(agency)
    if person is not None:
        sides = sorted([(f"r{first.pk}", first, None), (f"p{person.pk}", None, person)])
    else:
        second = records[right]
        sides = sorted(
            [(f"r{first.pk}", first, None), (f"r{second.pk}", second, None)],
            key=lambda s: engine.sort_key(s[0]),
        )
    (lk, lr, lp), (rk, rr, rp) = sides
    return CandidateLink.objects.create(
        agency=agency,
        model=model,
        left_key=lk,
        right_key=rk,
        left_record=lr,
        left_person=lp,
        right_record=rr,
        right_person=rp,
        match_probability=0.97,
        match_weight=8.5,
        evidence=[
            {"comparison": "Given name", "level": "Exact match on given_name", "weight": 3.2},
            {"comparison": "Date of birth", "level": "Exact match on dob", "weight": 6.1},
            {"comparison": "Postcode", "level": "All other comparisons", "weight": -0.8},
        ],
    )
