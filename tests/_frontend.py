"""The pinned Node packages of frontend/, installed with `npm ci` when missing or stale (for the --check tests)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"


def _is_installed(name: str, version: str) -> bool:
    manifest = FRONTEND / "node_modules" / name / "package.json"
    return manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")).get("version") == version


def node_run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `node args` in frontend/ with exactly the lockfile's packages; skip when Node is not installed."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node is not installed: the committed files are used as they are")
    package = json.loads((FRONTEND / "package.json").read_text(encoding="utf-8"))
    pinned = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    # A node_modules left from before a package was added or moved would fail the check confusingly.
    if not all(_is_installed(name, version) for name, version in pinned.items()):
        # Exactly the lockfile's versions; no install scripts run (esbuild's binary comes as a package).
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True,
                       capture_output=True, timeout=300)
    return subprocess.run(["node", *args], cwd=FRONTEND, capture_output=True, text=True, timeout=120)
