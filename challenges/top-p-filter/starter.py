import numpy as np


def top_p_filter(logits, p):
    """Keep the logits of the fewest most probable tokens whose probabilities add up to >= p.

    logits: (..., V) floats; p: 0 < p <= 1. Returns the same shape, -inf where a token is dropped.
    Equal probabilities: the smaller index is kept first.
    """
    raise NotImplementedError
