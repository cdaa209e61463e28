"""The linkage model: Splink over DuckDB, on rows that the rest of the app prepares.

Nothing here touches Django's database. ``train`` estimates a model's parameters from the
records themselves (no labelled data: u by random sampling, m by expectation maximisation
within blocks, the prior from deterministic rules) and returns Splink's saved settings;
``predict`` scores every blocked pair with a saved model. The same settings run on Spark
(``SparkAPI``) for a region or a nation: see docs/decisions/0071-splink-linkage-model.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyarrow as pa
import splink
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from onestory.people import nicknames
from onestory.people.phonetic import sound_key

SPLINK_VERSION = splink.__version__

# The columns a row hands the model, and their types.
SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("given_name", pa.string()),
        ("family_name", pa.string()),
        ("given_forms", pa.list_(pa.string())),
        ("family_names", pa.list_(pa.string())),
        ("given_sound", pa.string()),
        ("family_sound", pa.string()),
        ("dob", pa.string()),
        ("birth_month", pa.string()),
        ("birth_year", pa.string()),
        ("sex", pa.string()),
        ("postcode", pa.string()),
        ("phone", pa.string()),
        ("nhs_number", pa.string()),
    ]
)

Progress = Callable[[str], None]

TF_MINIMUM_U = 0.001


@dataclass(frozen=True)
class Person:
    """What the model reads of one record, whoever holds it."""

    key: str
    given_name: str
    family_name: str
    other_family_names: tuple[str, ...] = ()
    date_of_birth: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY
    sex: str = ""
    postcode: str = ""
    phone: str = ""
    nhs_number: str = ""


def _clean(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace("'", "").split())


def given_forms(given: str) -> list[str]:
    """The name and the full names it may be short for ("bill" → bill, william)."""
    first = _clean(given).split(" ")[0] if given.strip() else ""
    if not first:
        return []
    found = {first}
    found.update(n for n in nicknames.related_names(first) if n in nicknames.table())
    return sorted(found)


def row(person: Person) -> dict:
    given = _clean(person.given_name)
    family = _clean(person.family_name)
    families = {family, *(_clean(n) for n in person.other_family_names if n.strip())}
    # A double-barrelled name also matches each of its parts.
    for name in list(families):
        families.update(part for part in name.split(" ") if len(part) > 1)
    dob = person.date_of_birth
    return {
        "unique_id": person.key,
        "given_name": given or None,
        "family_name": family or None,
        "given_forms": given_forms(given) or None,
        "family_names": sorted(n for n in families if n) or None,
        "given_sound": sound_key(given.split(" ")[0]) if given else None,
        "family_sound": sound_key(family.replace(" ", "")) if family else None,
        "dob": dob if len(dob) == 10 else None,
        "birth_month": dob[:7] if len(dob) >= 7 else None,
        "birth_year": dob[:4] if len(dob) >= 4 else None,
        "sex": person.sex if person.sex in ("female", "male") else None,
        "postcode": person.postcode or None,
        "phone": person.phone or None,
        "nhs_number": person.nhs_number or None,
    }


def _name_comparison(column: str, forms: str, forms_label: str, sound: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            # A rare name counts for no more than one in a thousand: a household shares
            # its surname, and a rare one would otherwise outweigh two given names.
            cll.ExactMatchLevel(column, term_frequency_adjustments=True).configure(
                tf_minimum_u_value=TF_MINIMUM_U
            ),
            cll.ArrayIntersectLevel(forms, 1).configure(label_for_charts=forms_label),
            cll.JaroWinklerLevel(column, 0.92),
            cll.ExactMatchLevel(sound).configure(label_for_charts="Sounds the same"),
            cll.JaroWinklerLevel(column, 0.8),
            cll.ElseLevel(),
        ],
    )


def _dob_comparison() -> cl.CustomComparison:
    swapped = (
        "substr(dob_l, 1, 4) = substr(dob_r, 1, 4) "
        "AND substr(dob_l, 6, 2) = substr(dob_r, 9, 2) "
        "AND substr(dob_l, 9, 2) = substr(dob_r, 6, 2)"
    )
    return cl.CustomComparison(
        output_column_name="date_of_birth",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("dob"),
            cll.CustomLevel(swapped, "Day and month swapped"),
            cll.DamerauLevenshteinLevel("dob", 1).configure(
                label_for_charts="One digit different or two swapped"
            ),
            cll.CustomLevel(
                "abs(try_cast(birth_year_l AS INTEGER) - try_cast(birth_year_r AS INTEGER)) >= 10",
                "Born ten or more years apart",
            ),
            cll.ExactMatchLevel("birth_month").configure(label_for_charts="Same month and year"),
            cll.ExactMatchLevel("birth_year").configure(label_for_charts="Same year"),
            cll.CustomLevel(
                "abs(try_cast(birth_year_l AS INTEGER) - try_cast(birth_year_r AS INTEGER)) <= 2",
                "Years within two",
            ),
            cll.ElseLevel(),
        ],
    )


BLOCKING_RULES = (
    block_on("nhs_number"),
    block_on("phone"),
    block_on("family_sound", "birth_year"),
    block_on("dob"),
    block_on("postcode", "given_sound"),
    block_on("postcode", "family_sound"),
    block_on("given_name", "family_name"),
    # A short form, an earlier or other surname: each form against each.
    block_on("given_forms", "family_names", arrays_to_explode=["given_forms", "family_names"]),
)


def settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            _name_comparison(
                "given_name", "given_forms", "A short form of the other", "given_sound"
            ),
            _name_comparison(
                "family_name", "family_names", "Matches an earlier or other name", "family_sound"
            ),
            _dob_comparison(),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("nhs_number"),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
    )


def _linker(rows: list[dict], model: SettingsCreator | dict) -> Linker:
    db_api = DuckDBAPI()
    table = db_api.register(pa.Table.from_pylist(rows, schema=SCHEMA))
    return Linker(table, model, log_level=None)


def train(
    persons: Iterable[Person], *, seed: int = 1, progress: Progress | None = None
) -> tuple[dict, int]:
    """Train a model on the records themselves; returns Splink's settings and the count."""
    say = progress or (lambda _message: None)
    rows = [row(p) for p in persons]
    if len(rows) < 10:
        raise ValueError("A model needs at least ten records to learn from.")
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker = _linker(rows, settings())
    say(f"Training on {len(rows):,} records: the chance two records match")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nhs_number"), block_on("given_name", "family_name", "dob")], recall=0.7
    )
    say("Training: how often fields agree by chance (random pairs)")
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    proportion = min(1.0, 200_000 / len(rows))
    say("Training: how often fields agree for the same person (pairs with one NHS number)")
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("nhs_number"), record_sample_proportion=proportion
    )
    say("Training: the same, for pairs with one phone number")
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("phone"), record_sample_proportion=proportion
    )
    say("Training: the same, for pairs with the same date of birth")
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"), record_sample_proportion=proportion
    )
    return _keep_unobserved(linker.misc.save_model_to_json()), len(rows)


# Splink's own chance for a level that training never saw among matches.
UNOBSERVED_M = 1e-6


def _keep_unobserved(model: dict) -> dict:
    """A level no matching pair fell in during training (dates of birth ten years apart)
    has its chance written down as Splink uses it in the session that trained it: saved
    blank, a reloaded model would give the level a default and weigh it far too lightly."""
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            if level.get("m_probability") is None and level.get("u_probability") is not None:
                level["m_probability"] = UNOBSERVED_M
    return model


def predict(
    persons: Iterable[Person],
    model: dict,
    *,
    threshold: float,
    progress: Progress | None = None,
) -> list[dict]:
    """Score every blocked pair with a saved model; pairs at or above ``threshold``.

    Each result has ``unique_id_l``, ``unique_id_r`` (the smaller first),
    ``match_probability``, ``match_weight``, and for each comparison its contribution to the
    weight (``mw_<comparison>``, with any term-frequency adjustment) and the weight of the
    level it found (``mw_level_<comparison>``), as Splink's waterfall chart shows them.
    """
    say = progress or (lambda _message: None)
    rows = [row(p) for p in persons]
    if len(rows) < 2:
        return []
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker = _linker(rows, dict(model))
    say(f"Scoring the pairs of {len(rows):,} records")
    found = linker.inference.predict(
        threshold_match_probability=threshold, warning_mode="never"
    ).as_record_list()
    names = [c["output_column_name"] for c in model["comparisons"]]
    results = []
    for item in found:
        left, right = item["unique_id_l"], item["unique_id_r"]
        if sort_key(right) < sort_key(left):
            left, right = right, left
        results.append(
            {
                "unique_id_l": left,
                "unique_id_r": right,
                "match_probability": float(item["match_probability"]),
                "match_weight": float(item["match_weight"]),
                **{
                    f"mw_{name}": float(item[f"mw_{name}"] or 0)
                    + float(item.get(f"mw_tf_adj_{name}") or 0)
                    for name in names
                },
                **{f"mw_level_{name}": float(item[f"mw_{name}"] or 0) for name in names},
            }
        )
    say(f"Scored: {len(results):,} pairs at or above {threshold}")
    return results


def sort_key(key: str) -> tuple[str, int]:
    return key[0], int(key[1:])
