"""Golden cases: the real CLI grades each solution and its JSON says what expected.json says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.grading.grader import Grader

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_golden_case_gets_its_verdict_and_message(grader: Grader, case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text())
    report = grader.grade(expected["challenge"], (case / "solution.py").read_text())
    assert report.verdict == expected["verdict"], report.summary
    for fragment in expected["summary_contains"]:
        assert fragment in report.summary, report.summary
    if "failing_test" in expected:
        assert next(t.name for t in report.tests if not t.passed) == expected["failing_test"]
    if "error_line" in expected:
        assert report.error is not None
        assert report.error.line == expected["error_line"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=60,
                          check=False)


@pytest.mark.slow
def test_cli_grade_json_has_the_documented_shape() -> None:
    result = _cli("grade", "feature-statistics", str(Path(__file__).parent / "cases" / "wrong_axis" / "solution.py"),
                  "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["challenge"] == "feature-statistics"
    assert report["verdict"] == "wrong_answer"
    assert set(report) >= {"challenge", "verdict", "summary", "tests", "rubric", "timing"}
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
    assert len(rows) == 33
    assert {"id", "lesson", "title", "function"} <= set(rows[0])


def test_cli_show_prints_statement_and_starter() -> None:
    result = _cli("show", "softmax")
    assert result.returncode == 0
    assert "# Softmax" in result.stdout
    assert "def softmax(z, axis=-1):" in result.stdout


@pytest.mark.slow
def test_cli_text_report_lists_tests_and_verdict() -> None:
    result = _cli("grade", "softmax", str(Path(__file__).parent / "cases" / "exception_in_submission" / "solution.py"))
    assert result.returncode == 0
    assert "RUNTIME ERROR" in result.stdout
    assert "FAIL" in result.stdout
