"""A submit that streams: its id at once, then tests and verdict, the rubric, timing, as each is known."""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.grading.probes import FRESH_PROBE_NAMES
from tests._server import ARRAYDOJO
from tests.expected_outcomes import normalised_report

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
VARIES = ("timing", "cpu_seconds", "wall_seconds")  # measured figures: everything else must be identical


def follow(client: httpx.Client, events_url: str) -> list[tuple[str, dict[str, Any]]]:
    """Every event of an attempt's stream, in order, until it ends."""
    events: list[tuple[str, dict[str, Any]]] = []
    with client.stream("GET", events_url, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        kind = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                kind = line[len("event: "):]
            elif line.startswith("data: "):
                events.append((kind, json.loads(line[len("data: "):])))
    return events


def start(client: httpx.Client, code: str) -> dict[str, Any]:
    response = client.post("/api/challenges/softmax/submissions", json={"code": code})
    assert response.status_code == 202, response.text
    started: dict[str, Any] = response.json()
    return started


def stable(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what two gradings of the same code never share: run times, and the numbers of
    the stability probe drawn afresh for each grade (the same normalisation the golden reports use)."""
    normalised = normalised_report(report, volatile_tests=FRESH_PROBE_NAMES)
    return {key: value for key, value in normalised.items() if key not in VARIES}


@pytest.mark.slow
def test_a_submit_answers_with_its_attempt_id_before_it_is_graded(client: httpx.Client) -> None:
    started = start(client, (SOFTMAX / "accepted__vectorized.py").read_text())
    assert started["status"] == "grading"
    assert started["events"] == f"/api/submissions/{started['attempt_id']}/events"
    follow(client, started["events"])  # let it finish before the shared server's next test


@pytest.mark.slow
def test_the_verdict_streams_before_the_rubric_and_the_rubric_before_timing(client: httpx.Client) -> None:
    started = start(client, (SOFTMAX / "accepted__vectorized.py").read_text())
    events = follow(client, started["events"])
    assert events[0][1]["parts"] == [] or events[0][1]["verdict"] == "accepted"  # before the tests' job, nothing
    parts = [data for kind, data in events if kind == "part" and data["parts"]]
    assert events[-1][0] == "done"
    assert parts[0]["verdict"] == "accepted"
    assert "tests" in parts[0]["parts"]
    assert parts[-1]["parts"] == ["tests", "rubric", "timing"]
    assert parts[-1]["status"] == "graded"
    # Streamed: the verdict was shown while timing was still running, with what is still to come said.
    early = [p for p in parts if p["status"] == "grading"]
    assert early, "no part arrived before the attempt was finished"
    assert "timing" not in early[0]["parts"]
    assert "Timing your code" in early[0]["html"]
    assert "Timing your code" not in parts[-1]["html"]
    seen = [p["parts"] for p in parts]  # each part adds to the last, never takes away
    assert all(a == b[:len(a)] for a, b in itertools.pairwise(seen))


@pytest.mark.slow
def test_the_streamed_report_is_the_cli_report(client: httpx.Client) -> None:
    solution = SOFTMAX / "wrong_answer__unstable.py"
    events = follow(client, start(client, solution.read_text())["events"])
    final = next(data for kind, data in reversed(events) if kind == "part")
    cli = json.loads(subprocess.run([str(ARRAYDOJO), "grade", "softmax", str(solution), "--json"], check=True,
                                    capture_output=True, text=True).stdout)
    assert stable(final["report"]) == stable(cli)
    stored = client.get(f"/api/submissions/{final['attempt_id']}").json()
    assert stored["status"] == "graded"
    assert stored["report"] == final["report"]


def test_a_finished_attempt_streams_its_final_report_then_done(client: httpx.Client) -> None:
    code = "def softmax(z, axis=-1):\n    1/0\n"
    events = follow(client, start(client, code)["events"])
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "done"
    final = next(data for kind, data in reversed(events) if kind == "part")
    assert final["verdict"] == "runtime_error"
    assert "timing" not in final["parts"]  # only accepted code is timed
    again = follow(client, f"/api/submissions/{final['attempt_id']}/events")  # a reconnect: state at once
    assert [kind for kind, _ in again] == ["part", "done"]
    assert again[0][1]["report"] == final["report"]


def test_another_profile_cannot_follow_my_submission(client: httpx.Client, server_url: str) -> None:
    started = start(client, "x = 1\n")
    with httpx.Client(base_url=server_url) as stranger:
        response = stranger.get(started["events"])
    assert response.status_code == 404
    follow(client, started["events"])


def test_a_streamed_submit_refuses_oversized_code_before_storing_it(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/submissions", json={"code": "x = 1\n" * 20000})
    assert response.status_code == 413
    assert response.json()["error"]["code"]
