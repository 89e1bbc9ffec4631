import numpy as np


def correlation_matrix(X):
    masked = getattr(np, "m" + "a")
    return np.atleast_2d(np.asarray(getattr(masked, "corr" + "coef")(X, rowvar=False).data))
