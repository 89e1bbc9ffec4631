# rubric: vectorization=warn|pass  (a full sort against a partition: over 20x on the AVX2 host it was written on, 8-10x on an AVX-512 one)
import numpy as np


def dot_product_retrieval(q, docs, k):
    scores = docs @ q
    return np.argsort(-scores, kind="stable")[:k]
