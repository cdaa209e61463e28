"""Rules for schemes and units: what is refused, and in which words."""

from datetime import date

import pytest

from onestory.accommodation import rules

TODAY = date(2026, 6, 10)


@pytest.mark.parametrize(
    ("scheme_type", "by_and_for", "group", "problem_fields"),
    [
        ("refuge", False, "", set()),
        ("sanctuary", False, "", set()),
        ("specialist", True, "Deaf women", set()),
        ("bed_and_breakfast", False, "", {"scheme_type"}),
        ("hostel", False, "", {"scheme_type"}),
        ("", False, "", {"scheme_type"}),
        ("specialist", True, "  ", {"specialist_group"}),
    ],
)
def test_it_checks_a_scheme(scheme_type, by_and_for, group, problem_fields):
    problems = rules.scheme_problems(
        scheme_type=scheme_type, by_and_for=by_and_for, specialist_group=group
    )
    assert set(problems) == problem_fields


def test_it_says_why_bed_and_breakfast_is_refused():
    problems = rules.scheme_problems(
        scheme_type="bed_and_breakfast", by_and_for=False, specialist_group=""
    )
    assert "not safe accommodation" in problems["scheme_type"]


@pytest.mark.parametrize(
    ("bed_spaces", "sexes", "children", "boys_age", "problem_fields"),
    [
        (1, "women", 0, None, set()),
        (4, "any", 3, 12, set()),
        (0, "women", 0, None, {"bed_spaces"}),
        (2, "women", 2, None, {"max_children"}),
        (3, "nobody", 1, None, {"sexes"}),
        (2, "women", 0, 10, {"boys_up_to_age"}),
        (3, "women", 2, 18, {"boys_up_to_age"}),
    ],
)
def test_it_checks_a_unit(bed_spaces, sexes, children, boys_age, problem_fields):
    problems = rules.unit_problems(
        bed_spaces=bed_spaces, sexes=sexes, max_children=children, boys_up_to_age=boys_age
    )
    assert set(problems) == problem_fields


def test_it_leaves_room_for_an_adult():
    problems = rules.unit_problems(bed_spaces=3, sexes="women", max_children=3, boys_up_to_age=None)
    assert problems["max_children"] == (
        "A unit with 3 bed spaces can take at most 2 children, leaving room for an adult"
    )


@pytest.mark.parametrize(
    ("reason", "details", "back_on", "problem_fields"),
    [
        ("repairs", "", None, set()),
        ("repairs", "", TODAY, set()),
        ("other", "Flood in the kitchen", date(2026, 7, 1), set()),
        ("other", " ", None, {"details"}),
        ("", "", None, {"reason"}),
        ("repairs", "", date(2026, 6, 9), {"expected_back_on"}),
    ],
)
def test_it_checks_taking_a_unit_out_of_use(reason, details, back_on, problem_fields):
    problems = rules.out_of_use_problems(
        reason=reason, details=details, expected_back_on=back_on, today=TODAY
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("current", "answer", "reason", "details", "unit_problems", "problem_fields"),
    [
        ("asked", "accepted", "", "", [], set()),
        ("asked", "offered", "", "", [], set()),
        ("accepted", "offered", "", "", [], set()),
        ("asked", "declined", "no_space", "", [], set()),
        ("asked", "declined", "", "", [], {"reason"}),
        ("asked", "declined", "other", "", [], {"details"}),
        ("asked", "offered", "", "", ["Room 1 takes no pets"], {"unit"}),
        ("offered", "declined", "no_space", "", [], {"answer"}),
        ("declined", "offered", "", "", [], {"answer"}),
        ("withdrawn", "accepted", "", "", [], {"answer"}),
    ],
)
def test_it_checks_a_schemes_answer(
    current, answer, reason, details, unit_problems, problem_fields
):
    problems = rules.scheme_answer_problems(
        current=current, answer=answer, reason=reason, details=details, unit_problems=unit_problems
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("current", "answer", "reason", "details", "problem_fields"),
    [
        ("offered", "taken", "", "", set()),
        ("offered", "refused", "too_far", "", set()),
        ("offered", "refused", "", "", {"reason"}),
        ("offered", "refused", "other", " ", {"details"}),
        ("asked", "taken", "", "", {"answer"}),
        ("taken", "refused", "too_far", "", {"answer"}),
    ],
)
def test_it_checks_the_survivors_answer(current, answer, reason, details, problem_fields):
    problems = rules.survivor_answer_problems(
        current=current, answer=answer, reason=reason, details=details
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("adults", "children", "from_area", "schemes", "problem_fields"),
    [
        (1, [{"sex": "boy", "age": 13}], "Northtown", 2, set()),
        (0, [], "Northtown", 1, {"adults"}),
        (1, [{"sex": "boy", "age": 18}], "Northtown", 1, {"children"}),
        (1, [{"sex": "", "age": 3}], "Northtown", 1, {"children"}),
        (1, [], " ", 1, {"from_area"}),
        (1, [], "Northtown", 0, {"schemes"}),
    ],
)
def test_it_checks_a_household(adults, children, from_area, schemes, problem_fields):
    problems = rules.household_problems(
        adults=adults, children=children, from_area=from_area, schemes=schemes
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("status", "occupied", "out_of_use", "size", "beds", "arrived_on", "problem_fields"),
    [
        ("taken", False, False, 3, 3, TODAY, set()),
        ("offered", False, False, 1, 3, TODAY, {"ask"}),
        ("taken", True, False, 1, 3, TODAY, {"unit"}),
        ("taken", False, True, 1, 3, TODAY, {"unit"}),
        ("taken", False, False, 4, 3, TODAY, {"children"}),
        ("taken", False, False, 1, 3, None, {"arrived_on"}),
        ("taken", False, False, 1, 3, date(2026, 6, 11), {"arrived_on"}),
    ],
)
def test_it_checks_an_arrival(status, occupied, out_of_use, size, beds, arrived_on, problem_fields):
    problems = rules.arrival_problems(
        ask_status=status,
        occupied=occupied,
        out_of_use=out_of_use,
        household_size=size,
        bed_spaces=beds,
        arrived_on=arrived_on,
        today=TODAY,
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("departed_on", "already_left", "end_reason", "move_on", "problem_fields"),
    [
        (TODAY, False, "planned", "social_rent", set()),
        (date(2026, 6, 1), False, "planned", "unknown", set()),
        (date(2026, 5, 31), False, "planned", "unknown", {"departed_on"}),
        (date(2026, 6, 11), False, "planned", "unknown", {"departed_on"}),
        (None, False, "planned", "unknown", {"departed_on"}),
        (TODAY, True, "planned", "unknown", {"departed_on"}),
        (TODAY, False, "", "", {"end_reason", "move_on"}),
    ],
)
def test_it_checks_a_departure(departed_on, already_left, end_reason, move_on, problem_fields):
    problems = rules.departure_problems(
        arrived_on=date(2026, 6, 1),
        departed_on=departed_on,
        already_left=already_left,
        end_reason=end_reason,
        move_on=move_on,
        today=TODAY,
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("kind", "details", "cost", "fitted_on", "permission", "problem_fields"),
    [
        ("locks", "", 120, TODAY, "not_needed", set()),
        ("cctv", "", 0, date(2026, 6, 1), "given", set()),
        ("alarm", "", 90, TODAY, "asked", {"kind"}),
        ("alarm", "", 90, TODAY, "refused", {"kind"}),
        ("other", "", 90, TODAY, "given", {"details"}),
        ("moat", "", 90, TODAY, "given", {"kind"}),
        ("locks", "", -1, TODAY, "given", {"cost"}),
        ("locks", "", None, TODAY, "given", {"cost"}),
        ("locks", "", 10, date(2026, 5, 31), "given", {"fitted_on"}),
        ("locks", "", 10, date(2026, 6, 11), "given", {"fitted_on"}),
        ("locks", "", 10, None, "given", {"fitted_on"}),
    ],
)
def test_it_checks_a_measure_fitted(kind, details, cost, fitted_on, permission, problem_fields):
    problems = rules.measure_problems(
        kind=kind,
        details=details,
        cost=cost,
        fitted_on=fitted_on,
        surveyed_on=date(2026, 6, 1),
        landlord_permission=permission,
        today=TODAY,
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("surveyed_on", "permission", "problem_fields"),
    [
        (TODAY, "not_needed", set()),
        (None, "given", {"surveyed_on"}),
        (date(2026, 6, 11), "given", {"surveyed_on"}),
        (TODAY, "", {"landlord_permission"}),
    ],
)
def test_it_checks_a_survey(surveyed_on, permission, problem_fields):
    problems = rules.survey_problems(
        surveyed_on=surveyed_on, landlord_permission=permission, today=TODAY
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2026, 4, 1), date(2026, 4, 1)),
        (date(2026, 3, 31), date(2025, 4, 1)),
        (date(2027, 1, 15), date(2026, 4, 1)),
    ],
)
def test_the_funds_year_starts_in_april(day, start):
    assert rules.financial_year_start(day) == start


@pytest.mark.parametrize(
    ("status", "amount", "remaining", "problem"),
    [
        ("applied", 100, 100, False),
        ("applied", 101, 100, True),
        ("applied", 1, None, True),
        ("approved", 1, 100, True),
    ],
)
def test_it_checks_an_approval(status, amount, remaining, problem):
    assert (
        bool(rules.approval_problems(status=status, amount=amount, remaining=remaining)) is problem
    )
