"""The JSON API against the real server: challenges, run, submit, submissions, hints, solution."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest

from app.catalog import load_catalog
from tests._server import ARRAYDOJO

SOFTMAX = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax")


def test_healthz_reports_isolation_slots_and_queue(client: httpx.Client) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["isolation"] in ("full", "rlimits")
    assert body["slots"] >= 1
    assert body["queue_depth"] == 0
    assert body["database"] == "ok"


def test_challenge_list_has_every_challenge_with_a_status(client: httpx.Client) -> None:
    listing = client.get("/api/challenges").json()
    assert len(listing) == len(load_catalog())
    assert {row["status"] for row in listing} == {"new"}
    assert {"id", "lesson", "title", "difficulty", "best_score"} <= set(listing[0])


def test_challenge_detail_never_includes_reference_naive_or_hidden_cases(client: httpx.Client) -> None:
    catalog = load_catalog()
    for challenge in catalog:
        response = client.get(f"/api/challenges/{challenge.id}")
        assert response.status_code == 200
        body = response.json()
        text = response.text
        assert body["signature"] == challenge.config.signature
        assert body["starter"] == challenge.starter
        assert not {"reference", "reference_code", "naive", "naive_code", "cases", "hints"} & set(body)
        assert json.dumps(challenge.reference_code)[1:-1] not in text
        assert json.dumps(challenge.naive_code)[1:-1] not in text
        hidden = {case.name for case in challenge.cases() if not case.visible}
        visible = {case.name for case in challenge.cases() if case.visible}
        assert {example["name"] for example in body["examples"]} == visible
        assert not hidden & {example["name"] for example in body["examples"]}


def test_run_grades_the_visible_examples_only(client: httpx.Client) -> None:
    code = (SOFTMAX / "accepted__vectorized.py").read_text()
    report = client.post("/api/challenges/softmax/run", json={"code": code}).json()
    assert report["mode"] == "run"
    assert report["verdict"] == "accepted"
    assert report["tests"]
    assert all(test["visible"] for test in report["tests"])
    assert isinstance(report["attempt_id"], int)


@pytest.mark.slow
def test_submit_answers_the_cli_json_plus_attempt_id(client: httpx.Client, tmp_path: Path) -> None:
    solution = SOFTMAX / "wrong_answer__unstable.py"
    response = client.post("/api/challenges/softmax/submit", json={"code": solution.read_text()})
    assert response.status_code == 200
    report = response.json()
    cli = json.loads(subprocess.run([str(ARRAYDOJO), "grade", "softmax", str(solution), "--json"], check=True,
                                    capture_output=True, text=True).stdout)
    assert set(report) == set(cli) | {"attempt_id"}
    assert report["verdict"] == cli["verdict"] == "wrong_answer"
    assert [t["name"] for t in report["tests"]] == [t["name"] for t in cli["tests"]]
    assert [t["passed"] for t in report["tests"]] == [t["passed"] for t in cli["tests"]]
    assert any(not t["visible"] for t in report["tests"])


@pytest.mark.slow
def test_a_submission_is_stored_with_its_code_and_report(client: httpx.Client) -> None:
    code = (SOFTMAX / "accepted__vectorized.py").read_text()
    report = client.post("/api/challenges/softmax/submit", json={"code": code}).json()
    stored = client.get(f"/api/submissions/{report['attempt_id']}").json()
    assert stored["code"] == code
    assert stored["status"] == "graded"
    assert stored["verdict"] == "accepted"
    assert stored["report"]["summary"] == report["summary"]
    assert stored["report"]["score"] == report["score"]


def test_another_profile_cannot_read_my_submission(client: httpx.Client, server_url: str) -> None:
    report = client.post("/api/challenges/softmax/run", json={"code": "x = 1\n"}).json()
    with httpx.Client(base_url=server_url) as stranger:
        response = stranger.get(f"/api/submissions/{report['attempt_id']}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_crashing_submission_is_a_normal_verdict_not_an_error(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/run", json={"code": "def softmax(z, axis=-1):\n    1/0\n"})
    assert response.status_code == 200
    assert response.json()["verdict"] == "runtime_error"


def test_syntax_error_is_reported_with_its_line(client: httpx.Client) -> None:
    report = client.post("/api/challenges/softmax/run", json={"code": "import numpy as np\ndef softmax(:\n"}).json()
    assert report["verdict"] == "runtime_error"
    assert report["error"]["line"] == 2


def test_draft_is_saved_and_read_back(client: httpx.Client) -> None:
    assert client.get("/api/drafts/softmax").status_code == 404
    saved = client.put("/api/drafts/softmax", json={"code": "# work in progress\n"})
    assert saved.status_code == 200
    draft = client.get("/api/drafts/softmax").json()
    assert draft["code"] == "# work in progress\n"
    assert draft["saved_at"] == saved.json()["saved_at"]


def test_hints_are_revealed_one_tier_at_a_time(client: httpx.Client) -> None:
    for tier in (1, 2, 3):
        body = client.post("/api/challenges/softmax/hints").json()
        assert body["revealed"] == tier
        assert len(body["hints"]) == tier
    extra = client.post("/api/challenges/softmax/hints")
    assert extra.status_code == 409
    assert "already shown" in extra.json()["error"]["message"]


def test_reference_is_forbidden_until_solved_or_given_up(client: httpx.Client) -> None:
    reference = load_catalog().get("softmax").reference_code
    locked = client.get("/api/challenges/softmax/solution")
    assert locked.status_code == 403
    assert "give up" in locked.json()["error"]["message"]
    assert client.post("/api/challenges/softmax/give-up").json()["reference"] == reference
    assert client.get("/api/challenges/softmax/solution").json()["reference"] == reference


@pytest.mark.slow
def test_reference_opens_after_an_accepted_submit(client: httpx.Client) -> None:
    code = (SOFTMAX / "accepted__vectorized.py").read_text()
    assert client.post("/api/challenges/softmax/submit", json={"code": code}).json()["verdict"] == "accepted"
    assert client.get("/api/challenges/softmax/solution").status_code == 200


@pytest.mark.slow
def test_progress_counts_solved_and_attempted(client: httpx.Client) -> None:
    client.post("/api/challenges/softmax/submit", json={"code": (SOFTMAX / "accepted__vectorized.py").read_text()})
    client.post("/api/challenges/one-hot/run", json={"code": "def one_hot(labels, num_classes):\n    pass\n"})
    progress = client.get("/api/progress").json()
    assert (progress["solved"], progress["attempted"], progress["total"]) == (1, 1, len(load_catalog()))
    statuses = {row["id"]: row["status"] for row in progress["challenges"]}
    assert statuses["softmax"] == "solved"
    assert statuses["one-hot"] == "attempted"
    lesson5 = next(lesson for lesson in progress["lessons"] if lesson["number"] == 5)
    assert lesson5["solved"] == 1


def test_the_profile_cookie_is_http_only_and_same_site(server_url: str) -> None:
    response = httpx.get(f"{server_url}/api/progress")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("arraydojo_profile=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
