"""Run OneStory's whole check, as `make test` and CI do.

1. ruff check and ruff format --check; then import-linter (``lint-imports``), which holds
   the apps to their floors (the contracts are in pyproject.toml); mypy with django-stubs
   over core, audit, accounts and access; and
   ``makemigrations --check`` (again on PostgreSQL in step 3);
2. unit and integration tests on SQLite, on a fixed clock (see tests/conftest.py), under
   coverage.py: the line coverage of ``onestory`` is printed, and the stage fails if it is
   below the floor in tools/coverage_floor.txt (a floor that may only rise: it fails too if
   the file holds less than it does on ``main``); then the date-sensitive ones again at
   awkward moments (AWKWARD_MOMENTS);
3. integration and browser tests on a throwaway PostgreSQL cluster (tools/pgcluster.py),
   migrated by its owner role and run as its runtime role;
4. on the same cluster, a small synthetic county (loaded as the owner) and the benchmark
   (served as the runtime role), so neither can rot (the figures are printed, never judged
   on time);

Steps 2 and 3–4 run side by side, one on each core: the PostgreSQL lane's output is kept
and printed whole when both lanes have finished (``ONESTORY_TESTS_ONE_LANE=1`` runs them one
after the other instead). Then print one line with the totals. Exits non-zero if any stage
fails. Extra arguments are passed to every pytest run (for example `-k sign_in` or `-x`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parent.parent
COVERAGE_FLOOR = ROOT / "tools" / "coverage_floor.txt"
sys.path.insert(0, str(ROOT / "tools"))

from pgcluster import running_cluster  # noqa: E402

BIN = Path(sys.executable).parent

# Moments in England at which the date-sensitive tests run again, besides the ordinary day
# they run on: a year's last afternoon, a leap day, and both Sundays the clocks change (the
# small hours just after the change, when local and UTC dates and offsets disagree).
AWKWARD_MOMENTS = [
    "2026-12-31T16:45",
    "2028-02-29T09:15",
    "2027-03-28T03:30",
    "2026-10-25T01:30",
]
# The tests whose answers depend most on the date: deadlines, ages, quarters, queues.
DATE_SENSITIVE = [
    "tests/unit",
    "tests/integration/cases",
    "tests/integration/disclosure",
    "tests/integration/encompass",
    "tests/integration/harm",
    "tests/integration/home",
    "tests/integration/marac",
    "tests/integration/needs",
    "tests/integration/returns",
    "tests/integration/reviews",
    "tests/integration/risk",
    "tests/integration/training",
    "tests/integration/voice",
]


@dataclass
class Totals:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failing_stages: list[str] = field(default_factory=list)

    def add_junit(self, report: Path) -> None:
        if not report.exists():
            return
        suites = ET.parse(report).getroot()  # noqa: S314 (our own pytest's report)
        for suite in suites.iter("testsuite"):
            tests = int(suite.get("tests", 0))
            failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped = int(suite.get("skipped", 0))
            self.passed += tests - failed - skipped
            self.failed += failed
            self.skipped += skipped

    def add(self, other: Totals) -> None:
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped
        self.failing_stages += other.failing_stages


def banner(text: str, out: TextIO | None = None) -> None:
    print(f"\n=== {text} ===", file=out, flush=True)


def run_stage(
    name: str,
    command: list[str],
    totals: Totals,
    env: dict[str, str],
    out: TextIO | None = None,
) -> None:
    """One command, its output to ``out`` (the terminal when None), a failure recorded."""
    banner(name, out)
    started = time.monotonic()
    stderr = subprocess.STDOUT if out else None
    result = subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=out, stderr=stderr)
    took = time.monotonic() - started
    print(f"--- {name}: exit {result.returncode} in {took:.0f} s", file=out, flush=True)
    if result.returncode != 0:
        totals.failing_stages.append(name)


def run_pytest(
    name: str,
    paths: list[str],
    totals: Totals,
    env: dict[str, str],
    extra: list[str],
    out: TextIO | None = None,
) -> None:
    with tempfile.TemporaryDirectory(prefix="onestory-tests-") as folder:
        report = Path(folder) / "junit.xml"
        command = [str(BIN / "pytest"), *paths, f"--junitxml={report}", "-p", "no:cacheprovider"]
        run_stage(name, [*command, *extra], totals, env, out)
        totals.add_junit(report)


def run_covered_pytest(
    name: str, paths: list[str], totals: Totals, env: dict[str, str], extra: list[str]
) -> None:
    """``run_pytest`` under coverage.py, then the figure, held to the floor."""
    with tempfile.TemporaryDirectory(prefix="onestory-tests-") as folder:
        report = Path(folder) / "junit.xml"
        data = Path(folder) / "coverage"
        command = [
            str(BIN / "python"), "-m", "coverage", "run", f"--data-file={data}",
            "-m", "pytest", *paths, f"--junitxml={report}", "-p", "no:cacheprovider",
        ]  # fmt: skip
        run_stage(name, [*command, *extra], totals, env)
        totals.add_junit(report)
        coverage = [str(BIN / "python"), "-m", "coverage"]
        report_total = [*coverage, "report", f"--data-file={data}", "--format=total"]
        total = subprocess.run(
            report_total, cwd=ROOT, env=env, check=False, capture_output=True, text=True
        )
    try:
        figure = float(total.stdout.strip())
    except ValueError:
        figure = None
    floor = read_floor(COVERAGE_FLOOR.read_text())
    problem = coverage_problem(figure, floor, floor_on_main())
    print(f"--- coverage of onestory on SQLite: {figure}% of lines (floor {floor}%)", flush=True)
    if problem:
        print(f"--- coverage: {problem}", flush=True)
        totals.failing_stages.append("coverage")


def read_floor(text: str) -> float:
    """The floor from its file: the first line that is not a comment, a percentage."""
    lines = [line.strip() for line in text.splitlines()]
    return float(next(line for line in lines if line and not line.startswith("#")))


def floor_on_main() -> float | None:
    """The floor as ``main`` has it, or None where there is no git or no such file."""
    shown = subprocess.run(
        ["git", "show", f"main:{COVERAGE_FLOOR.relative_to(ROOT).as_posix()}"],
        cwd=ROOT, check=False, capture_output=True, text=True,
    )  # fmt: skip
    if shown.returncode != 0:
        return None
    return read_floor(shown.stdout)


def coverage_problem(figure: float | None, floor: float, on_main: float | None) -> str | None:
    """Why the coverage fails, or None. The floor may only rise, and nothing may drop below."""
    if figure is None:
        return "coverage.py printed no figure"
    if on_main is not None and floor < on_main:
        return f"the floor was lowered from {on_main}% on main to {floor}%; it may only rise"
    if figure < floor:
        return f"{figure}% is below the floor of {floor}%: test what you added"
    return None


def run_small_benchmark(totals: Totals, env: dict[str, str], out: TextIO | None = None) -> None:
    """`onestory synth` and `onestory bench` at a small size: they must run, and find people.

    Fails only if a command fails or the search finds almost nobody; times are printed.
    """
    name = "small synthetic county and benchmark on PostgreSQL"
    onestory = str(BIN / "onestory")
    with tempfile.TemporaryDirectory(prefix="onestory-bench-") as folder:
        truth = str(Path(folder) / "truth.jsonl")
        steps = [
            [onestory, "migrate", "--no-input", "-v", "0"],
            [onestory, "synth", "--persons", "2000", "--seed", "1", "--truth", truth],
        ]
        banner(name, out)
        stderr = subprocess.STDOUT if out else None
        for step in steps:
            done = subprocess.run(step, cwd=ROOT, env=env, check=False, stdout=out, stderr=stderr)
            if done.returncode != 0:
                totals.failing_stages.append(name)
                return
        bench = [
            onestory, "bench", "--json", "--truth", truth, "--searches", "200",
            "--clients", "10", "--page-requests", "40", "--referrals", "10",
            "--max-seconds", "60",
        ]  # fmt: skip
        result = subprocess.run(bench, cwd=ROOT, env=env, check=False, capture_output=True)
        (out or sys.stderr).write(result.stderr.decode(errors="replace"))
        print(result.stdout.decode(errors="replace"), file=out, flush=True)
        problem = _absurd(result.stdout) if result.returncode == 0 else "bench failed"
        if problem:
            print(f"--- {name}: {problem}", file=out, flush=True)
            totals.failing_stages.append(name)


def _absurd(output: bytes) -> str | None:
    """Why the benchmark's figures cannot be right, or None."""
    try:
        figures = json.loads(output)
    except ValueError:
        return "bench did not print one JSON object"
    recall = figures.get("search", {}).get("recall_at_5")
    if recall is None or recall < 0.5:
        return f"search found almost nobody (recall@5 {recall})"
    return None


def sqlite_lane(totals: Totals, env: dict[str, str], extra: list[str]) -> None:
    """Step 2: every unit and integration test on SQLite, then the awkward moments."""
    run_covered_pytest(
        "unit and integration tests on SQLite, under coverage",
        ["tests/unit", "tests/integration"],
        totals,
        env,
        extra,
    )
    for moment in AWKWARD_MOMENTS:
        run_pytest(
            f"date-sensitive tests on SQLite as if it were {moment}",
            DATE_SENSITIVE,
            totals,
            env,
            [f"--today={moment}", *extra],
        )


def postgresql_lane(
    totals: Totals, env: dict[str, str], extra: list[str], out: TextIO | None = None
) -> None:
    """Steps 3 and 4: a throwaway cluster, the tests and browser tests on it, the benchmark."""
    banner("starting a throwaway PostgreSQL cluster", out)
    try:
        with running_cluster() as cluster:
            # The owner role makes and migrates the test database; the tests run as the runtime
            # role, which owns nothing (tests/conftest.py).
            print(f"PostgreSQL at {cluster.url} (owner {cluster.owner_url})", file=out, flush=True)
            pg_env = {**env, **cluster.environment()}
            owner_env = {**env, "DATABASE_URL": cluster.owner_url}
            makemigrations_check = [str(BIN / "onestory"), "makemigrations", "--check", "--dry-run"]
            run_stage(
                "makemigrations --check on PostgreSQL", makemigrations_check, totals, owner_env, out
            )
            run_pytest(
                "integration and browser tests on PostgreSQL",
                ["tests/integration", "tests/browser"],
                totals,
                pg_env,
                extra,
                out,
            )
            run_small_benchmark(totals, pg_env, out)
    except Exception as problem:  # reported as the lane's failure, never lost
        print(f"--- the PostgreSQL lane stopped: {problem!r}", file=out, flush=True)
        totals.failing_stages.append("PostgreSQL lane")
        return
    print("PostgreSQL cluster stopped and removed", file=out, flush=True)


def main(extra: list[str]) -> int:
    totals = Totals()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("DATABASE_OWNER_URL", None)

    run_stage("ruff check", [str(BIN / "ruff"), "check", "."], totals, env)
    run_stage("ruff format --check", [str(BIN / "ruff"), "format", "--check", "."], totals, env)
    run_stage("import-linter: the floors", [str(BIN / "lint-imports"), "--no-cache"], totals, env)
    run_stage("mypy over core, audit, accounts and access", [str(BIN / "mypy")], totals, env)
    makemigrations_check = [str(BIN / "onestory"), "makemigrations", "--check", "--dry-run"]
    run_stage("makemigrations --check on SQLite", makemigrations_check, totals, env)

    if os.environ.get("ONESTORY_TESTS_ONE_LANE") == "1":
        sqlite_lane(totals, env, extra)
        postgresql_lane(totals, env, extra)
    else:
        postgresql_totals = Totals()
        with tempfile.TemporaryFile("w+", prefix="onestory-postgresql-lane-") as log:
            banner("the PostgreSQL lane runs beside the SQLite one; its output follows them")
            lane = threading.Thread(
                target=postgresql_lane, args=(postgresql_totals, env, extra, log), daemon=True
            )
            lane.start()
            sqlite_lane(totals, env, extra)
            lane.join()
            log.seek(0)
            banner("the PostgreSQL lane, as it ran")
            sys.stdout.write(log.read())
            sys.stdout.flush()
        totals.add(postgresql_totals)

    banner("summary")
    if totals.failing_stages:
        print("failing stages: " + "; ".join(totals.failing_stages))
    print(f"onestory: {totals.passed} passed, {totals.failed} failed, {totals.skipped} skipped")
    if totals.passed == 0:
        print("no test ran")
        return 1
    return 1 if totals.failing_stages else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
