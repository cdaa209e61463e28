"""Settings read from the environment refuse bad values with a helpful message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from onestory.config import Env, Rate, database_url, parse_rate, secret_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("yes", True), ("ON", True), ("0", False), ("no", False), ("", False)],
)
def test_it_reads_yes_no_values(raw, expected):
    assert Env({"FLAG": raw}).bool("FLAG", default=not expected) is expected


def test_it_refuses_a_muddled_yes_no_value():
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a yes/no value"):
        Env({"FLAG": "maybe"}).bool("FLAG", default=False)


def test_it_refuses_an_environment_outside_the_choices():
    with pytest.raises(ImproperlyConfigured, match="use one of: demo, production"):
        Env({"ONESTORY_ENV": "staging"}).choice("ONESTORY_ENV", ("demo", "production"), "demo")


def test_it_refuses_a_number_out_of_range():
    with pytest.raises(ImproperlyConfigured, match="must be at least 1 and at most 1440"):
        Env({"IDLE": "0"}).int("IDLE", 30, minimum=1, maximum=1440)
    with pytest.raises(ImproperlyConfigured, match="is not a whole number"):
        Env({"IDLE": "half an hour"}).int("IDLE", 30, minimum=1)


def test_it_defaults_to_an_sqlite_file(tmp_path):
    assert database_url(Env({}), tmp_path) == f"sqlite:///{tmp_path / 'var' / 'onestory.sqlite3'}"


def test_it_refuses_an_unknown_database(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="must start with sqlite:// or postgres://"):
        database_url(Env({"DATABASE_URL": "mysql://root@localhost/x"}), tmp_path)


def test_it_requires_a_secret_key_in_production(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set in production"):
        secret_key(Env({}), production=True, key_file=tmp_path / "key")
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        secret_key(Env({"SECRET_KEY": "short"}), production=True, key_file=tmp_path / "key")


def test_it_generates_and_keeps_a_demo_secret_key(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    first = secret_key(Env({}), production=False, key_file=key_file)
    assert len(first) >= 50
    assert secret_key(Env({}), production=False, key_file=key_file) == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("20/hour", Rate(20, 3600)),
        ("600/minute", Rate(600, 60)),
        (" 5 / second ", Rate(5, 1)),
        ("1000/day", Rate(1000, 86400)),
    ],
)
def test_it_reads_a_rate(text, rate):
    assert parse_rate("ONESTORY_THROTTLE_X", text) == rate


@pytest.mark.parametrize("text", ["20", "20/fortnight", "0/hour", "-3/hour", "lots/hour", "/hour"])
def test_it_refuses_what_is_not_a_rate(text):
    with pytest.raises(ImproperlyConfigured, match=r"ONESTORY_THROTTLE_X=.* is not a rate"):
        parse_rate("ONESTORY_THROTTLE_X", text)


def test_a_rate_reads_back_as_written():
    assert str(Rate(20, 3600)) == "20/hour"
