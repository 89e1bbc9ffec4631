"""One family of BLAS kernels on every host, so a solution's grade does not depend on the machine.

NumPy's OpenBLAS chooses its kernels for the CPU it finds. An AVX-512 host sums a matrix product
in another order than an AVX2 host, so the last digits of outputs moved between machines, and
with them the error of unstable code, the expected values that feedback quotes and the cost
ratios. The golden reports, written on an AVX2 host, failed on an AVX-512 one, and two worker
hosts of different generations would give one submission two reports. Every x86-64 host with
AVX2 and FMA therefore gets OpenBLAS's Haswell kernels. The executors inherit the setting (the
pool passes OPENBLAS_CORETYPE on). On other hosts OpenBLAS keeps its own choice.

OpenBLAS reads the variable when it is loaded, that is, when NumPy is first imported. So this
module imports nothing but the standard library, and `sandbox` calls `pin_kernels` before
anything else.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import MutableMapping
from pathlib import Path

CORETYPE = "Haswell"
_NEEDED_FLAGS = frozenset({"avx2", "fma"})


def pin_kernels(environ: MutableMapping[str, str] = os.environ) -> bool:
    """Ask for the Haswell kernels, unless the operator chose others or NumPy is loaded already.

    Returns whether the variable now names them.
    """
    if "OPENBLAS_CORETYPE" in environ:
        return environ["OPENBLAS_CORETYPE"] == CORETYPE
    if "numpy" in sys.modules or platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    if not _NEEDED_FLAGS.issubset(_cpu_flags()):
        return False  # Haswell kernels would be illegal instructions here
    environ["OPENBLAS_CORETYPE"] = CORETYPE
    return True


def _cpu_flags() -> frozenset[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()
