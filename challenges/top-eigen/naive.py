import math

import numpy as np


def top_eigen(S, k):
    """Loop version: cyclic Jacobi. Each rotation zeroes one off-diagonal pair of S; the
    product of the rotations converges to the eigenvectors, which stay orthonormal."""
    A = np.array(S, dtype=np.float64)
    d = A.shape[0]
    V = np.eye(d)
    scale = np.linalg.norm(A)
    for _sweep in range(60):
        off_diagonal = math.sqrt(2.0 * np.sum(np.triu(A, 1) ** 2))
        if off_diagonal <= 1e-15 * scale:
            break
        for p in range(d - 1):
            for q in range(p + 1, d):
                if abs(A[p, q]) <= 1e-18 * scale:
                    continue
                # The angle that zeroes A[p, q]: t = tan(angle), the smaller root of
                # t^2 + 2 t tau - 1 = 0, for the most accurate rotation.
                tau = (A[q, q] - A[p, p]) / (2.0 * A[p, q])
                t = math.copysign(1.0, tau) / (abs(tau) + math.hypot(tau, 1.0))
                c = 1.0 / math.hypot(t, 1.0)
                s = t * c
                col_p, col_q = A[:, p].copy(), A[:, q].copy()
                A[:, p], A[:, q] = c * col_p - s * col_q, s * col_p + c * col_q
                row_p, row_q = A[p, :].copy(), A[q, :].copy()
                A[p, :], A[q, :] = c * row_p - s * row_q, s * row_p + c * row_q
                vec_p, vec_q = V[:, p].copy(), V[:, q].copy()
                V[:, p], V[:, q] = c * vec_p - s * vec_q, s * vec_p + c * vec_q
    values = np.diag(A).copy()
    chosen = []
    for _ in range(k):
        best = -1
        for j in range(d):
            if j not in chosen and (best < 0 or values[j] > values[best]):
                best = j
        chosen.append(best)
    return values[chosen], V[:, chosen]
