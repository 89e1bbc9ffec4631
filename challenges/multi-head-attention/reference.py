import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    """Heads as an axis of their own (reshape + transpose), batched matmuls, a masked max-shifted softmax."""
    x = np.asarray(x, dtype=np.float64)
    batch, steps, width = x.shape
    dh = width // n_heads

    def split(w):  # (B, T, D) @ (D, D) -> (B, H, T, dh): head h is columns h*dh:(h+1)*dh
        return (x @ np.asarray(w, dtype=np.float64)).reshape(batch, steps, n_heads, dh).transpose(0, 2, 1, 3)

    q, k, v = split(Wq), split(Wk), split(Wv)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    if causal:
        scores = np.where(np.triu(np.ones((steps, steps), dtype=bool), k=1), -np.inf, scores)
    # Position i always sees key i, so every row keeps a finite maximum to shift by.
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    heads = (weights @ v).transpose(0, 2, 1, 3).reshape(batch, steps, width)
    return heads @ np.asarray(Wo, dtype=np.float64)
