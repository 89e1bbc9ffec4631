"""Feedback texts are data with ids and severities; the timing object has its documented shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.grading.feedback import SEVERITIES, load_feedback
from app.grading.grader import Grader
from app.grading.timing import growth_exponent

GRADING = Path(__file__).resolve().parents[2] / "app" / "grading"


def test_every_feedback_file_has_an_id_severity_and_message() -> None:
    texts = load_feedback()
    assert len(texts) >= 15
    for feedback_id, (severity, message) in texts.items():
        assert feedback_id.split(".")[0] in {"vectorization", "numerical_stability", "axis_awareness",
                                             "broadcasting", "memory_efficiency"}
        assert severity in SEVERITIES
        assert message.strip()


def test_every_feedback_id_used_in_the_code_exists() -> None:
    source = "\n".join(p.read_text() for p in GRADING.glob("*.py"))
    used = set(re.findall(r'"((?:vectorization|numerical_stability|axis_awareness|broadcasting|memory_efficiency)'
                          r'\.[a-z0-9-]+)"', source))
    assert used
    assert used <= set(load_feedback())


def test_growth_exponent_is_the_log_log_slope() -> None:
    assert growth_exponent([10, 100, 1000], [1.0, 10.0, 100.0]) == pytest.approx(1.0)
    assert growth_exponent([10, 100, 1000], [1.0, 100.0, 10000.0]) == pytest.approx(2.0)
    assert growth_exponent([10], [1.0]) is None


@pytest.mark.slow
def test_timing_object_has_the_documented_keys_and_one_entry_per_size(grader: Grader) -> None:
    challenge = grader.catalog.get("zscore")
    report = grader.grade("zscore", challenge.reference_code)
    timing = report.timing
    assert timing is not None
    assert set(timing) >= {"sizes", "candidate_seconds", "reference_seconds", "naive_seconds", "ratio_to_reference",
                           "speedup_vs_naive", "growth_exponent", "source"}
    sizes = list(challenge.config.timing.sizes)
    assert timing["sizes"] == sizes
    for key in ("candidate_seconds", "reference_seconds", "naive_seconds", "ratio_to_reference", "speedup_vs_naive"):
        assert len(timing[key]) == len(sizes)
    assert all(t is not None and t > 0 for t in timing["candidate_seconds"])
    assert timing["source"] == "thread_time"
    skipped = [i for i, t in enumerate(timing["naive_seconds"]) if t is None]
    if skipped:  # a skipped naive size is said so
        assert any("naive loop not run" in note for note in timing["notes"])


@pytest.mark.slow
def test_wrong_answers_are_not_timed(grader: Grader) -> None:
    report = grader.grade("softmax", "import numpy as np\ndef softmax(z, axis=-1):\n    return np.exp(z)\n")
    assert report.verdict == "wrong_answer"
    assert report.timing is None


@pytest.mark.slow
def test_score_weights_the_ratings(grader: Grader) -> None:
    report = grader.grade("softmax", grader.catalog.get("softmax").naive_code)
    assert report.score is not None
    assert 0 < report.score < 100
