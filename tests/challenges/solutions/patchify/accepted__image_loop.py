# rubric: vectorization=fail
import numpy as np


def patchify(images, p):
    n, h, w = images.shape
    result = []
    for image in images:
        blocks = []
        for top in range(0, h, p):
            for left in range(0, w, p):
                blocks.append(image[top:top + p, left:left + p].flatten())
        result.append(np.array(blocks))
    return np.array(result).reshape(n, (h // p) * (w // p), p * p)
