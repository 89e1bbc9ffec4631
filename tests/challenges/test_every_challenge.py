"""For every challenge, through the real sandbox: reference and naive accepted, starter not, corpus as named."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalog import load_catalog
from app.grading.grader import Grader

IDS = load_catalog().ids
SOLUTIONS = Path(__file__).resolve().parent / "solutions"
CORPUS = sorted(SOLUTIONS.glob("*/*.py"))


@pytest.mark.parametrize("challenge_id", IDS)
def test_reference_is_accepted(grader: Grader, challenge_id: str) -> None:
    challenge = grader.catalog.get(challenge_id)
    report = grader.grade(challenge_id, challenge.reference_code)
    assert report.verdict == "accepted", report.summary
    assert len(report.tests) >= 5


@pytest.mark.parametrize("challenge_id", IDS)
def test_naive_loop_is_accepted(grader: Grader, challenge_id: str) -> None:
    report = grader.grade(challenge_id, grader.catalog.get(challenge_id).naive_code)
    assert report.verdict == "accepted", report.summary


@pytest.mark.parametrize("challenge_id", IDS)
def test_starter_is_not_accepted(grader: Grader, challenge_id: str) -> None:
    report = grader.grade(challenge_id, grader.catalog.get(challenge_id).starter)
    assert report.verdict != "accepted"
    assert "NotImplementedError" in report.summary


@pytest.mark.parametrize("challenge_id", IDS)
def test_every_challenge_has_visible_examples_and_hidden_tests(grader: Grader, challenge_id: str) -> None:
    cases, _ = grader.cases_and_expected(grader.catalog.get(challenge_id))
    assert any(c.visible for c in cases)
    assert sum(not c.visible for c in cases) >= 4


@pytest.mark.parametrize("path", CORPUS, ids=[f"{p.parent.name}/{p.stem}" for p in CORPUS])
def test_solution_corpus_gets_the_verdict_its_name_says(grader: Grader, path: Path) -> None:
    expected_verdict = path.stem.split("__")[0]
    report = grader.grade(path.parent.name, path.read_text())
    assert report.verdict == expected_verdict, report.summary
    if expected_verdict == "wrong_answer":
        failing = [t for t in report.tests if not t.passed]
        assert failing
        assert all(t.name and t.message for t in failing)
        assert failing[0].name in report.summary
