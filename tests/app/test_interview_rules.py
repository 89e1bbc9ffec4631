"""A session's rules hold against practice: nothing about its challenges before the start, no hints when off."""

from __future__ import annotations

from typing import Any

import httpx


def _session(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"challenges": ["softmax", "zscore"], "duration_minutes": 30}
                           | fields)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_waiting_room_names_none_of_the_sessions_challenges(client: httpx.Client) -> None:
    session = _session(client)
    candidate = _bearer(session["candidate_token"])
    state = client.get(f"/api/sessions/{session['id']}", headers=candidate).json()
    assert state["challenge_ids"] == []
    for probe in ("not-a-challenge", "one-hot", "softmax"):
        response = client.post(f"/api/sessions/{session['id']}/run", json={"challenge": probe, "code": "x = 1"},
                               headers=candidate)
        assert response.status_code in (403, 404, 409), response.text
        assert "zscore" not in response.text
        assert "softmax" not in response.text.replace(f"'{probe}'", "")


def test_a_candidate_in_a_hints_off_session_gets_no_practice_help_for_its_challenges(
        client: httpx.Client, server_url: str) -> None:
    with httpx.Client(base_url=server_url, timeout=60) as interviewer_browser:
        session = _session(interviewer_browser)
    # The candidate's browser opens the session: its practice profile is now the candidate's.
    assert client.get(f"/api/sessions/{session['id']}", headers=_bearer(session["candidate_token"])).status_code == 200
    for method, path in (("POST", "hints"), ("POST", "give-up"), ("GET", "solution")):
        refused = client.request(method, f"/api/challenges/softmax/{path}")
        assert refused.status_code == 403, refused.text
        assert "hints off" in refused.json()["error"]["message"]
    # Challenges outside the session stay open for practice.
    assert client.post("/api/challenges/one-hot/hints").status_code == 200
    # Once the interviewer ends the session, practice is practice again.
    ended = client.post(f"/api/sessions/{session['id']}/end", headers=_bearer(session["interviewer_token"]))
    assert ended.status_code == 200
    assert client.post("/api/challenges/softmax/hints").status_code == 200


def test_a_hints_on_session_leaves_practice_hints_alone(client: httpx.Client) -> None:
    session = _session(client, hints_allowed=True)
    client.get(f"/api/sessions/{session['id']}", headers=_bearer(session["candidate_token"]))
    assert client.post("/api/challenges/softmax/hints").status_code == 200
