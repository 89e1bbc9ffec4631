import numpy as np


def attention(Q, K, V):
    """Scaled dot-product attention, batched.

    Q: (b, t, d) queries, K: (b, s, d) keys, V: (b, s, e) values.
    Returns (b, t, e): softmax(Q K^T / sqrt(d)) V, the softmax taken over the s keys.
    """
    raise NotImplementedError
