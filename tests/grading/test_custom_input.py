"""Run on your own input: the typed text is read in the sandbox, never evaluated by the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalog import Catalog, Challenge
from app.grading.custom_input import CustomRunPublic, run_custom_input
from app.grading.grader import challenge_limits
from sandbox import Sandbox

VECTORIZED = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
              / "accepted__vectorized.py").read_text()


@pytest.fixture(scope="module")
def softmax(catalog: Catalog) -> Challenge:
    return catalog.get("softmax")


def try_input(sandbox: Sandbox, challenge: Challenge, text: str, code: str = VECTORIZED) -> CustomRunPublic:
    return run_custom_input(sandbox, challenge, code, text, limits=challenge_limits(challenge))


def test_matching_output_is_said_to_match(sandbox: Sandbox, softmax: Challenge) -> None:
    result = try_input(sandbox, softmax, "np.arange(6.0).reshape(2, 3), axis=0")
    assert result.matches is True
    assert result.yours == result.reference
    assert "shape=(2, 3)" in result.arguments


def test_wrong_output_is_said_to_differ_at_its_first_difference(sandbox: Sandbox, softmax: Challenge) -> None:
    zeros = "import numpy as np\ndef softmax(z, axis=-1):\n    return np.zeros_like(np.asarray(z, dtype=float))\n"
    result = try_input(sandbox, softmax, "[[1.0, 2.0, 3.0]]", code=zeros)
    assert result.matches is False
    assert "differs" in result.message
    assert "0.665241" in (result.reference or "")


@pytest.mark.parametrize("attack", [
    "__import__('os').system('touch /tmp/pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "(lambda: 1)()",
    "np.load('/etc/passwd')",
    "open('/etc/passwd').read()",
    "[x for x in range(10)]",
    "np.array([1]).tofile('/tmp/x')",
    "**{'a': 1}",
])
def test_cant_run_code_through_the_input(sandbox: Sandbox, softmax: Challenge, attack: str) -> None:
    result = try_input(sandbox, softmax, attack)
    assert result.input_error, attack
    assert result.yours is None
    assert result.reference is None


@pytest.mark.parametrize("huge", ["np.zeros((100000, 100000))", "np.arange(0, 1e12)", "np.ones(10**9)",
                                  "np.eye(10**6)", "np.linspace(0, 1, 10**10)", "np.full((10**5, 10**5), 1.0)"])
def test_cant_build_a_huge_array_through_the_input(sandbox: Sandbox, softmax: Challenge, huge: str) -> None:
    result = try_input(sandbox, softmax, huge)
    assert result.input_error, huge


def test_deep_nesting_is_refused_without_harm(sandbox: Sandbox, softmax: Challenge) -> None:
    result = try_input(sandbox, softmax, "[" * 5000 + "]" * 5000)
    assert result.input_error


def test_the_reference_runs_apart_from_the_candidates_code(sandbox: Sandbox, softmax: Challenge) -> None:
    """Code that patches NumPy when it loads cannot change the reference's answer it is compared with."""
    patching = ("import numpy as np\nnp.exp = lambda x, *a, **k: x * 0 + 1.0\n"
                "def softmax(z, axis=-1):\n    z = np.asarray(z, dtype=float)\n"
                "    e = np.exp(z)\n    return e / e.sum(axis=axis, keepdims=True)\n")
    result = try_input(sandbox, softmax, "[[1.0, 2.0, 3.0]]", code=patching)
    assert result.matches is False
    assert "0.665241" in (result.reference or "")


def test_an_input_the_reference_refuses_is_not_compared(sandbox: Sandbox, softmax: Challenge) -> None:
    result = try_input(sandbox, softmax, "'not numbers'")
    assert result.matches is None
    assert "reference does not accept" in result.message
    assert "line" not in result.message  # nothing of the reference's source or lines


def test_your_exception_is_shown_with_its_line(sandbox: Sandbox, softmax: Challenge) -> None:
    crashing = "def softmax(z, axis=-1):\n    return 1 / 0\n"
    result = try_input(sandbox, softmax, "[[1.0, 2.0]]", code=crashing)
    assert result.matches is False
    assert result.error is not None
    assert "ZeroDivisionError" in result.error
    assert "line 2" in result.error
