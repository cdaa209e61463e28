"""Person-level records are written only through actions.

Actions are the one place writes happen (keyword arguments, ``by=user``, one transaction,
an audit event). This test reads every product module and fails when one that is not an
action module calls a writing method of a person-level model's manager or queryset
(``Model.objects.create(...)``, ``Model.objects.filter(...).update(...)`` and the like).

Action modules are ``actions.py``, the modules of an ``actions`` package, and the few
modules listed below with the reason they write. Left out, as not product code: migrations
(they move data as the schema changes), the demo and the synthetic county (``demo``, which
load made-up data in bulk), and the tests (which build their worlds with factories).

Reading the code cannot always tell which model a write touches: ``case.save()``,
``referral.notes.create(...)`` or ``self.model.objects...update(...)`` name no model. So
outside action modules every such write is refused too, unless it is listed in
``NOT_PERSON_LEVEL_WRITES`` with what it writes; a write through a named manager
(``Service.objects.update_or_create(...)``) is allowed when the model is not person-level.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

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
    "save",
}
# ``update`` is also a dict's and a set's; it is a write only on a query.
QUERY_HINTS = ("objects", "_manager", ".filter(", ".exclude(", ".all()")

# Modules that write person-level records without being called "actions", and why.
ALSO_ACTIONS = {
    "referrals/transitions.py": "the onward-referral state machine; actions.py calls it",
    "people/merging.py": "merging two records: the merge action's steps",
    "governance/retention.py": "deleting a whole person past the retention period, one "
    "transaction and one audit event each; the retention command is its only caller",
}


def _product_modules() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts and path.relative_to(ROOT).parts[0] != "demo"
    ]


# Writes outside actions whose model the code does not name, and what they write: none is a
# person-level record. Keyed by module and the written expression.
NOT_PERSON_LEVEL_WRITES = {
    ("marac/quarterly_template.py", "workbook.save"): "a spreadsheet file, not a record",
    ("directory/importing.py", "service.contacts.all().delete"): "a directory service's "
    "published contacts, replaced by the import",
    ("directory/importing.py", "service.locations.all().delete"): "a directory service's "
    "published locations, replaced by the import",
    (
        "accounts/sessions.py",
        "self.model.objects.using(using).filter(session_key=self.session_key).update",
    ): "Django's session store",
}


def _is_action_module(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return (
        path.name == "actions.py" or "actions" in path.parent.parts[-1:] or relative in ALSO_ACTIONS
    )


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _all_models() -> dict[str, bool]:
    """Every model's class name, and whether it is person-level."""
    person_level = set(person_level_models())
    return {model.__name__: model in person_level for model in apps.get_models()}


def _writes(tree: ast.AST, models: dict[str, bool]) -> list[tuple[int, str]]:
    """Writes to person-level models, and writes whose model the code does not name.

    ``models`` maps class names to whether the model is person-level.
    """
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITES:
            continue
        chain = ast.unparse(node.func.value)
        if chain == "super()":
            continue  # a model's own save(), reached through whoever saves it
        if node.func.attr == "update" and not any(hint in chain for hint in QUERY_HINTS):
            continue
        root = _root_name(node.func.value)
        through_manager = ".objects" in f".{chain.split('.', 1)[-1]}"
        if root in models and through_manager and not models[root]:
            continue  # a named model that is not person-level
        found.append((node.lineno, f"{chain}.{node.func.attr}"))
    return found


def test_it_finds_a_write_outside_an_action():
    tree = ast.parse("Person.objects.filter(pk=1).update(given_name='X')")
    assert _writes(tree, {"Person": True}) == [(1, "Person.objects.filter(pk=1).update")]


def test_it_finds_an_instance_saved_outside_an_action():
    tree = ast.parse("case = get_case(1)\ncase.summary = 'x'\ncase.save()")
    assert _writes(tree, {"Case": True}) == [(3, "case.save")]


def test_it_lets_through_what_is_not_person_level():
    tree = ast.parse(
        "Service.objects.update_or_create(name='x')\nanswers.update(more)\nsuper().save()\n"
    )
    assert _writes(tree, {"Service": False}) == []


@pytest.mark.parametrize("path", _product_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_person_level_models_are_written_only_through_actions(path):
    if _is_action_module(path):
        return
    relative = path.relative_to(ROOT).as_posix()
    writes = [
        (line, write)
        for line, write in _writes(ast.parse(path.read_text()), _all_models())
        if (relative, write) not in NOT_PERSON_LEVEL_WRITES
    ]
    assert not writes, f"{relative} writes outside an action: {writes}"


def test_the_listed_modules_and_writes_exist():
    assert all((ROOT / relative).exists() for relative in ALSO_ACTIONS)
    models = _all_models()
    for relative, write in NOT_PERSON_LEVEL_WRITES:
        found = {
            found for _line, found in _writes(ast.parse((ROOT / relative).read_text()), models)
        }
        assert write in found, f"{relative} no longer writes {write}: take it off the list"
