import numpy as np


def patchify(images, p):
    """Split each grid axis into (patch index, offset), bring the two patch indices together, flatten."""
    images = np.asarray(images)
    n, h, w = images.shape
    rows, cols = h // p, w // p
    # (n, rows, p, cols, p): axis 1 picks the patch row, axis 2 the pixel row inside it.
    grid = images.reshape(n, rows, p, cols, p)
    # (n, rows, cols, p, p): patch indices first, then the pixels of one patch in row-major order.
    patches = grid.transpose(0, 1, 3, 2, 4)
    return patches.reshape(n, rows * cols, p * p)
