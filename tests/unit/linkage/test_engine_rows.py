"""What the model reads of a record: names tidied, short forms and earlier surnames
listed, partial dates of birth split into the parts that are known."""

import pytest

from onestory.linkage import engine


def test_a_record_becomes_the_models_row():
    row = engine.row(
        engine.Person(
            key="r1",
            given_name="Bill",
            family_name="Smith-Jones",
            other_family_names=("Cole",),
            date_of_birth="1990-03-04",
            sex="male",
            postcode="NS1 4AB",
        )
    )
    assert row["given_name"] == "bill"
    assert "william" in row["given_forms"]
    assert row["family_names"] == ["cole", "jones", "smith", "smith jones"]
    assert (row["dob"], row["birth_month"], row["birth_year"]) == ("1990-03-04", "1990-03", "1990")
    assert (row["phone"], row["nhs_number"]) == (None, None)


@pytest.mark.parametrize(
    ("written", "dob", "month", "year"),
    [("1990-03", None, "1990-03", "1990"), ("1990", None, None, "1990"), ("", None, None, None)],
)
def test_partial_dates_of_birth_keep_what_is_known(written, dob, month, year):
    row = engine.row(
        engine.Person(key="r1", given_name="A", family_name="B", date_of_birth=written)
    )
    assert (row["dob"], row["birth_month"], row["birth_year"]) == (dob, month, year)


def test_sex_other_than_female_or_male_is_not_compared():
    assert (
        engine.row(engine.Person(key="r1", given_name="A", family_name="B", sex="unknown"))["sex"]
        is None
    )


def test_keys_sort_by_kind_then_number():
    assert sorted(["r10", "p2", "r9"], key=engine.sort_key) == ["p2", "r9", "r10"]


def test_a_level_no_match_fell_in_keeps_its_tiny_chance_when_saved():
    saved = {
        "comparisons": [
            {
                "output_column_name": "date_of_birth",
                "comparison_levels": [
                    {"sql_condition": "dob_l IS NULL", "is_null_level": True},
                    {"sql_condition": "dob_l = dob_r", "m_probability": 0.9, "u_probability": 0.01},
                    {"sql_condition": "ten years", "m_probability": None, "u_probability": 0.7},
                    {"sql_condition": "never seen", "m_probability": None},
                ],
            }
        ]
    }
    levels = engine._keep_unobserved(saved)["comparisons"][0]["comparison_levels"]
    assert "m_probability" not in levels[0]
    assert levels[1]["m_probability"] == 0.9
    assert levels[2]["m_probability"] == engine.UNOBSERVED_M
    # A level with no chance of either kind is left as Splink saved it.
    assert levels[3]["m_probability"] is None


def test_dates_of_birth_ten_years_apart_and_rare_names_are_in_the_settings():
    saved = engine.settings().get_settings("duckdb").as_dict()
    dob = next(c for c in saved["comparisons"] if c["output_column_name"] == "date_of_birth")
    assert "Born ten or more years apart" in [
        level.get("label_for_charts") for level in dob["comparison_levels"]
    ]
    family = next(c for c in saved["comparisons"] if c["output_column_name"] == "family_name")
    exact = next(
        level for level in family["comparison_levels"] if level.get("tf_adjustment_column")
    )
    assert exact["tf_minimum_u_value"] == engine.TF_MINIMUM_U
