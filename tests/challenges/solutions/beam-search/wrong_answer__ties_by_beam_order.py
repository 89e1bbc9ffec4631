import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    # A stable sort over candidates in beam order: a tie goes to the better parent,
    # not to the lexicographically smaller sequence.
    V = start_logp.shape[0]
    first = np.argsort(-start_logp, kind="stable")[:beam]
    seqs, scores = first[:, None], start_logp[first]
    for _ in range(1, steps):
        flat = (scores[:, None] + trans_logp[seqs[:, -1]]).reshape(-1)
        best = np.argsort(-flat, kind="stable")[:beam]
        seqs = np.column_stack([seqs[best // V], best % V])
        scores = flat[best]
    return seqs, scores
