import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    pos, neg = scores[y], np.sort(scores[~y])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("roc_auc needs at least one positive and one negative")
    below = np.searchsorted(neg, pos, side="left")
    below_or_equal = np.searchsorted(neg, pos, side="right")
    return (below.sum() + below_or_equal.sum()) / (2 * pos.size * neg.size)
