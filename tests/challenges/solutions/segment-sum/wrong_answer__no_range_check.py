import numpy as np


def segment_sum(values, segment_ids, num_segments):
    # np.add.at raises IndexError (not ValueError) past the end, and wraps -1 to the last segment.
    out = np.zeros((num_segments,) + values.shape[1:], dtype=np.result_type(values, np.int64))
    np.add.at(out, segment_ids, values)
    return out
