"""Code the submission makes or loads is judged by what it is, and the rows checked are drawn after the call."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from sandbox import Call, CallOptions, Job, Sandbox

PLAIN = CallOptions()


def _run(sandbox: Sandbox, source: str, *args: object, banned: tuple[str, ...] = (), function: str = "f",
         options: CallOptions = PLAIN) -> tuple[str | None, object]:
    job = Job(code=textwrap.dedent(source), function=function, banned=banned,
              calls=(Call(args=tuple(args), options=options),))
    result = sandbox.run(job)
    if result.outcome != "ok":  # refused while loading
        return result.message, None
    call = result.calls[0] if result.calls else None
    if call is None or call.error is not None:
        return (call.error.message if call and call.error else "load failed"), None
    return None, call


FRESH_MODULE = """
    import importlib.util, os
    import numpy as np
    path = os.path.join(os.path.dirname(np.lib.__file__), "_function_base_impl.py")
    spec = importlib.util.spec_from_file_location("numpy.lib.fresh", path)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    def f(x):
        return fresh.cov(x, rowvar=False)
"""

MARSHALLED = """
    import marshal, os, sys, types
    import numpy as np
    folder = os.path.join(os.path.dirname(np.lib.__file__), "__pycache__")
    name = next(n for n in os.listdir(folder) if n.startswith("_function_base_impl."))
    module_code = marshal.loads(open(os.path.join(folder, name), "rb").read()[16:])
    def f(x):
        code = next(c for c in module_code.co_consts if isinstance(c, types.CodeType) and c.co_name == "cov")
        cov = types.FunctionType(code, vars(sys.modules["numpy.lib._function_base_impl"]))
        return cov(x, None, False)
"""

RENAMED_COPY = """
    import inspect, sys
    import numpy as np
    source = inspect.getsource(sys.modules["numpy.lib._function_base_impl"])
    start = source.index("\\ndef cov(")
    text = source[start:source.index("\\n@array_function_dispatch", start)].replace("def cov(", "def mine(")
    text = text.replace("dtype", "kind").replace("X", "data")
    space = {"__name__": "mine"}
    exec("import numpy as np\\nimport numpy as _nx\\nimport warnings\\nfrom numpy import *\\n" + text, space)
    def f(x):
        return space["mine"](x, rowvar=False)
"""


@pytest.mark.parametrize("source", [FRESH_MODULE, MARSHALLED, RENAMED_COPY],
                         ids=["module-file-executed-afresh", "code-from-pyc", "source-copied-and-renamed"])
def test_cant_run_a_fresh_copy_of_a_banned_function(sandbox: Sandbox, source: str) -> None:
    error, _ = _run(sandbox, source, np.eye(3), banned=("numpy.cov",))
    assert error is not None
    assert "forbids" in error or "not allowed" in error


def test_cant_use_a_banned_functions_namesake_in_another_numpy_module(sandbox: Sandbox) -> None:
    error, _ = _run(sandbox, "import numpy as np\ndef f(x):\n    return getattr(np.ma, 'c' + 'ov')(x).data\n",
                    np.eye(3), banned=("numpy.cov",))
    assert error is not None
    assert "not allowed" in error


def test_honest_code_loading_numpy_modules_is_not_taken_for_a_copy(sandbox: Sandbox) -> None:
    source = """
        import numpy as np
        def f(x):
            centred = x - x.mean(axis=0)
            return np.ma.masked_invalid(centred.T @ centred / (x.shape[0] - 1)).data
    """
    error, _ = _run(sandbox, source, np.eye(3), banned=("numpy.cov",))
    assert error is None


@pytest.mark.parametrize("how", [
    "compile('def g():\\n    return 1\\n', np.__file__, 'exec')",
    "(lambda: 1).__code__.replace(co_filename=np.__file__)",
], ids=["compile", "code-replace"])
def test_cant_dress_code_as_numpys(sandbox: Sandbox, how: str) -> None:
    error, _ = _run(sandbox, f"import numpy as np\ndef f():\n    {how}\n    return 1\n")
    assert error is not None
    assert "Python or NumPy" in error or "Python's or NumPy's" in error


def test_cant_pass_for_numpy_by_module_name_to_import_its_internals(sandbox: Sandbox) -> None:
    error, _ = _run(sandbox, "def f():\n    exec('import numpy._core.umath', {'__name__': 'numpy.x'})\n    return 1\n")
    assert error is not None
    assert "private NumPy module" in error


def test_cant_change_the_sandboxs_audit_hook(sandbox: Sandbox) -> None:
    source = """
        import gc, sys
        def f():
            harness = sys.modules["sandbox._harness"]
            harness._is_copy.__defaults__ = (4, lambda x: 0, range, bool)
            return 1
    """
    error, _ = _run(sandbox, source)
    assert error is not None
    assert "cannot be changed" in error


@pytest.mark.parametrize("how", [
    "type(np.errstate())(all='ignore')",
    "sys.modules['numpy._core._ufunc_config'].errstate(over='ignore')",
], ids=["class-of-an-instance", "private-module"])
def test_cant_silence_floating_point_errors_through_errstates_class(sandbox: Sandbox, how: str) -> None:
    source = f"""
        import sys
        import numpy as np
        def f(x):
            with {how}:
                return np.exp(x)
    """
    error, call = _run(sandbox, source, np.array([1000.0]))
    assert error is None
    assert any("overflow" in w for w in call.warnings)  # type: ignore[attr-defined]


def test_cant_read_the_checked_rows_before_returning(sandbox: Sandbox) -> None:
    source = """
        import sys
        import numpy as np
        def f(x):
            frame, seen = sys._getframe(1), []
            while frame is not None:
                seen += [repr(v) for k, v in frame.f_locals.items() if k in ("options", "call")]
                frame = frame.f_back
            assert not any("sample_rows" in s or "'rows'" in s for s in seen), seen
            return x * 2
    """
    x = np.arange(1000.0).reshape(500, 2)
    error, call = _run(sandbox, source, x, options=CallOptions(sample_drawn=4))
    assert error is None
    rows = call.rows  # type: ignore[attr-defined]
    assert rows is not None
    assert (len(rows), rows[0], rows[-1]) == (4, 0, 499)
    np.testing.assert_array_equal(call.value, x[list(rows)] * 2)  # type: ignore[attr-defined]
