"""The committed editor bundle (and its NumPy names) is what the pinned packages build (checked when Node is here)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests._frontend import FRONTEND, node_run


@pytest.mark.slow
def test_committed_editor_bundle_matches_a_rebuild() -> None:
    result = node_run("build.mjs", "--check")
    assert result.returncode == 0, result.stderr


def test_committed_numpy_names_match_the_installed_numpy() -> None:
    # The editor completes exactly the names the sandbox's (pinned) NumPy has; the bundle embeds this list.
    result = subprocess.run([sys.executable, str(FRONTEND / "gen_numpy_names.py"), "--check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_numpy_names_list_what_candidates_reach_for() -> None:
    names = json.loads((FRONTEND / "src" / "numpy_names.json").read_text(encoding="utf-8"))
    assert {"einsum", "argmax", "where", "logaddexp"} <= set(names["numpy"]["function"])
    assert {"linalg", "random", "fft"} <= set(names["numpy"]["namespace"])
    assert {"norm", "solve", "eigh"} <= set(names["numpy.linalg"]["function"])
    assert "default_rng" in names["numpy.random"]["function"]
    assert {"reshape", "sum"} <= set(names["ndarray"]["method"])
    assert {"shape", "T", "ndim"} <= set(names["ndarray"]["property"])
