# rubric: vectorization=fail
import numpy as np


def one_hot(labels, num_classes):
    rows = []
    for label in labels:
        if not 0 <= label < num_classes:
            raise ValueError(f"bad label {label}")
        row = [0.0] * num_classes
        row[label] = 1.0
        rows.append(row)
    return np.array(rows, dtype=float).reshape(len(labels), num_classes)
