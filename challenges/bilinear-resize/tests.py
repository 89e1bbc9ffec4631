"""Cases for bilinear-resize: worked up- and downscales, identity, thin images, channels, and
shapes where rows and columns scale differently."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261205)
    square = np.array([[0.0, 1.0], [2.0, 3.0]])
    return [
        Case(
            "2 x 2 up to 4 x 4",
            args=(square, 4, 4),
            visible=True,
            category="example",
            # Source rows and columns: -0.25, 0.25, 0.75, 1.25, clipped to 0, 0.25, 0.75, 1.
            expected=np.array([[0.0, 0.25, 0.75, 1.0], [0.5, 0.75, 1.25, 1.5],
                               [1.5, 1.75, 2.25, 2.5], [2.0, 2.25, 2.75, 3.0]]),
        ),
        Case(
            "4 x 4 down to 2 x 2: the mean of each 2 x 2 block",
            args=(np.arange(16.0).reshape(4, 4), 2, 2),
            visible=True,
            category="example",
            expected=np.array([[2.5, 4.5], [10.5, 12.5]]),
        ),
        Case("same size is the identity", args=(rng.normal(size=(5, 7)), 5, 7), category="edge"),
        Case("a 1 x N image", args=(rng.normal(size=(1, 6)), 3, 9), category="edge"),
        Case("an N x 1 image", args=(rng.normal(size=(5, 1)), 8, 2), category="edge"),
        Case("a single pixel to 3 x 4", args=(np.array([[7.5]]), 3, 4), category="edge"),
        Case("down to a single pixel: the centre", args=(rng.normal(size=(6, 4)), 1, 1), category="edge"),
        Case("upscale by a non-integer factor", args=(rng.normal(size=(5, 5)), 8, 8), category="basic"),
        Case("downscale by a non-integer factor", args=(rng.normal(size=(9, 9)), 4, 4), category="basic"),
        Case("rows and columns scale differently", args=(rng.normal(size=(4, 9)), 7, 5), category="axis"),
        Case("upscale rows, downscale columns", args=(rng.normal(size=(3, 10)), 6, 4), category="axis"),
        Case("channels last, (H, W, 3)", args=(rng.normal(size=(4, 4, 3)), 6, 6), category="axis"),
        Case("channels last, non-square", args=(rng.normal(size=(5, 3, 2)), 4, 7), category="axis"),
        Case("one channel, (H, W, 1)", args=(rng.normal(size=(3, 4, 1)), 5, 2), category="edge"),
        Case("integer-valued pixels stay exact", args=(rng.integers(0, 256, size=(6, 6)).astype(np.float64), 12, 12),
             category="basic"),
        Case("random 48 x 64 x 3 to 100 x 30", args=(rng.random((48, 64, 3)), 100, 30), category="random"),
        Case("random 31 x 17 to 5 x 40", args=(rng.normal(size=(31, 17)), 5, 40), category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """An (n, n, 3) image resized to 1.5 n on each side."""
    return SizedInput(args=(rng.random((n, n, 3)), n + n // 2, n + n // 2))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """An (n, n + 1) grey image resized to (2n, 2n + 3): every loop over output pixels grows."""
    return SizedInput(args=(rng.random((n, n + 1)), 2 * n, 2 * n + 3))
