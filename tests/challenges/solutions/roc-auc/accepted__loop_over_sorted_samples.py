# rubric: vectorization=fail
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(int)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need both classes")
    order = np.argsort(scores, kind="stable")
    s, l = scores[order], y[order]
    wins, neg_seen, i = 0.0, 0, 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        p = int(l[i:j].sum())
        q = (j - i) - p
        wins += p * (neg_seen + q / 2)
        neg_seen += q
        i = j
    return wins / (n_pos * n_neg)
