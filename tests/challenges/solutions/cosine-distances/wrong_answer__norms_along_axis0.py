# rubric: axis_awareness=fail
import numpy as np


def cosine_distances(X, Y):
    # Column norms instead of row norms: broadcasts for any shape, but scales features.
    Xu = X / np.maximum(np.linalg.norm(X, axis=0), 1e-8)
    Yu = Y / np.maximum(np.linalg.norm(Y, axis=0), 1e-8)
    return 1 - Xu @ Yu.T
