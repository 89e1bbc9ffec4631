"""Cases for nms: a worked example, n == 0, a single box, identical boxes, touching boxes,
thresholds 0 and 1, an IoU exactly at the threshold, equal scores, a removed box that
removes nothing, and random clusters of detections."""

import numpy as np

from app.cases import Case, SizedInput


def _clustered(rng: np.random.Generator, n: int, objects: int, spread: float = 0.5) -> tuple[np.ndarray, ...]:
    """n boxes scattered around `objects` random objects (corners jittered by up to `spread` times the size)."""
    corner = rng.uniform(0.0, 100.0, size=(objects, 2))
    size = rng.uniform(5.0, 20.0, size=(objects, 2))
    which = rng.integers(0, objects, size=n)
    jitter = spread * rng.uniform(-0.5, 0.5, size=(n, 4)) * np.tile(size[which], 2)
    lo = corner[which] + jitter[:, :2]
    hi = corner[which] + size[which] + jitter[:, 2:]
    return np.hstack([lo, np.maximum(hi, lo + 0.5)]), rng.uniform(0.0, 1.0, size=n)


def _far_clusters(rng: np.random.Generator, n: int, objects: int = 4) -> tuple[np.ndarray, ...]:
    """n boxes around `objects` objects 100 apart; every box of a cluster overlaps its best box by IoU > 0.7."""
    which = np.arange(n) % objects
    base = np.stack([which * 100.0, np.zeros(n), which * 100.0 + 10.0, np.full(n, 10.0)], axis=1)
    return base + rng.uniform(-0.4, 0.4, size=(n, 4)), rng.uniform(0.0, 1.0, size=n)


def _whole_boxes(rng: np.random.Generator, n: int) -> np.ndarray:
    """n boxes with whole-number corners (as floats) and sides of 1 to 7."""
    corner = rng.integers(0, 20, size=(n, 2))
    return np.hstack([corner, corner + rng.integers(1, 8, size=(n, 2))]).astype(np.float64)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261206)
    example = np.array([[0.0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 4]])
    chain = np.array([[0.0, 0, 10, 10], [4, 0, 14, 10], [8, 0, 18, 10], [12, 0, 22, 10]])
    touching = np.array([[0.0, 0, 5, 5], [5, 0, 10, 5], [0, 5, 5, 10], [2, 2, 3, 3]])
    at_half = np.array([[0.0, 0, 3, 1], [1, 0, 4, 1], [2, 0, 5, 1]])  # neighbours: IoU 2 / 4 = 0.5 exactly
    same = np.array([[1.0, 1, 4, 5]] * 3 + [[10.0, 10, 12, 12]])
    return [
        Case("four boxes, threshold 0.5", args=(example, np.array([0.8, 0.9, 0.7, 0.6]), 0.5), visible=True,
             category="example", expected=np.array([1, 2, 3])),
        Case("a removed box removes nothing (a chain of overlaps)", args=(chain, np.array([0.9, 0.8, 0.7, 0.6]), 0.3),
             visible=True, category="example", expected=np.array([0, 2])),
        Case("no boxes (n == 0): an empty int array", args=(np.zeros((0, 4)), np.zeros(0), 0.5), category="edge",
             expected=np.zeros(0, dtype=np.intp)),
        Case("a single box", args=(np.array([[2.0, 3.0, 4.5, 8.0]]), np.array([0.3]), 0.5), category="edge"),
        Case("identical boxes keep the first by score", args=(same, np.array([0.2, 0.9, 0.5, 0.1]), 0.5),
             category="edge"),
        Case("identical boxes, threshold 1 removes nothing", args=(same, np.array([0.2, 0.9, 0.5, 0.1]), 1.0),
             category="edge", expected=np.array([1, 2, 0, 3])),
        Case("touching boxes have IoU 0: threshold 0 keeps them", args=(touching, np.array([0.5, 0.6, 0.7, 0.4]), 0.0),
             category="edge"),
        Case("threshold 0 removes any overlap", args=(chain, np.array([0.6, 0.9, 0.7, 0.8]), 0.0), category="edge"),
        Case("IoU exactly at the threshold is kept", args=(at_half, np.array([0.9, 0.8, 0.7]), 0.5), category="edge",
             expected=np.array([0, 1, 2])),
        Case("equal scores: the smaller index first", args=(same, np.array([0.5, 0.5, 0.5, 0.5]), 0.5),
             category="edge", expected=np.array([0, 3])),
        Case("equal scores among overlapping boxes", args=(chain, np.array([0.4, 0.7, 0.7, 0.7]), 0.2),
             category="edge"),
        Case("seven boxes, some overlapping (boxes are rows)", args=(*_clustered(rng, 7, 3), 0.4), category="axis"),
        Case("three objects, twelve boxes", args=(*_clustered(rng, 12, 3, 0.3), 0.5), category="axis"),
        Case("whole-number coordinates", args=(_whole_boxes(rng, 15), rng.uniform(size=15), 0.3), category="basic"),
        Case("random: 60 boxes around 8 objects, threshold 0.5", args=(*_clustered(rng, 60, 8), 0.5),
             category="random"),
        Case("random: 200 boxes around 20 objects, threshold 0.3", args=(*_clustered(rng, 200, 20), 0.3),
             category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n boxes around n // 20 objects, threshold 0.5."""
    return SizedInput(args=(*_clustered(rng, n, max(1, n // 20)), 0.5))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n boxes around four far-apart objects: four are kept at any n, so only loops over boxes grow."""
    return SizedInput(args=(*_far_clusters(rng, n), 0.5))
