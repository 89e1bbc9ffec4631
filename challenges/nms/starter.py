import numpy as np


def nms(boxes, scores, iou_threshold):
    """Greedy non-maximum suppression.

    boxes: (n, 4) as (x1, y1, x2, y2) with x1 < x2 and y1 < y2; scores: (n,).
    Repeatedly keep the highest-scoring remaining box (equal scores: the smaller index first)
    and drop every remaining box whose IoU with it is > iou_threshold.
    Returns the kept indices as an int array, in the order they were kept.
    """
    raise NotImplementedError
