"""Evasions of the rubric's and the timing's evidence, graded through the real sandbox.

Each evasion is a golden case (`tests/grading/cases/<challenge>/<verdict>__<evasion>.py`, its
verdict and ratings checked by test_golden_cases); `tests/grading/evasions/<evasion>.json` adds
what the golden report cannot pin down because it varies from run to run: feedback fragments,
timing notes, ratios and the timing's source.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.grading.grader import Grader
from tests.expected_outcomes import expected_outcome

GRADING = Path(__file__).parent
EVASIONS = sorted((GRADING / "evasions").glob("*.json"))
# Every key an evasion file may hold; a key outside this set would be a promise nothing checks.
READ_KEYS = {"case", "rubric_not", "feedback_contains", "timing_notes_contain", "min_ratio_to_reference",
             "timing_source", "min_ratio_to_reference_at_largest"}


@pytest.mark.slow
@pytest.mark.parametrize("evasion", EVASIONS, ids=[p.stem for p in EVASIONS])
def test_evasion_does_not_fool_the_evidence(grader: Grader, evasion: Path) -> None:
    expected = json.loads(evasion.read_text())
    unread = set(expected) - READ_KEYS
    assert not unread, f"{evasion.name} declares what this test never checks: {unread}"
    solution = GRADING / "cases" / f"{expected['case']}.py"
    outcome = expected_outcome(solution)
    report = grader.grade(outcome.challenge, solution.read_text())
    assert report.verdict == outcome.verdict, report.summary
    for criterion in outcome.ratings:
        assert outcome.allows(criterion, report.rubric[criterion].rating), (report.rubric[criterion], report.timing)
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


def test_every_evasion_names_a_golden_case() -> None:
    assert EVASIONS
    for evasion in EVASIONS:
        case = json.loads(evasion.read_text())["case"]
        assert (GRADING / "cases" / f"{case}.py").is_file(), evasion.name
