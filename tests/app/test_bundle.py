"""The committed editor bundle is what the pinned frontend packages build (checked when Node is here)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parent.parent.parent / "frontend"


@pytest.mark.slow
def test_committed_editor_bundle_matches_a_rebuild() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node is not installed: the committed static/editor.js is used as is")
    if not (FRONTEND / "node_modules" / "esbuild").is_dir():
        # Exactly the lockfile's versions; no install scripts run (esbuild's binary comes as a package).
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True,
                       capture_output=True, timeout=300)
    result = subprocess.run(["node", "build.mjs", "--check"], cwd=FRONTEND, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
