import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    pos, neg = scores[y], scores[~y]
    if pos.size == 0 or neg.size == 0:
        raise ValueError("need both classes")
    # Right on small inputs; an (n_pos, n_neg) matrix on 200,000 samples needs ~10 GB.
    greater = pos[:, None] > neg[None, :]
    equal = pos[:, None] == neg[None, :]
    return (greater.sum() + 0.5 * equal.sum()) / (pos.size * neg.size)
