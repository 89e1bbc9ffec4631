"""Golden cases: the grader's whole report on each solution, normalised, equals its `.json` file.

Cases live at `cases/<challenge>/<verdict>__<situation>.py` (the convention of the solution
corpus, tests/expected_outcomes.py). `ARRAYDOJO_WRITE_GOLDEN=1` rewrites the `.json` files
from the current grader; review the diff before committing it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.catalog import load_catalog
from app.grading.grader import Grader
from app.grading.probes import FRESH_PROBE_NAMES
from app.labels import load_labels
from tests.expected_outcomes import expected_outcome, normalised_report

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(CASES_DIR.glob("*/*.py"))
WRITE = os.environ.get("ARRAYDOJO_WRITE_GOLDEN") == "1"


@pytest.mark.slow
@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem.partition('__')[2]}" for p in CASES])
def test_golden_case_report_is_exactly_the_expected_json(grader: Grader, path: Path) -> None:
    outcome = expected_outcome(path)
    report = grader.grade(outcome.challenge, path.read_text()).public_dict()
    actual = normalised_report(report, volatile_tests=FRESH_PROBE_NAMES)
    golden = path.with_suffix(".json")
    if WRITE:
        golden.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
    assert report["verdict"] == outcome.verdict, report["summary"]
    for criterion in outcome.ratings:
        rated = report["rubric"][criterion]
        assert outcome.allows(criterion, rated["rating"]), (criterion, rated)
    assert actual == json.loads(golden.read_text())


def test_every_golden_case_has_its_json_and_a_known_verdict() -> None:
    verdicts = {"accepted", "wrong_answer", "compile_error", "runtime_error", "time_limit_exceeded",
                "memory_limit_exceeded", "output_limit_exceeded"}
    assert CASES
    for path in CASES:
        assert path.with_suffix(".json").is_file(), path
        assert expected_outcome(path).verdict in verdicts, path
    assert not [p for p in CASES_DIR.glob("*/*.json") if not p.with_suffix(".py").is_file()]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=60,
                          check=False)


@pytest.mark.slow
def test_cli_grade_json_has_the_documented_shape() -> None:
    result = _cli("grade", "feature-statistics",
                  str(CASES_DIR / "feature-statistics" / "wrong_answer__wrong_axis.py"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["challenge"] == "feature-statistics"
    assert report["verdict"] == "wrong_answer"
    assert report["score"] is None
    assert set(report) >= {"challenge", "verdict", "summary", "tests", "rubric", "timing", "score_note"}
    assert all(set(t) >= {"name", "visible", "passed", "message"} for t in report["tests"])
    assert set(report["rubric"]) == {"vectorization", "numerical_stability", "axis_awareness", "broadcasting",
                                     "memory_efficiency"}
    hidden = [t for t in report["tests"] if not t["visible"]]
    assert hidden
    assert all(t["input"] is None and t["expected"] is None for t in hidden)


def test_cli_unknown_id_exits_2_with_did_you_mean(tmp_path: Path) -> None:
    solution = tmp_path / "s.py"
    solution.write_text("def softmax(z, axis=-1):\n    return z\n")
    result = _cli("grade", "softmx", str(solution))
    assert result.returncode == 2
    assert "No challenge 'softmx'. Did you mean 'softmax'?" in result.stderr


def test_cli_unreadable_file_exits_2() -> None:
    result = _cli("grade", "softmax", "/nonexistent/solution.py")
    assert result.returncode == 2
    assert "cannot read" in result.stderr


def test_cli_list_json_has_every_challenge() -> None:
    result = _cli("list", "--json")
    rows = json.loads(result.stdout)
    assert len(rows) == len(load_catalog())
    assert {"id", "lesson", "title", "function"} <= set(rows[0])


def test_cli_show_prints_statement_and_starter() -> None:
    result = _cli("show", "softmax")
    assert result.returncode == 0
    assert "# Softmax" in result.stdout
    assert "def softmax(z, axis=-1):" in result.stdout


@pytest.mark.slow
def test_cli_text_report_lists_tests_and_verdict() -> None:
    result = _cli("grade", "softmax", str(CASES_DIR / "softmax" / "runtime_error__exception_in_submission.py"))
    assert result.returncode == 0
    assert "RUNTIME ERROR" in result.stdout
    assert "FAIL" in result.stdout
    assert load_labels().explanations["not_rated"] in result.stdout
