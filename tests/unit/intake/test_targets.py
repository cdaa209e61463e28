"""Reading the first-contact targets from the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from onestory.intake.targets import DEFAULT_TARGETS, parse_first_contact_targets


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (DEFAULT_TARGETS, {"urgent": 4, "high": 24, "standard": 72}),
        ("standard=48, high=8 ,urgent=1", {"urgent": 1, "high": 8, "standard": 48}),
        ("URGENT=2,High=2,standard=2", {"urgent": 2, "high": 2, "standard": 2}),
        ("urgent=4,,high=24,standard=72,", {"urgent": 4, "high": 24, "standard": 72}),
    ],
)
def test_it_reads_good_targets(raw, expected):
    assert parse_first_contact_targets(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("urgent=4,high=24", "give a target for standard"),
        ("urgent=4,high=24,standard=72,routine=100", "'routine' is not an urgency"),
        ("urgent=4,high=24,standard", "needs the form urgency=hours"),
        ("urgent=four,high=24,standard=72", "whole number of hours from 1 to 672"),
        ("urgent=0,high=24,standard=72", "whole number of hours from 1 to 672"),
        ("urgent=-1,high=24,standard=72", "whole number of hours from 1 to 672"),
        ("urgent=4,high=24,standard=700", "whole number of hours from 1 to 672"),
        ("urgent=4,urgent=5,high=24,standard=72", "urgent is given more than once"),
        ("urgent=48,high=24,standard=72", "target for urgent (48 hours) cannot be longer"),
        ("", "give a target for urgent, high, standard"),
    ],
)
def test_it_refuses_bad_targets_with_a_clear_message(raw, message):
    with pytest.raises(ImproperlyConfigured, match="ONESTORY_FIRST_CONTACT_TARGETS") as refused:
        parse_first_contact_targets(raw)
    assert message in str(refused.value)
