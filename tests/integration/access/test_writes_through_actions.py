"""Person-level records are written only through actions.

Actions are the one place writes happen (keyword arguments, ``by=user``, one transaction,
an audit event). This test reads every product module and fails when one that is not an
action module calls a writing method of a person-level model's manager or queryset
(``Model.objects.create(...)``, ``Model.objects.filter(...).update(...)`` and the like).

Action modules are ``actions.py``, the modules of an ``actions`` package, and the few
modules listed below with the reason they write. Migrations and the demo (which loads
made-up data in bulk) are not product code and are left out. Writes through an instance's
``save()`` cannot be told apart by reading the code alone, so this test does not see them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from onestory.core.registry import person_level_models

ROOT = Path(__file__).resolve().parents[3] / "onestory"
WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
}

# Modules that write person-level records without being called "actions", and why.
ALSO_ACTIONS = {
    "referrals/transitions.py": "the onward-referral state machine; actions.py calls it",
    "people/merging.py": "merging two records: the merge action's steps",
}


def _product_modules() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts and path.relative_to(ROOT).parts[0] != "demo"
    ]


def _is_action_module(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return (
        path.name == "actions.py" or "actions" in path.parent.parts[-1:] or relative in ALSO_ACTIONS
    )


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _manager_writes(tree: ast.AST, models: set[str]) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITES:
            continue
        chain = ast.unparse(node.func.value)
        root = _root_name(node.func.value)
        if root in models and ".objects" in f".{chain.split('.', 1)[-1]}":
            found.append((node.lineno, f"{chain}.{node.func.attr}(...)"))
    return found


def test_it_finds_a_write_outside_an_action():
    tree = ast.parse("Person.objects.filter(pk=1).update(given_name='X')")
    assert _manager_writes(tree, {"Person"}) == [(1, "Person.objects.filter(pk=1).update(...)")]


@pytest.mark.parametrize("path", _product_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_person_level_models_are_written_only_through_actions(path):
    if _is_action_module(path):
        return
    models = {model.__name__ for model in person_level_models()}
    writes = _manager_writes(ast.parse(path.read_text()), models)
    assert not writes, f"{path.relative_to(ROOT)} writes outside an action: {writes}"


def test_the_listed_modules_exist():
    assert all((ROOT / relative).exists() for relative in ALSO_ACTIONS)
