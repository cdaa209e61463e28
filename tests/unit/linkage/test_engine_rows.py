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
