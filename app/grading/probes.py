"""Stability and axis probes a submission cannot recognise: drawn from fresh randomness for every grade.

A fixed probe (logits near 1000) can be spotted by its values, and a probe whose rows all sit
at one magnitude misses a shift by the global max. The fresh probe shifts an ordinary case's
input by offsets of mixed sign and magnitude, one per slice (softmax: one row near +1000,
another near -4000; one slice always at the top of the range and one at its bottom), and its
expected answer is the reference's on that same input. The tops are set past what a wider
float hides: np.longdouble's exp overflows near 11356, so softmax's reaches 50000.
Switched on per challenge by `[rubric.offset_probe]` in challenge.toml.
"""

from __future__ import annotations

import secrets
from dataclasses import replace

import numpy as np

from app.cases import Case
from app.catalog import AxisProbe, OffsetProbe

OFFSET_PROBE_NAME = "large offsets of mixed sign and magnitude across the batch (drawn for this grade)"
AXIS_PROBE_NAME = "an input of a rank and axis drawn for this grade"
FRESH_PROBE_NAMES = (OFFSET_PROBE_NAME, AXIS_PROBE_NAME)  # their figures differ from grade to grade


def offset_probe(config: OffsetProbe, cases: list[Case], *, seed: int | None = None) -> Case:
    """A new hidden stability case; `seed` only for tests: graders draw it from the OS's randomness."""
    rng = np.random.default_rng(secrets.randbits(64) if seed is None else seed)
    base = next(c for c in cases if c.name == config.case)
    first = base.args[config.arguments[0]]
    offsets = _offsets(np.asarray(first).shape, config, rng)
    args = list(base.args)
    for index in config.arguments:
        args[index] = np.asarray(args[index], dtype=np.float64) + offsets
    return replace(base, name=OFFSET_PROBE_NAME, args=tuple(args), category="stability", visible=False,
                   expected=None, atol=config.atol if config.atol is not None else base.atol)


def _offsets(shape: tuple[int, ...], config: OffsetProbe, rng: np.random.Generator) -> np.ndarray:
    """One offset per slice along the other axes, log-uniform in magnitude, signs mixed (both present)."""
    offset_shape = list(shape)
    offset_shape[config.constant_along] = 1
    low, high = np.log10(config.magnitudes[0]), np.log10(config.magnitudes[1])
    magnitudes = 10 ** rng.uniform(low, high, size=offset_shape)
    spread = magnitudes.reshape(-1)
    if spread.size >= 2:  # the whole range, every grade: one slice at its top (past long double's exp range
        top, bottom = rng.choice(spread.size, size=2, replace=False)  # for softmax), one at its bottom
        spread[top], spread[bottom] = config.magnitudes[1], config.magnitudes[0]
    signs = rng.choice([-1.0, 1.0], size=offset_shape)
    flat = signs.reshape(-1)
    if flat.size >= 2:  # at least one slice high and one low: a shift by the global max must show
        flat[0], flat[1] = 1.0, -1.0
        rng.shuffle(flat)
    offsets: np.ndarray = magnitudes * signs
    return offsets


def axis_probe(config: AxisProbe, *, seed: int | None = None) -> Case:
    """A new hidden axis case: a random rank (3 to 5), distinct side lengths, a middle axis.

    Fixed axis tests can be passed by spelling out each (rank, axis) pair they use; this one is
    drawn afresh for every grade, so only code that handles any axis passes it. The axis is never
    the first or the last: the fixed tests cover both, and only a middle axis shows every way a
    reduction's result can fail to line up (a divide by a sum taken without keepdims broadcasts
    correctly along axis 0, so a draw of axis 0 would pass it one grade and fail it the next).
    """
    rng = np.random.default_rng(secrets.randbits(64) if seed is None else seed)
    rank = int(rng.integers(config.ranks[0], config.ranks[1] + 1))
    shape = tuple(int(side) for side in rng.choice(np.arange(2, 2 + rank + 3), size=rank, replace=False))
    axis = int(rng.integers(1, rank - 1))  # neither end: with distinct sides, nothing lines up by chance
    if rng.random() < 0.5:
        axis -= rank  # the same axis, counted from the end
    return Case(AXIS_PROBE_NAME, args=(rng.normal(size=shape),), kwargs={config.argument: axis}, category="axis",
                visible=False)
