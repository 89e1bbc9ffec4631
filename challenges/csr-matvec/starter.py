import numpy as np


def csr_matvec(data, indices, indptr, x):
    """y = A @ x for a sparse (m, n) matrix A stored in CSR form.

    Row i's nonzeros are data[indptr[i]:indptr[i + 1]], in the columns indices[indptr[i]:indptr[i + 1]].
    data: (nnz,) floats. indices: (nnz,) ints. indptr: (m + 1,) ints. x: (n,) floats.
    Returns y of shape (m,); a row with no entries gives 0.
    """
    raise NotImplementedError
