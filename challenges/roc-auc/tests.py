"""Cases for roc-auc: worked examples, ties, both kinds of labels, an absent class, and a large input."""

import numpy as np

from app.cases import Case, SizedInput


def _labels(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def _classifier(rng: np.random.Generator, n: int, decimals: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A weak classifier: positives score 0.8 higher on average; rounding makes ties."""
    y = (rng.random(n) < 0.3).astype(np.int64)
    scores = rng.normal(size=n) + 0.8 * y
    return y, (np.round(scores, decimals) if decimals is not None else scores)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261202)
    many_ties = _classifier(rng, 3000, decimals=1)
    large = _classifier(rng, 200_000, decimals=3)
    return [
        Case(
            "four samples, no ties",
            args=(_labels([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])),
            visible=True,
            category="example",
            expected=0.75,
        ),
        Case(
            "a positive tied with a negative counts one half",
            # Pairs (pos, neg): (0.5, 0.5) tie, (0.5, 0.2) win, (0.9, 0.5) win, (0.9, 0.2) win: 3.5 / 4.
            args=(_labels([0, 1, 0, 1]), np.array([0.5, 0.5, 0.2, 0.9])),
            visible=True,
            category="example",
            expected=0.875,
        ),
        Case("only positives raises", args=(_labels([1, 1, 1]), np.array([0.2, 0.5, 0.9])), visible=True,
             category="example", raises="ValueError"),
        Case("only negatives raises", args=(_labels([0, 0]), np.array([0.3, 0.1])), category="edge",
             raises="ValueError"),
        Case("no samples raises", args=(_labels([]), np.array([])), category="edge", raises="ValueError"),
        Case("all scores equal gives 0.5", args=(_labels([1, 0, 0, 1, 0]), np.full(5, 0.7)), category="edge",
             expected=0.5),
        Case("perfect separation gives 1.0", args=(_labels([0, 1, 0, 1, 1]), np.array([-2.0, 3.0, 0.1, 0.2, 5.0])),
             category="edge", expected=1.0),
        Case("perfectly inverted gives 0.0", args=(_labels([1, 0, 1, 0]), np.array([0.1, 0.9, 0.2, 0.8])),
             category="edge", expected=0.0),
        Case("boolean labels", args=(np.array([True, False, True, False, False]), np.array([0.9, 0.1, 0.4, 0.4, 0.6])),
             category="edge"),
        Case("one positive among many negatives", args=(_labels([0] * 9 + [1]), np.arange(10.0) % 4), category="edge"),
        Case("ties across both classes at every score",
             args=(_labels([1, 0, 1, 0, 1, 0, 0, 1]), np.array([1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0])),
             category="edge"),
        Case("integer scores", args=(_labels([0, 1, 1, 0, 1, 0, 1]), np.array([3, 5, 3, 1, 7, 5, 5])),
             category="edge"),
        Case("negative and very large scores", args=(_labels([1, 0, 1, 0]), np.array([-1e300, -1e300, 1e300, 1e-300])),
             category="edge"),
        Case("many ties: scores rounded to one decimal", args=many_ties, category="random"),
        Case("random 500 samples, no ties", args=_classifier(rng, 500), category="random"),
        Case("random boolean labels", args=(rng.random(400) < 0.5, rng.normal(size=400)), category="random"),
        Case("200,000 samples: comparing every pair would take 10 GB", args=large, category="timing"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n samples, 30% positive: at n = 10^6 this is the catalog's timing probe."""
    return SizedInput(args=_classifier(rng, n))
