"""Checks read what runs: names through imports, aliases and getattr; probes drawn afresh per grade."""

from __future__ import annotations

import ast
import copy
from typing import Any

import numpy as np
import pytest

from app.catalog import Catalog
from app.grading.banned import find_banned
from app.grading.probes import AXIS_PROBE_NAME, OFFSET_PROBE_NAME, axis_probe, offset_probe
from app.grading.report import Verdict
from app.grading.static_checks import find_static
from app.grading.verdict import compare_case, expected_answer
from app.labels import load_labels
from sandbox import CallResult


def _materialised_lines(source: str) -> list[int]:
    return [f.line for f in find_static(ast.parse(source)) if f.id == "broadcasting.materialized"]


@pytest.mark.parametrize("source", [
    "from numpy import tile as t\ndef f(x, m):\n    return x - t(m, (3, 1))\n",
    "import numpy\nnp = numpy\ndef f(x, m):\n    return x - np.tile(m, (3, 1))\n",
    "import numpy as np\nrep = np.tile\ndef f(x, m):\n    return x - rep(m, (3, 1))\n",
    "import numpy as np\ndef f(x, m):\n    return x - getattr(np, 'ti' + 'le')(m, (3, 1))\n",
    "import numpy as np\ndef f(x, m):\n    return x - np.repeat(m[None], 3, axis=0).reshape(x.shape)\n",
    "import numpy as np\ndef f(x, m):\n    return x - np.array(np.broadcast_to(m, x.shape))\n",
    "import numpy as np\ndef f(x, m):\n    return x - np.ascontiguousarray(np.broadcast_to(m, x.shape))\n",
    "import numpy as np\ndef f(x, m):\n    full = np.broadcast_to(m, x.shape).copy()\n    return x - full\n",
], ids=["from-import alias", "module alias", "function alias", "getattr constant", "repeat-reshape",
        "array of broadcast_to", "ascontiguousarray of broadcast_to", "broadcast_to copy"])
def test_materialised_broadcast_is_found_however_it_is_spelt(source: str) -> None:
    assert _materialised_lines(source)


def test_broadcasting_by_itself_is_not_a_materialised_copy() -> None:
    assert not _materialised_lines("import numpy as np\ndef f(x, m):\n    return x - np.broadcast_to(m, x.shape)\n")


@pytest.mark.parametrize("source", [
    "from numpy import cov as c\ndef f(x):\n    return c(x)\n",
    "import numpy as np\ndef f(x):\n    return getattr(np, 'c' + 'ov')(x)\n",
    "import numpy as np\ndef f(x):\n    return getattr(np, ''.join(['c', 'o', 'v']))(x)\n",
    "import numpy\nn = numpy\ndef f(x):\n    return n.cov(x)\n",
], ids=["from-import alias", "getattr sum", "getattr join", "module alias"])
def test_banned_call_is_found_however_it_is_spelt(source: str) -> None:
    assert {u.name for u in find_banned(ast.parse(source), ("numpy.cov",))} == {"numpy.cov"}


def test_inverse_through_a_module_alias_is_found() -> None:
    source = "import numpy.linalg as la\ndef f(a):\n    return la.inv(a)\n"
    assert [u.name for u in find_banned(ast.parse(source), ("numpy.linalg.inv",))] == ["numpy.linalg.inv"]
    assert [f.id for f in find_static(ast.parse(source))] == ["numerical_stability.explicit-inverse"]


@pytest.mark.parametrize("source", [
    "from numpy._core import multiarray\n",
    "import numpy.core.multiarray\n",
    "from numpy.lib import _function_base_impl\n",
    "import importlib\nm = importlib.import_module('numpy.' + '_core')\n",
    "m = __import__('numpy._core')\n",
    "import numpy as np\nf = np.cov.__wrapped__\n",
], ids=["from _core", "numpy.core", "from lib import _private", "import_module", "__import__", "__wrapped__"])
def test_private_numpy_is_refused_in_every_challenge(source: str) -> None:
    uses = find_banned(ast.parse(source), ())
    assert uses
    assert all("private internals" in use.message for use in uses)


def test_public_numpy_is_not_private() -> None:
    source = "import numpy as np\nimport numpy.linalg\nfrom numpy.lib.stride_tricks import sliding_window_view\n" \
             "v = np.__version__\nk = np.float64.__name__\nm = np.ndarray.__matmul__\n"
    assert find_banned(ast.parse(source), ()) == []


def test_offset_probe_mixes_signs_and_magnitudes_and_changes_every_grade(catalog: Catalog) -> None:
    challenge = catalog.get("softmax")
    config = challenge.config.rubric.offset_probe
    assert config is not None
    cases = challenge.cases()
    base = next(c for c in cases if c.name == config.case).args[0]
    first, second = offset_probe(config, cases), offset_probe(config, cases)
    assert first.name == OFFSET_PROBE_NAME
    assert not first.visible
    assert first.category == "stability"
    shift = first.args[0] - base
    per_row = shift[:, 0]
    assert np.allclose(shift, per_row[:, None])  # constant along the softmax axis
    assert (per_row > 0).any()
    assert (per_row < 0).any()
    assert np.abs(per_row).min() >= config.magnitudes[0]
    assert np.abs(per_row).max() <= config.magnitudes[1]
    assert not np.array_equal(first.args[0], second.args[0])


def test_offset_probe_reaches_past_what_a_long_double_exp_can_hold(catalog: Catalog) -> None:
    # np.longdouble's exp overflows near 11356: a naive softmax in long double must meet a row beyond it
    for challenge_id in ("softmax", "cross-entropy"):
        challenge = catalog.get(challenge_id)
        config = challenge.config.rubric.offset_probe
        assert config is not None
        cases = challenge.cases()
        base = next(c for c in cases if c.name == config.case).args[0]
        for seed in range(20):
            shift = np.abs(offset_probe(config, cases, seed=seed).args[0] - base)
            assert shift.max() == pytest.approx(config.magnitudes[1])
            assert shift.max() > 12_000
            assert shift.min() == pytest.approx(config.magnitudes[0])


@pytest.mark.parametrize("challenge_id", ["zscore", "covariance-matrix", "cross-entropy", "softmax"])
def test_the_naive_loop_passes_every_offset_probe_it_may_draw(catalog: Catalog, challenge_id: str) -> None:
    # Our loops compute with shifted sums, more exactly than the reference at zscore's 1e8 offsets:
    # the probe's tolerance must not fail code for being more exact (it did, on one draw in seven).
    # Compared as the grader compares a case: the probe's own tolerance, else the challenge's.
    challenge = catalog.get(challenge_id)
    config = challenge.config.rubric.offset_probe
    assert config is not None
    reference, cases = challenge.reference(), challenge.cases()
    namespace: dict[str, Any] = {}
    exec(compile(challenge.naive_code, "naive.py", "exec"), namespace)  # our own trusted loop
    naive = namespace[challenge.config.function]
    for seed in range(150):
        probe = offset_probe(config, cases, seed=seed)
        with np.errstate(all="ignore"):
            expected = expected_answer(reference, probe)
            actual = naive(*copy.deepcopy(probe.args), **copy.deepcopy(probe.kwargs))
        problem, _ = compare_case(challenge, probe, expected, CallResult(status="ok", value=actual))
        assert problem is None, (seed, problem)


def test_a_probe_tolerance_set_for_rounding_still_fails_raw_moments(catalog: Catalog) -> None:
    challenge = catalog.get("zscore")
    config = challenge.config.rubric.offset_probe
    assert config is not None
    assert config.atol == pytest.approx(1e-6)
    cases = challenge.cases()

    def raw_moments(x: np.ndarray) -> np.ndarray:  # E[x^2] - E[x]^2: cancels catastrophically at 1e8
        mean = x.mean(axis=0)
        return (x - mean) / np.sqrt(np.maximum((x ** 2).mean(axis=0) - mean ** 2, 1e-300))

    for seed in range(30):
        probe = offset_probe(config, cases, seed=seed)
        expected = expected_answer(challenge.reference(), probe)
        with np.errstate(all="ignore"):
            actual = raw_moments(probe.args[0].copy())
        problem, _ = compare_case(challenge, probe, expected, CallResult(status="ok", value=actual))
        assert problem is not None


def test_every_verdict_has_a_label_and_an_explanation() -> None:
    for verdict in Verdict.__args__:  # type: ignore[attr-defined]
        assert load_labels().verdicts[verdict]
        assert load_labels().explanations[verdict]
    assert load_labels().explanations["not_rated"] == "Not rated: make the tests pass first."


def test_axis_probe_draws_a_rank_the_examples_never_show_and_a_middle_axis(catalog: Catalog) -> None:
    config = catalog.get("softmax").config.rubric.axis_probe
    assert config is not None
    drawn = [axis_probe(config, seed=seed) for seed in range(30)]
    assert all(case.name == AXIS_PROBE_NAME and not case.visible and case.category == "axis" for case in drawn)
    ranks = {case.args[0].ndim for case in drawn}
    assert ranks <= {3, 4, 5}
    assert {4, 5} <= ranks
    for case in drawn:
        shape, axis = case.args[0].shape, case.kwargs["axis"]
        assert len(set(shape)) == len(shape)  # non-square: a mixed-up axis shows
        assert 0 < axis % len(shape) < len(shape) - 1
    assert {case.kwargs["axis"] < 0 for case in drawn} == {True, False}
    assert {(case.args[0].ndim, case.kwargs["axis"] % case.args[0].ndim) for case in drawn} >= {(5, 1), (5, 3)}
