"""The security lint stays on: ruff's bandit rules (S) run in `make test`, and every place that
is let off one of them says why on the same line (docs/decisions/0038-security-lint.md)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SECURITY_NOQA = re.compile(r"#\s*noqa:\s*(S\d{3}(?:\s*,\s*[A-Z]+\d+)*)(.*)$")
# Let off in whole folders, and why: tests assert, sign in with made-up passwords, use
# seeded randomness and start our own processes; tools start our own processes.
FOLDER_EXCEPTIONS = {
    "**/migrations/**": ["E501"],
    "tests/**": ["S105", "S106", "S311", "S603", "S607"],
    "tools/**": ["S603", "S607"],
}


def ruff_settings() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["ruff"]["lint"]


def test_the_security_rules_are_selected_and_only_assert_is_let_off_everywhere():
    lint = ruff_settings()
    assert "S" in lint["select"]
    assert [rule for rule in lint["ignore"] if rule.startswith("S")] == ["S101"]
    assert lint["per-file-ignores"] == FOLDER_EXCEPTIONS


def test_every_security_exception_says_why_on_its_line():
    unexplained = []
    for folder in ("onestory", "tests", "tools"):
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found = SECURITY_NOQA.search(line)
                if found and not re.match(r"\s*\(.{4,}\)", found.group(2)):
                    unexplained.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not unexplained, "say why in brackets after the noqa:\n" + "\n".join(unexplained)
