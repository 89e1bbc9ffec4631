"""Integrity signals: large pastes and the page away, reported by the candidate's page, stamped by the server,
shown to the interviewer live and in the report as facts, and never to the candidate."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.services.integrity import duration_words


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def started(client: httpx.Client) -> dict[str, Any]:
    created = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30})
    assert created.status_code == 201, created.text
    session: dict[str, Any] = created.json()
    assert client.post(f"/api/sessions/{session['id']}/start",
                       headers=auth(session["interviewer_token"])).status_code == 200
    return session


def signal(client: httpx.Client, session: dict[str, Any], body: dict[str, Any], *, token: str = "candidate_token"
           ) -> httpx.Response:
    return client.post(f"/api/sessions/{session['id']}/integrity", json={"signal": body},
                       headers=auth(session[token]))


def timeline(client: httpx.Client, session: dict[str, Any]) -> list[dict[str, Any]]:
    state = client.get(f"/api/sessions/{session['id']}", headers=auth(session["interviewer_token"])).json()
    return [e for e in state["timeline"] if e["kind"] in ("paste", "away", "back")]


def test_a_paste_and_a_time_away_reach_the_interviewers_timeline_and_report_as_facts(client: httpx.Client) -> None:
    session = started(client)
    assert signal(client, session, {"kind": "paste", "chars": 412, "lines": 9, "challenge": "softmax"}).json()[
        "recorded"]
    assert signal(client, session, {"kind": "away", "how": "hidden"}).status_code == 200
    time.sleep(1.2)
    back = signal(client, session, {"kind": "back"})
    assert back.status_code == 200
    events = timeline(client, session)
    assert [e["kind"] for e in events] == ["paste", "away", "back"]
    assert events[0]["description"] == "pasted 412 characters (9 lines)"
    assert events[2]["description"].startswith("page hidden for 1 s")
    assert 1.0 <= events[2]["seconds"] < 30
    report = client.get(f"/api/sessions/{session['id']}/report", headers=auth(session["interviewer_token"])).json()
    signals = [e["kind"] for e in report["timeline"] if e["kind"] in ("paste", "away", "back")]
    assert signals == ["paste", "away", "back"]
    totals = report["integrity"]
    assert (totals["pastes"], totals["pasted_chars"], totals["times_away"]) == (1, 412, 1)
    assert 1.0 <= totals["away_seconds"] < 30
    assert totals["description"].startswith("1 large paste (412 characters); away from the page 1 time")
    words = json.dumps(report).lower()
    for accusation in ("cheat", "suspicious", "violation", "plagiar"):
        assert accusation not in words
    html = client.get(f"/api/sessions/{session['id']}/report.html", headers=auth(session["interviewer_token"])).text
    assert "pasted 412 characters" in html


def test_signals_never_reach_the_candidate(client: httpx.Client) -> None:
    session = started(client)
    signal(client, session, {"kind": "paste", "chars": 999, "lines": 20})
    state = client.get(f"/api/sessions/{session['id']}", headers=auth(session["candidate_token"]))
    assert "999" not in state.text
    kinds = []
    with client.stream("GET", f"/api/sessions/{session['id']}/events", headers=auth(session["candidate_token"]),
                       timeout=30) as response:
        for line in response.iter_lines():
            if line.startswith("event: "):
                kinds.append(line[len("event: "):])
            if kinds and kinds[-1] == "clock":
                break
    assert "paste" not in kinds
    assert "started" in kinds


def test_the_interviewers_token_cannot_report_signals(client: httpx.Client) -> None:
    session = started(client)
    refused = signal(client, session, {"kind": "paste", "chars": 500}, token="interviewer_token")
    assert refused.status_code == 403
    assert timeline(client, session) == []


def test_signals_are_refused_before_the_start_and_after_the_end(client: httpx.Client) -> None:
    created = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30}).json()
    assert signal(client, created, {"kind": "away"}).status_code == 409  # waiting: not open yet
    session = started(client)
    assert client.post(f"/api/sessions/{session['id']}/end",
                       headers=auth(session["interviewer_token"])).status_code == 200
    assert signal(client, session, {"kind": "paste", "chars": 500}).status_code == 409
    assert timeline(client, session) == []


def test_an_oversized_body_is_refused_before_it_is_read(client: httpx.Client) -> None:
    session = started(client)
    padded = {"kind": "paste", "chars": 500, "text": "x" * 5000}  # the pasted text itself is never wanted
    response = signal(client, session, padded)
    assert response.status_code == 413
    assert timeline(client, session) == []


def test_malformed_signals_are_refused(client: httpx.Client) -> None:
    session = started(client)
    for body in ({"kind": "paste", "chars": 0}, {"kind": "paste", "chars": -5}, {"kind": "teleport"},
                 {"kind": "away", "how": "elsewhere"}, {"kind": "paste", "chars": 300, "challenge": "not-in-session"}):
        assert signal(client, session, body).status_code in (404, 422), body
    assert timeline(client, session) == []


def test_too_frequent_signals_are_refused_with_retry_after(client: httpx.Client) -> None:
    session = started(client)
    statuses = [signal(client, session, {"kind": "paste", "chars": 300}).status_code for _ in range(30)]
    assert statuses[0] == 200
    assert 429 in statuses
    refused = signal(client, session, {"kind": "paste", "chars": 300})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    other = started(client)  # another session from the same address has its own allowance
    assert signal(client, other, {"kind": "paste", "chars": 300}).status_code == 200


def test_the_clients_clock_is_ignored(client: httpx.Client) -> None:
    session = started(client)
    past = "2001-01-01T00:00:00Z"
    before = datetime.now(UTC)
    signal(client, session, {"kind": "away", "how": "blur", "at": past, "left_at": past})
    signal(client, session, {"kind": "back", "at": past, "seconds": 9999, "duration_seconds": 9999})
    after = datetime.now(UTC)
    events = timeline(client, session)
    assert [e["kind"] for e in events] == ["away", "back"]
    for event in events:
        at = datetime.fromisoformat(event["at"].replace("Z", "+00:00"))
        assert before - timedelta(seconds=5) <= at <= after + timedelta(seconds=5)
    assert events[1]["seconds"] < 60
    assert "2001" not in json.dumps(events)
    assert events[1]["description"].startswith("window lost focus for")


def test_away_twice_is_one_time_away_and_back_without_away_stores_nothing(client: httpx.Client) -> None:
    session = started(client)
    assert signal(client, session, {"kind": "back"}).json()["recorded"] is False
    assert signal(client, session, {"kind": "away"}).json()["recorded"] is True
    assert signal(client, session, {"kind": "away"}).json()["recorded"] is False
    assert signal(client, session, {"kind": "back"}).json()["recorded"] is True
    assert [e["kind"] for e in timeline(client, session)] == ["away", "back"]


def test_durations_are_worded_in_minutes_and_seconds() -> None:
    assert duration_words(0.4) == "0 s"
    assert duration_words(45) == "45 s"
    assert duration_words(72) == "1 min 12 s"
    assert duration_words(120) == "2 min"
    assert duration_words(3780) == "1 h 3 min"


def test_a_time_away_never_followed_by_back_runs_to_the_end_in_the_totals(client: httpx.Client) -> None:
    session = started(client)
    assert signal(client, session, {"kind": "away", "how": "hidden"}).status_code == 200  # the tab was closed
    time.sleep(1.1)
    assert client.post(f"/api/sessions/{session['id']}/end",
                       headers=auth(session["interviewer_token"])).status_code == 200
    report = client.get(f"/api/sessions/{session['id']}/report", headers=auth(session["interviewer_token"])).json()
    assert report["integrity"]["times_away"] == 1
    assert 1.0 <= report["integrity"]["away_seconds"] < 30
