"""Every host with AVX2 runs NumPy on OpenBLAS's Haswell kernels, in the grader and in every job alike."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import numpy as np
import pytest

from sandbox import Call, Job, Sandbox
from sandbox.blas import CORETYPE, _cpu_flags, pin_kernels


def _loaded_corename() -> str | None:
    """The kernels this process's OpenBLAS chose, when NumPy's bundled OpenBLAS says."""
    libraries = sorted((Path(np.__file__).parent.parent / "numpy.libs").glob("*openblas*.so"))
    for library in libraries:
        handle = ctypes.CDLL(str(library))
        for symbol in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
            if hasattr(handle, symbol):
                function = getattr(handle, symbol)
                function.restype = ctypes.c_char_p
                return str(function().decode())
    return None


def test_this_process_runs_the_pinned_kernels_on_an_avx2_host() -> None:
    if not {"avx2", "fma"} <= _cpu_flags() or os.environ.get("OPENBLAS_CORETYPE", CORETYPE) != CORETYPE:
        pytest.skip("no AVX2 here, or the operator chose other kernels")
    corename = _loaded_corename()
    if corename is None:
        pytest.skip("NumPy's BLAS does not say which kernels it runs")
    assert corename == CORETYPE  # imported through `app`, before anything loaded NumPy


def test_a_job_computes_bit_for_bit_what_the_grader_computes(sandbox: Sandbox) -> None:
    # Expected values come from the reference run in the grader's process, outputs from jobs: a
    # matrix product summed in another order by other kernels differs in its last bits.
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=(96, 80)), rng.normal(size=(80, 72))
    code = "import numpy as np\ndef product(a, b):\n    return a @ b\n"
    result = sandbox.run(Job(code=code, function="product", calls=(Call((a, b)),)))
    assert result.outcome == "ok", result.message
    assert np.array_equal(result.calls[0].value, a @ b)


def test_an_operators_choice_stands_and_a_late_call_changes_nothing() -> None:
    chosen = {"OPENBLAS_CORETYPE": "Zen"}
    assert pin_kernels(chosen) is False
    assert chosen == {"OPENBLAS_CORETYPE": "Zen"}
    untouched: dict[str, str] = {}
    assert pin_kernels(untouched) is False  # NumPy is loaded in this process: too late to ask
    assert untouched == {}
