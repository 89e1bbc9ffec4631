# rubric: vectorization=fail
from collections import Counter

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    preds = []
    for x in X_test:
        d = np.linalg.norm(X_train - x, axis=1)
        nn = np.argsort(d, kind="stable")[:k]
        # most_common keeps insertion order among equal counts: the nearest neighbour's
        # label wins a tied vote, not the smallest label.
        preds.append(Counter(y_train[nn].tolist()).most_common(1)[0][0])
    return np.array(preds)
