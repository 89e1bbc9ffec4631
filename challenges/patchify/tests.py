"""Cases for patchify: worked examples, p at both extremes, and non-square images and grids."""

import numpy as np

from app.cases import Case, SizedInput


def _images(rng: np.random.Generator, n: int, h: int, w: int) -> np.ndarray:
    # Distinct values everywhere, so any mix-up in patch or pixel order changes the output.
    return rng.permutation(n * h * w).reshape(n, h, w).astype(np.float64) / 10.0


def cases() -> list[Case]:
    rng = np.random.default_rng(20261202)
    return [
        Case(
            "one 4x4 image, p = 2",
            args=(np.arange(16.0).reshape(1, 4, 4), 2),
            visible=True,
            category="example",
            expected=np.array([[[0.0, 1.0, 4.0, 5.0], [2.0, 3.0, 6.0, 7.0],
                                [8.0, 9.0, 12.0, 13.0], [10.0, 11.0, 14.0, 15.0]]]),
        ),
        Case("two 2x4 images, p = 2", args=(np.arange(16.0).reshape(2, 2, 4), 2), visible=True,
             category="example"),
        Case("single 6x6 image, p = 3", args=(_images(rng, 1, 6, 6), 3), category="basic"),
        Case("p = 1: every pixel is a patch", args=(_images(rng, 3, 3, 5), 1), category="edge"),
        Case("p = H = W: one patch per image", args=(_images(rng, 2, 4, 4), 4), category="edge"),
        Case("p = H on a wide image: one row of patches", args=(_images(rng, 2, 4, 12), 4), category="edge"),
        Case("p = W on a tall image: one column of patches", args=(_images(rng, 2, 9, 3), 3), category="edge"),
        Case("tall images, H != W", args=(_images(rng, 3, 12, 6), 3), category="axis"),
        Case("wide images, H != W", args=(_images(rng, 2, 6, 15), 3), category="axis"),
        Case("patch grid of 2 rows by 3 columns", args=(_images(rng, 4, 4, 6), 2), category="axis"),
        Case("batch of 8 random 16x16 images, p = 4", args=(rng.normal(size=(8, 16, 16)), 4),
             category="random"),
        Case("batch of 5 random 12x20 images, p = 4", args=(rng.normal(size=(5, 12, 20)), 4),
             category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n images of 16x16 cut into 4x4 patches: the work grows linearly with n."""
    return SizedInput(args=(rng.normal(size=(n, 16, 16)), 4))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n // 8 images of n x n cut into 4x4 patches: a loop over images or over patches grows with n."""
    return SizedInput(args=(rng.normal(size=(max(2, n // 8), n, n)), 4))
