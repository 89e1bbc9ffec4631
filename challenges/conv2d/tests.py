"""Cases for conv2d: worked examples, stride, padding and both together, 1 x 1 and non-square
kernels, non-square images, a single channel, leftover rows a stride skips, and random batches."""

import numpy as np

from app.cases import Case, SizedInput


def _case(name, x, w, b, **fields):
    kwargs = fields.pop("kwargs", {})
    return Case(name, args=(x, w, b), kwargs=kwargs, **fields)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261201)
    grid = np.arange(9.0).reshape(1, 1, 3, 3)
    ones = np.ones((1, 1, 2, 2))

    def normal(*shape):
        return rng.normal(size=shape)

    return [
        _case(
            "3 x 3 image, 2 x 2 filter of ones",
            grid, ones, np.array([0.5]),
            visible=True, category="example",
            expected=np.array([[[[8.5, 12.5], [20.5, 24.5]]]]),
        ),
        _case(
            "stride 2 with padding 1",
            grid, ones, np.array([0.0]), kwargs={"stride": 2, "padding": 1},
            visible=True, category="example",
            expected=np.array([[[[0.0, 3.0], [9.0, 24.0]]]]),
        ),
        _case("kernel is not flipped (cross-correlation)",
              np.arange(16.0).reshape(1, 1, 4, 4), np.array([[[[1.0, 0.0], [0.0, -1.0]]]]), np.zeros(1),
              category="basic"),
        _case("stride 2", normal(2, 3, 7, 7), normal(4, 3, 3, 3), normal(4), kwargs={"stride": 2}, category="basic"),
        _case("padding 1 keeps a 3 x 3 convolution's size", normal(2, 2, 6, 6), normal(3, 2, 3, 3), normal(3),
              kwargs={"padding": 1}, category="basic"),
        _case("padding 2 on a small image", normal(1, 2, 3, 4), normal(2, 2, 3, 3), normal(2),
              kwargs={"padding": 2}, category="edge"),
        _case("stride 3 skips the leftover rows and columns", normal(2, 2, 10, 11), normal(2, 2, 3, 3), normal(2),
              kwargs={"stride": 3}, category="edge"),
        _case("stride 2 and padding 1 on an odd image", normal(2, 3, 9, 7), normal(5, 3, 3, 3), normal(5),
              kwargs={"stride": 2, "padding": 1}, category="edge"),
        _case("1 x 1 kernel mixes channels per pixel", normal(2, 4, 5, 6), normal(3, 4, 1, 1), normal(3),
              category="edge"),
        _case("KH != KW: a 2 x 3 kernel", normal(2, 3, 6, 7), normal(4, 3, 2, 3), normal(4), category="axis"),
        _case("KH != KW with stride 2 and padding 1: a 3 x 1 kernel", normal(1, 2, 6, 5), normal(3, 2, 3, 1),
              normal(3), kwargs={"stride": 2, "padding": 1}, category="edge"),
        _case("H != W: a 5 x 8 image, three channels in, two out", normal(3, 3, 5, 8), normal(2, 3, 3, 3),
              normal(2), category="axis"),
        _case("single input channel (C == 1)", normal(4, 1, 6, 6), normal(3, 1, 3, 3), normal(3), category="edge"),
        _case("kernel as large as the padded image gives 1 x 1", normal(2, 2, 3, 3), normal(3, 2, 5, 5), normal(3),
              kwargs={"padding": 1}, category="edge"),
        _case("single image, single filter", normal(1, 3, 5, 5), normal(1, 3, 3, 3), normal(1), category="edge"),
        _case("bias is per filter", np.zeros((2, 2, 4, 4)), normal(3, 2, 3, 3), np.array([1.0, -2.0, 3.5]),
              category="basic"),
        _case("random batch of 5, 4 channels to 6, 12 x 10, stride 2, padding 1", normal(5, 4, 12, 10),
              normal(6, 4, 3, 3), normal(6), kwargs={"stride": 2, "padding": 1}, category="random"),
        _case("random 5 x 5 kernels, padding 2", normal(3, 3, 9, 9), normal(4, 3, 5, 5), normal(4),
              kwargs={"padding": 2}, category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """A batch of n 3-channel 16 x 16 images through eight 3 x 3 filters, padding 1."""
    return SizedInput(args=(rng.normal(size=(n, 3, 16, 16)), rng.normal(size=(8, 3, 3, 3)), rng.normal(size=8)),
                      kwargs={"stride": 1, "padding": 1})


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """Batch, channels in and out, and the image all grow with n; the 3 x 3 kernel does not.

    A loop over images, filters, channels or output positions runs more often at the larger
    size; a loop over the nine kernel offsets runs nine times at both.
    """
    batch, channels, side = n // 8, n // 8, n // 2
    return SizedInput(
        args=(rng.normal(size=(batch, channels, side, side)), rng.normal(size=(channels, channels, 3, 3)),
              rng.normal(size=channels)),
        kwargs={"stride": 1, "padding": 1},
    )
