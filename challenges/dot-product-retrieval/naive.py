import numpy as np


def dot_product_retrieval(q, docs, k):
    """Loop version: score one document at a time, then sort every index by (-score, index)."""
    scores = []
    for i in range(docs.shape[0]):
        scores.append(float(docs[i] @ q))
    ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return np.array(ranked[:k], dtype=np.intp)
