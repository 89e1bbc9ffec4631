import numpy as np


def dot_product_retrieval(q, docs, k):
    # Sorted correctly, but argpartition picks any of the documents tied at the k-th place.
    scores = docs @ q
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.lexsort((top, -scores[top]))]
