"""No product module reaches another app by name, where the import contract cannot see it.

``apps.get_model("app", "Model")`` and ``importlib.import_module`` are imports that
import-linter does not follow: a lower floor could use them to reach up, and a rename
would silently stop them. Apps above reach down with plain imports; an app that must
contribute to something below it registers from its ``AppConfig.ready()`` (the timeline's
sources, the directory's secret places). Migrations and the demo are not product code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3] / "onestory"


def _product_modules() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts and path.relative_to(ROOT).parts[0] != "demo"
    ]


def _lookups_by_name(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get_model", "import_module"}
        ):
            found.append((node.lineno, ast.unparse(node.func)))
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names]
            if "importlib" in names:
                found.append((node.lineno, "import importlib"))
    return found


def test_it_finds_a_lookup_by_name():
    tree = ast.parse('from django.apps import apps\napps.get_model("marac", "MaracReferral")')
    assert _lookups_by_name(tree) == [(2, "apps.get_model")]


@pytest.mark.parametrize("path", _product_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_apps_reach_each_other_by_import_only(path):
    found = _lookups_by_name(ast.parse(path.read_text()))
    assert not found, f"{path.relative_to(ROOT)} looks an app up by name: {found}"
