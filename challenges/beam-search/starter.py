import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    """Beam search under a bigram model.

    start_logp: (V,) log-probabilities of the first token; trans_logp: (V, V) with
    trans_logp[a, b] = log p(b follows a). A sequence s_0..s_{steps-1} scores
    start_logp[s_0] + sum over t of trans_logp[s_{t-1}, s_t].
    Keep the `beam` best sequences after each step (ties: the lexicographically smaller
    sequence). Returns (seqs, scores): int (beam, steps) and (beam,), best first.
    """
    raise NotImplementedError
