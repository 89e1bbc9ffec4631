import numpy as np


def select_confident(probs, threshold):
    """Reduce over the class axis once for the mask, then argmax only the rows it keeps."""
    probs = np.asarray(probs)
    idx = np.flatnonzero(probs.max(axis=1) >= threshold)
    # argmax breaks ties towards the lowest class index; on zero selected rows both arrays are empty ints.
    cls = np.argmax(probs[idx], axis=1)
    return idx, cls
