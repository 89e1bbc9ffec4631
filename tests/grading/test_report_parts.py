"""The grader tells each part of a report as soon as it is known, and the parts add up to the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.grading.grader import Grader
from app.grading.report import GradeReport

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"


def record(grader: Grader, code: str, mode: str = "submit") -> tuple[list[tuple[str, dict[str, object]]], GradeReport]:
    parts: list[tuple[str, dict[str, object]]] = []
    report = grader.grade("softmax", code, mode=mode,  # type: ignore[arg-type]
                          on_part=lambda name, so_far: parts.append((name, so_far.public_dict())))
    return parts, report


@pytest.mark.slow
def test_accepted_code_reports_tests_then_rubric_then_timing(grader: Grader) -> None:
    parts, report = record(grader, (SOFTMAX / "accepted__vectorized.py").read_text())
    assert [name for name, _ in parts] == ["tests", "rubric", "timing"]
    tests_part = parts[0][1]
    assert tests_part["verdict"] == "accepted"
    assert tests_part["timing"] is None  # told before timing ran, not after
    assert parts[-1][1] == report.public_dict()


def test_a_run_reports_its_tests_only(grader: Grader) -> None:
    parts, report = record(grader, (SOFTMAX / "accepted__vectorized.py").read_text(), mode="run")
    assert [name for name, _ in parts] == ["tests"]
    assert parts[0][1] == report.public_dict()


def test_a_syntax_error_reports_no_part_before_its_report(grader: Grader) -> None:
    parts, report = record(grader, "def softmax(:\n")
    assert parts == []
    assert report.error is not None
