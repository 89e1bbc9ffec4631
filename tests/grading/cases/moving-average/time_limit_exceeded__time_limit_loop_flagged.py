# rubric: vectorization=fail
import numpy as np


def moving_average(x, w):
    out = []
    for i in range(len(x) - w + 1):
        total = 0.0
        for j in range(w):
            total += x[i + j]
        out.append(total / w)
    while True:
        pass
