import numpy as np


def csr_matvec(data, indices, indptr, x):
    """Gather x at every nonzero's column, then add each product into its row with np.add.at."""
    data = np.asarray(data, dtype=np.float64)
    indptr = np.asarray(indptr)
    products = data * np.asarray(x, dtype=np.float64)[np.asarray(indices)]
    rows = indptr.size - 1
    # The row of every nonzero: row i repeated once per entry it has (zero times when empty).
    row_of_entry = np.repeat(np.arange(rows), np.diff(indptr))
    y = np.zeros(rows)
    np.add.at(y, row_of_entry, products)
    return y
