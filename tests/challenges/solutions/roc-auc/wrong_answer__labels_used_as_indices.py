import numpy as np


def roc_auc(y_true, scores):
    # scores[y_true] masks only for booleans; integer labels pick scores[0] and scores[1].
    pos, neg = scores[y_true], np.sort(scores[~np.asarray(y_true, dtype=bool)])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("need both classes")
    left = np.searchsorted(neg, pos, side="left")
    right = np.searchsorted(neg, pos, side="right")
    return (left + right).sum() / (2 * pos.size * neg.size)
