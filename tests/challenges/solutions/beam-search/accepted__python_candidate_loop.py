# rubric: vectorization=fail
import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    V = len(start_logp)
    kept = sorted([(-start_logp[t], (t,)) for t in range(V)])[:beam]
    for _ in range(steps - 1):
        cands = []
        for neg, seq in kept:
            for t in range(V):
                cands.append((neg - trans_logp[seq[-1], t], seq + (t,)))
        kept = sorted(cands)[:beam]
    return np.array([s for _, s in kept]), -np.array([n for n, _ in kept])
