"""A model trained twice on the same records with the same seed is the same model, and a
saved model scores the same pairs the same way every time."""

import datetime as dt

from onestory.demo.linkage_extracts import generate
from onestory.linkage import engine


def _persons():
    generated = generate(40, seed=11, today=dt.date(2026, 6, 10))
    return [
        engine.Person(
            key=f"r{i}",
            given_name=row["given_name"],
            family_name=row["family_name"],
            date_of_birth=row["date_of_birth"],
            sex=row["sex"],
            postcode=row["postcode"],
            phone=row["phone"],
            nhs_number=row["nhs_number"],
        )
        for i, row in enumerate(r for rows in generated.rows.values() for r in rows)
    ]


def _parameters(model: dict) -> list:
    return [
        (level.get("m_probability"), level.get("u_probability"))
        for comparison in model["comparisons"]
        for level in comparison["comparison_levels"]
    ] + [model["probability_two_random_records_match"]]


def test_training_and_scoring_are_reproducible():
    persons = _persons()
    first, count = engine.train(persons, seed=3)
    second, _ = engine.train(persons, seed=3)
    assert count == len(persons)
    assert _parameters(first) == _parameters(second)

    def scores():
        found = engine.predict(persons, first, threshold=0.5)
        return sorted((s["unique_id_l"], s["unique_id_r"], s["match_weight"]) for s in found)

    once = scores()
    assert once
    assert scores() == once
