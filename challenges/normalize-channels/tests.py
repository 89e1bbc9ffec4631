"""Cases for normalize-channels: worked example, C == 1, uint8 pixels, and a square probe for axis mix-ups."""

import numpy as np

from app.cases import Case, SizedInput

# Per-channel statistics on the 0-255 scale, close to the usual ImageNet values.
_RGB_MEAN = np.array([123.675, 116.28, 103.53])
_RGB_STD = np.array([58.395, 57.12, 57.375])


def cases() -> list[Case]:
    rng = np.random.default_rng(20261203)
    return [
        Case(
            "one image of two RGB pixels",
            args=(np.array([[[[0.0, 100.0, 300.0], [200.0, 0.0, 100.0]]]]),
                  np.array([100.0, 50.0, 200.0]), np.array([50.0, 25.0, 100.0])),
            visible=True,
            category="example",
            expected=np.array([[[[-2.0, 2.0, 1.0], [2.0, -2.0, -1.0]]]]),
        ),
        Case("two 3x4 RGB images", args=(rng.uniform(0, 255, size=(2, 3, 4, 3)), _RGB_MEAN, _RGB_STD),
             visible=True, category="example"),
        Case("one channel (grayscale)", args=(rng.uniform(0, 1, size=(3, 4, 5, 1)), np.array([0.5]),
                                             np.array([0.25])), category="edge"),
        Case("single pixel", args=(np.array([[[[10.0, 20.0, 30.0]]]]), np.array([1.0, 2.0, 3.0]),
                                   np.array([3.0, 6.0, 9.0])), category="edge"),
        Case("no images", args=(np.zeros((0, 4, 4, 3)), _RGB_MEAN, _RGB_STD), category="edge"),
        Case("square 3x3 images with 3 channels",
             args=(rng.uniform(0, 255, size=(4, 3, 3, 3)), np.array([10.0, 120.0, 240.0]),
                   np.array([2.0, 30.0, 90.0])), category="axis"),
        Case("four channels on 5x7 images",
             args=(rng.normal(size=(2, 5, 7, 4)), np.array([0.5, -1.0, 2.0, 0.0]),
                   np.array([1.0, 0.5, 4.0, 2.0])), category="axis"),
        Case("uint8 pixels", args=(rng.integers(0, 256, size=(3, 4, 6, 3), dtype=np.uint8), _RGB_MEAN, _RGB_STD),
             category="basic"),
        Case("channels with very different scales",
             args=(rng.normal(size=(2, 6, 5, 3)) * np.array([1e-3, 1.0, 1e3]), np.array([0.0, 1.0, -500.0]),
                   np.array([1e-3, 1.0, 1e3])), category="basic"),
        Case("broadcasting probe: 24 RGB images of 16x16",
             args=(rng.uniform(0, 255, size=(24, 16, 16, 3)), _RGB_MEAN, _RGB_STD), category="broadcasting"),
        Case("random batch of 6 images, 8x10, 2 channels",
             args=(rng.normal(3.0, 2.0, size=(6, 8, 10, 2)), np.array([3.0, 2.5]), np.array([2.0, 1.5])),
             category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n RGB images of 8x8: the work grows linearly with n."""
    return SizedInput(args=(rng.uniform(0, 255, size=(n, 8, 8, 3)), _RGB_MEAN, _RGB_STD))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n // 8 images of n/2 x n/2 pixels, 3 channels: loops over images or pixels grow with n."""
    return SizedInput(args=(rng.normal(size=(max(2, n // 8), n // 2, n // 2, 3)), rng.normal(size=3),
                            rng.uniform(0.5, 2.0, size=3)))
