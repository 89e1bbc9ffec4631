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


def test_memory_held_outside_the_job_process_counts_through_its_cgroup() -> None:
    from app.grading.memory import Baseline, trusted_peak_bytes
    from sandbox import RunResult

    baseline = Baseline(rss_bytes=50 << 20, group_bytes=60 << 20)
    # the job process stayed small; a child it never reaped held 200 MiB more
    result = RunResult(outcome="ok", job_peak_rss_bytes=55 << 20, peak_memory_bytes=260 << 20)
    assert trusted_peak_bytes(result, baseline) == 200 << 20
    assert trusted_peak_bytes(RunResult(outcome="ok", job_peak_rss_bytes=55 << 20), baseline) == 5 << 20
    assert trusted_peak_bytes(RunResult(outcome="ok"), baseline) is None
