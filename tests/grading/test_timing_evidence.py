"""Evasions of the rubric's and the timing's evidence, graded through the real sandbox.

Each case in tests/grading/cases named after an evasion declares, besides its verdict (read by
test_golden_cases), what the evidence must still say: ratings, feedback fragments, timing notes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.grading.grader import Grader

CASES_DIR = Path(__file__).parent / "cases"
EVASIONS = [
    "loop_inside_map_is_flagged",
    "tracer_removed_is_still_flagged",
    "loop_in_worker_thread_is_flagged",
    "id_keyed_cache_does_not_speed_up_timing",
    "work_skipped_on_timing_inputs_is_caught",
    "mmap_allocation_counts_towards_peak",
    "clock_moved_into_warmup_is_caught",
    "clock_patching_is_caught",  # rebinding time.* no longer reaches the harness's clock
]


@pytest.mark.slow
@pytest.mark.parametrize("name", EVASIONS)
def test_evasion_does_not_fool_the_evidence(grader: Grader, name: str) -> None:
    case = CASES_DIR / name
    expected = json.loads((case / "expected.json").read_text())
    report = grader.grade(expected["challenge"], (case / "solution.py").read_text())
    assert report.verdict == expected["verdict"], report.summary
    assert report.rubric is not None
    for criterion, rating in expected.get("rubric", {}).items():
        assert report.rubric[criterion].rating == rating, (report.rubric[criterion], report.timing)
    for criterion, rating in expected.get("rubric_not", {}).items():
        assert report.rubric[criterion].rating != rating, report.rubric[criterion]
    for criterion, fragment in expected.get("feedback_contains", {}).items():
        messages = " ".join(item.message for item in report.rubric[criterion].feedback)
        assert fragment in messages, messages
    if "timing_notes_contain" in expected:
        assert report.timing is not None
        assert any(expected["timing_notes_contain"] in note for note in report.timing["notes"]), report.timing
    if "min_ratio_to_reference" in expected:
        assert report.timing is not None
        ratios = [r for r in report.timing["ratio_to_reference"] if r is not None]
        assert ratios, report.timing
        assert min(ratios) >= expected["min_ratio_to_reference"], report.timing
    if "timing_source" in expected:
        assert report.timing is not None
        assert report.timing["source"] == expected["timing_source"], report.timing
    if "min_ratio_to_reference_at_largest" in expected:
        assert report.timing is not None
        timed = [r for r in report.timing["ratio_to_reference"] if r is not None]
        assert timed, report.timing
        assert timed[-1] >= expected["min_ratio_to_reference_at_largest"], report.timing


def test_every_evasion_case_exists() -> None:
    assert all((CASES_DIR / name / "solution.py").exists() for name in EVASIONS)
