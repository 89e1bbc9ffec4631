# rubric: vectorization=fail
import numpy as np


def segment_sum(values, segment_ids, num_segments):
    kind = np.int64 if values.dtype.kind in "iu" else np.float64
    out = np.zeros((num_segments,) + values.shape[1:], dtype=kind)
    for value, segment in zip(values, segment_ids):
        if not 0 <= segment < num_segments:
            raise ValueError("bad segment id")
        out[segment] += value
    return out
