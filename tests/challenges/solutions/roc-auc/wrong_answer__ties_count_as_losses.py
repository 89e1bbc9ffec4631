import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    pos, neg = scores[y], np.sort(scores[~y])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("need both classes")
    return np.searchsorted(neg, pos, side="left").sum() / (pos.size * neg.size)
