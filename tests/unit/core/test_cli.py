"""The ``onestory`` command connects as the owner role only for commands that need it."""

import pytest

from onestory.cli import as_owner_when_needed

RUNTIME = "postgres://onestory_app@db/onestory"
OWNER = "postgres://onestory_owner@db/onestory"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["migrate"], OWNER),
        (["migrate", "--no-input", "-v", "0"], OWNER),
        (["createcachetable"], OWNER),
        (["synth", "--persons", "20"], OWNER),
        (["runserver"], RUNTIME),
        (["load_demo"], RUNTIME),
        (["issue-token", "migrate"], RUNTIME),
        (["bench"], RUNTIME),
        ([], RUNTIME),
    ],
)
def test_it_picks_the_role_by_command(arguments, expected):
    environ = {"DATABASE_URL": RUNTIME, "DATABASE_OWNER_URL": OWNER}
    as_owner_when_needed(arguments, environ)
    assert environ["DATABASE_URL"] == expected


def test_it_leaves_the_database_alone_without_an_owner_url():
    environ = {"DATABASE_URL": RUNTIME}
    as_owner_when_needed(["migrate"], environ)
    assert environ["DATABASE_URL"] == RUNTIME
