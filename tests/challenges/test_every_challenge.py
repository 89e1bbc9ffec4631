"""For every challenge, through the real sandbox: reference and naive accepted, starter not, corpus as named."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalog import load_catalog
from app.grading.grader import Grader
from app.labels import load_labels
from tests.expected_outcomes import expected_outcome

IDS = load_catalog().ids
RED = ("warn", "fail")
SOLUTIONS = Path(__file__).resolve().parent / "solutions"
CORPUS = sorted(SOLUTIONS.glob("*/*.py"))


@pytest.mark.slow
@pytest.mark.parametrize("challenge_id", IDS)
def test_reference_is_accepted_with_no_warn_or_fail(grader: Grader, challenge_id: str) -> None:
    challenge = grader.catalog.get(challenge_id)
    report = grader.grade(challenge_id, challenge.reference_code)
    assert report.verdict == "accepted", report.summary
    assert len(report.tests) >= 5
    flagged = {name: [i.message for i in c.feedback] for name, c in report.rubric.items() if c.rating in RED}
    assert not flagged
    assert report.rubric["vectorization"].rating == "pass"
    assert report.timing is not None
    assert all(t is not None for t in report.timing["reference_seconds"])


@pytest.mark.slow
@pytest.mark.parametrize("challenge_id", IDS)
def test_naive_loop_is_accepted_and_flagged_on_vectorization(grader: Grader, challenge_id: str) -> None:
    report = grader.grade(challenge_id, grader.catalog.get(challenge_id).naive_code)
    assert report.verdict == "accepted", report.summary
    vectorization = report.rubric["vectorization"]
    assert vectorization.rating == "fail"
    assert vectorization.feedback[0].id == "vectorization.python-loop"
    assert vectorization.feedback[0].line is not None


@pytest.mark.slow
@pytest.mark.parametrize("challenge_id", IDS)
def test_starter_is_not_accepted_and_not_rated(grader: Grader, challenge_id: str) -> None:
    report = grader.grade(challenge_id, grader.catalog.get(challenge_id).starter)
    assert report.verdict != "accepted"
    assert "NotImplementedError" in report.summary
    assert report.score is None
    assert report.score_note == load_labels().explanations["not_rated"]
    # Nothing that depends on correct output may be credited; what is shown at all is provisional.
    assert not [name for name, c in report.rubric.items() if c.rating == "pass"], report.rubric
    assert all(c.provisional for c in report.rubric.values() if c.rating != "n/a"), report.rubric


@pytest.mark.parametrize("challenge_id", IDS)
def test_every_challenge_has_visible_examples_and_hidden_tests(grader: Grader, challenge_id: str) -> None:
    cases, _ = grader.cases_and_expected(grader.catalog.get(challenge_id))
    assert any(c.visible for c in cases)
    assert sum(not c.visible for c in cases) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS, ids=[f"{p.parent.name}/{p.stem}" for p in CORPUS])
def test_solution_corpus_gets_the_verdict_and_ratings_its_name_says(grader: Grader, path: Path) -> None:
    outcome = expected_outcome(path)
    expected_verdict, header = outcome.verdict, outcome.ratings
    report = grader.grade(outcome.challenge, path.read_text())
    assert report.verdict == expected_verdict, report.summary
    assert (report.score is None) == (expected_verdict != "accepted")
    for criterion in header:
        assert outcome.allows(criterion, report.rubric[criterion].rating), (criterion, report.rubric[criterion])
    if expected_verdict == "accepted" and not header:  # a correct, vectorized, stable solution: no red flags
        assert not [name for name, c in report.rubric.items() if c.rating in RED], report.rubric
    if expected_verdict == "wrong_answer":
        failing = [t for t in report.tests if not t.passed]
        assert failing
        assert all(t.name and t.message for t in failing)
        assert failing[0].name in report.summary
