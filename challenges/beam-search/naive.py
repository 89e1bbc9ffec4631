import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    """Loop version: list every candidate as (score, sequence) and sort the Python tuples."""
    vocab = len(start_logp)
    kept = sorted(((float(start_logp[t]), (t,)) for t in range(vocab)), key=lambda c: (-c[0], c[1]))[:beam]
    for _ in range(1, steps):
        candidates = []
        for score, seq in kept:
            for token in range(vocab):
                candidates.append((score + float(trans_logp[seq[-1], token]), (*seq, token)))
        kept = sorted(candidates, key=lambda c: (-c[0], c[1]))[:beam]
    seqs = np.array([seq for _, seq in kept], dtype=np.int64).reshape(len(kept), steps)
    return seqs, np.array([score for score, _ in kept])
