# rubric: vectorization=fail
import heapq

import numpy as np


def dot_product_retrieval(q, docs, k):
    scores = {}
    for i, row in enumerate(docs):
        scores[i] = float(np.dot(row, q))
    best = heapq.nsmallest(k, scores, key=lambda i: (-scores[i], i))
    return np.array(best)
