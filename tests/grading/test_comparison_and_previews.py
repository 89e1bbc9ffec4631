"""Whatever a submission returns, the comparison gives a message and the preview stays small."""

from __future__ import annotations

import numpy as np
import pytest

from app.catalog import Catalog
from app.grading.preview import PREVIEW_CHARS, preview
from app.grading.verdict import Expected, judge_case
from sandbox import CallResult


def _nested(depth: int) -> list[object]:
    value: list[object] = [1.5]
    for _ in range(depth):
        value = [value, value]
    return value


HOSTILE_RESULTS = {
    "a 400-digit integer": 10**400,
    "a 4000-digit negative integer": -(10**3999),
    "lists nested 30 deep": _nested(30),
    "a dict with int keys": {1: 2, 3: [4.0]},
    "bytes": b"\x00" * 10,
    "a complex scalar": complex(1e308, -1e308),
    "float16 array": np.ones((3, 3), dtype=np.float16),
    "complex64 array": np.ones((3,), dtype=np.complex64),
    "uint64 extremes": np.array([2**64 - 1, 0], dtype=np.uint64),
    "a 0-d array": np.array(7.5),
    "an empty array": np.empty((0, 3)),
    "a bool": True,
    "None": None,
    "a huge string": "x" * 1_000_000,
    "a tuple of arrays": (np.zeros(2), np.zeros(3)),
}
EXPECTED_VALUES = {
    "an array": np.ones((2, 3)),
    "a float": 0.5,
    "an int": 3,
    "a dict of arrays": {"mean": np.zeros(2), "std": np.ones(2)},
    "a tuple": (np.zeros(2), 1),
    "a string": "ok",
}


@pytest.mark.parametrize("returned", HOSTILE_RESULTS, ids=list(HOSTILE_RESULTS))
@pytest.mark.parametrize("expected", EXPECTED_VALUES, ids=list(EXPECTED_VALUES))
def test_any_returned_value_gets_a_wrong_answer_with_a_message(catalog: Catalog, returned: str, expected: str) -> None:
    challenge = catalog.get("softmax")
    case = challenge.cases()[0]
    judgement = judge_case(challenge, case, Expected(value=EXPECTED_VALUES[expected]),
                           CallResult(status="ok", value=HOSTILE_RESULTS[returned]))
    assert not judgement.test.passed
    assert judgement.verdict == "wrong_answer"
    assert judgement.test.message
    assert len(judgement.test.actual or "") <= PREVIEW_CHARS


def test_huge_integer_where_a_float_is_expected_says_so(catalog: Catalog) -> None:
    challenge = catalog.get("cross-entropy")
    case = next(c for c in challenge.cases() if c.visible)
    judgement = judge_case(challenge, case, Expected(value=0.25), CallResult(status="ok", value=10**400))
    assert "too large for a float" in judgement.test.message


def test_preview_of_a_60_mb_array_is_short_and_built_from_a_slice() -> None:
    big = np.arange(7_500_000, dtype=np.float64)
    text = preview(big)
    assert len(text) <= PREVIEW_CHARS
    assert "(first entries)" in text
    assert "shape=(7500000,)" in text


@pytest.mark.parametrize("value", list(HOSTILE_RESULTS.values()), ids=list(HOSTILE_RESULTS))
def test_preview_is_bounded_for_any_value(value: object) -> None:
    assert len(preview(value)) <= PREVIEW_CHARS


def test_preview_names_a_huge_integer_by_its_size() -> None:
    assert preview(10**400) == "<an integer of about 401 digits>"
