"""ArrayDojo's web application, grader and command line.

`sandbox` is imported first: it pins NumPy's BLAS kernels (sandbox/blas.py), which only works
before anything loads NumPy, and every entry point (the server, the worker, the CLI, the
tests) comes through this package.
"""

import sandbox  # noqa: F401
