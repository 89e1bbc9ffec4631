import numpy as np


def nms(boxes, scores, iou_threshold):
    """One iteration per kept box: its IoU with every remaining box at once, then drop the overlaps."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    scores = np.asarray(scores, dtype=np.float64)
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1) * (y2 - y1)
    order = np.lexsort((np.arange(scores.size), -scores))  # best score first, then the smaller index
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        width = np.maximum(0.0, np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]))
        height = np.maximum(0.0, np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]))
        inter = width * height
        iou = inter / (areas[best] + areas[rest] - inter)
        keep.append(best)
        order = rest[iou <= iou_threshold]  # only strictly larger overlaps are suppressed
    return np.array(keep, dtype=np.intp)
