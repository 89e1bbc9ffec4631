"""The report's player (static/report.js) applies ChangeSet JSON exactly as @codemirror/state, like app/collab.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "app" / "fixtures" / "changesets.json"
SCRIPT = """
import { readFileSync } from "node:fs";
import { applyChanges, playbackFrames } from %s;
const cases = JSON.parse(readFileSync(%s, "utf8")).filter((c) => c.kind === "apply");
const wrong = cases.filter((c) => applyChanges(c.doc, c.changes) !== c.result).map((c) => c.changes);
const frames = playbackFrames({ starters: { a: "ab" }, playback: [
  { t: 0, challenge: "a", author: "candidate", changes: [2, [0, "c"]] },
  { t: 1, challenge: "a", author: "interviewer", changes: [[1], 2] },
] });
console.log(JSON.stringify({ count: cases.length, wrong, frames }));
"""


def test_the_report_player_applies_changesets_as_codemirror_does() -> None:
    if shutil.which("node") is None:
        pytest.skip("Node is not installed; the browser tests play a report back instead")
    script = SCRIPT % (json.dumps((ROOT / "static" / "report.js").as_uri()), json.dumps(str(FIXTURES)))
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["count"] >= 100
    assert answer["wrong"] == []
    assert [(f["code"], f["author"]) for f in answer["frames"]] == [("abc", "candidate"), ("bc", "interviewer")]
