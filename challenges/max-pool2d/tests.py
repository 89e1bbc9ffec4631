"""Cases for max-pool2d: worked examples, disjoint and overlapping windows, k == 1, gaps when
stride > k, leftover rows, non-square images, integer inputs and random batches."""

import numpy as np

from app.cases import Case, SizedInput

EXAMPLE = np.array([[[[1.0, 2.0, 0.0, 5.0], [3.0, 4.0, 1.0, 1.0], [0.0, 0.0, 7.0, 2.0], [6.0, 1.0, 3.0, 8.0]]]])


def cases() -> list[Case]:
    rng = np.random.default_rng(20261202)

    def normal(*shape):
        return rng.normal(size=shape)

    return [
        Case("disjoint 2 x 2 windows (stride == k)", args=(EXAMPLE, 2, 2), visible=True, category="example",
             expected=np.array([[[[4.0, 5.0], [6.0, 8.0]]]])),
        Case("overlapping 3 x 3 windows, stride 1", args=(EXAMPLE, 3, 1), visible=True, category="example",
             expected=np.array([[[[7.0, 7.0], [7.0, 8.0]]]])),
        Case("stride == k on a random batch", args=(normal(2, 3, 8, 8), 2, 2), category="basic"),
        Case("overlapping windows: k = 3, stride 2", args=(normal(2, 2, 9, 9), 3, 2), category="edge"),
        Case("overlapping windows: k = 2, stride 1", args=(normal(1, 3, 5, 6), 2, 1), category="edge"),
        Case("k == 1 returns x", args=(normal(2, 2, 4, 5), 1, 1), category="edge"),
        Case("k == 1 with stride 2 subsamples", args=(normal(1, 2, 5, 7), 1, 2), category="edge"),
        Case("stride > k leaves gaps", args=(normal(2, 1, 10, 10), 2, 3), category="edge"),
        Case("leftover rows and columns are dropped", args=(normal(1, 2, 7, 9), 2, 2), category="edge"),
        Case("window as large as the image gives 1 x 1", args=(normal(3, 2, 4, 4), 4, 1), category="edge"),
        Case("H != W: a 6 x 9 image", args=(normal(2, 3, 6, 9), 3, 3), category="axis"),
        Case("H != W with overlap: 9 x 5, k = 3, stride 2", args=(normal(2, 2, 9, 5), 3, 2), category="axis"),
        Case("negative values only (the maximum is not 0)", args=(-1.0 - np.abs(normal(1, 2, 6, 6)), 3, 3),
             category="edge"),
        Case("whole-number image: equal values tie for the maximum",
             args=(rng.integers(-3, 3, size=(2, 2, 6, 6)).astype(np.float64), 2, 2), category="edge"),
        Case("single image and channel", args=(normal(1, 1, 5, 5), 2, 1), category="edge"),
        Case("random batch of 4, 5 channels, 16 x 12, k = 3, stride 2", args=(normal(4, 5, 16, 12), 3, 2),
             category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """A batch of n 8-channel 32 x 32 images, 2 x 2 windows, stride 2."""
    return SizedInput(args=(rng.normal(size=(n, 8, 32, 32)), 2, 2))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """Batch, channels and the image grow with n; the 3 x 3 window and the stride do not.

    A loop over images, channels or output positions runs more often at the larger size;
    a loop over the nine window offsets runs nine times at both.
    """
    return SizedInput(args=(rng.normal(size=(n // 8, n // 8, n // 2, n // 2)), 3, 2))
