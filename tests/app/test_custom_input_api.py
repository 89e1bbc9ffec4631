"""POST /api/challenges/{id}/try against the real server: your own input beside the reference's output."""

from __future__ import annotations

from pathlib import Path

import httpx

VECTORIZED = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
              / "accepted__vectorized.py").read_text()


def test_your_input_shows_both_outputs_and_whether_they_match(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/try",
                           json={"code": VECTORIZED, "arguments": "np.array([[1.0, 2.0, 3.0]]), axis=-1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["matches"] is True
    assert body["yours"] == body["reference"]
    assert "0.665241" in body["reference"]


def test_an_unreadable_input_is_a_normal_answer_saying_why(client: httpx.Client) -> None:
    body = client.post("/api/challenges/softmax/try",
                       json={"code": VECTORIZED, "arguments": "__import__('os')"}).json()
    assert body["input_error"]
    assert body["matches"] is None


def test_trying_without_arguments_says_what_to_send(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/try", json={"code": VECTORIZED})
    assert response.status_code == 422
    assert "arguments" in response.json()["error"]["message"]


def test_overlong_arguments_are_refused_before_any_sandbox(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/try", json={"code": VECTORIZED, "arguments": "1," * 3000})
    assert response.status_code == 422
    assert "arguments" in response.json()["error"]["message"]


def test_trying_an_unknown_challenge_is_a_404_with_a_suggestion(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmx/try", json={"code": VECTORIZED, "arguments": "[1.0]"})
    assert response.status_code == 404
