"""Structured scorecards against a real server: criteria and anchors, no early recommendation, evidence, templates."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.cases import CRITERIA
from app.scorecard import SCORECARD_FILE, default_criteria
from tests._server import ServerProcess
from tests.app._accounts import bearer, create_session, sign_up

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
CUSTOM = {"name": "Data engineer", "criteria": [
    {"key": "sql", "label": "SQL", "anchors": ["None", "Some", "Solid", "Expert"]},
    {"key": "communication", "label": "Talks it through", "anchors": ["1", "2", "3", "4"]},
]}
FAST = {"session_min_seconds": "1", "session_grace_seconds": "0.3", "session_sweep_seconds": "0.2"}


@pytest.fixture
def account(server: ServerProcess) -> Iterator[httpx.Client]:
    with server.client() as client:
        sign_up(client)
        yield client


def test_default_scorecard_is_the_five_rubric_criteria_then_communication_and_problem_solving() -> None:
    keys = [c.key for c in default_criteria()]
    assert keys == [*CRITERIA, "communication", "problem_solving"]
    assert all(len(c.anchors) == 4 and all(a.strip() for a in c.anchors) for c in default_criteria())
    with SCORECARD_FILE.open("rb") as file:  # anchors are data, in the file, not in code
        assert len(tomllib.load(file)["criteria"]) == 7


def test_scorecard_carries_criteria_with_anchors_and_no_early_recommendation(account: httpx.Client) -> None:
    session = create_session(account)
    card = account.get(f"/api/sessions/{session['id']}/scorecard", headers=bearer(session["interviewer_token"]))
    assert card.status_code == 200
    body = card.json()
    assert [c["key"] for c in body["criteria"]] == [c.key for c in default_criteria()]
    assert body["criteria"][0]["anchors"][3].startswith("Fully vectorized")
    assert body["is_prefilled"]
    assert body["recommendation_open"] is False
    assert body["scorecard"]["recommendation"] is None
    assert body["evidence"] == {c.key: [] for c in default_criteria()}


def test_ending_the_session_opens_the_recommendation(account: httpx.Client) -> None:
    session = create_session(account)
    interviewer = bearer(session["interviewer_token"])
    assert account.post(f"/api/sessions/{session['id']}/end", headers=interviewer).status_code == 200
    body = account.get(f"/api/sessions/{session['id']}/scorecard", headers=interviewer).json()
    assert body["recommendation_open"] is True
    assert body["scorecard"]["recommendation"] is None  # nothing submitted: still nothing to recommend


@pytest.fixture(scope="module")
def fast_server(tmp_path_factory: pytest.TempPathFactory, module_database: Path | str) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("scorecards")
    running = ServerProcess(module_database, folder / "server.log", **FAST).start()
    yield running
    running.stop()


def _submit(client: httpx.Client, session: dict[str, Any], code: str) -> dict[str, Any]:
    response = client.post(f"/api/sessions/{session['id']}/submit", json={"challenge": "softmax", "code": code},
                           headers=bearer(session["candidate_token"]))
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


@pytest.mark.slow
def test_a_wrong_submit_never_prefills_a_recommendation_and_an_accepted_one_is_evidence(
        fast_server: ServerProcess) -> None:
    with fast_server.client() as client:
        sign_up(client)
        session = create_session(client)
        interviewer = bearer(session["interviewer_token"])
        assert client.post(f"/api/sessions/{session['id']}/start", headers=interviewer).status_code == 200
        wrong = _submit(client, session, (SOFTMAX / "wrong_answer__ignores_axis.py").read_text())
        assert wrong["verdict"] == "wrong_answer"
        early = client.get(f"/api/sessions/{session['id']}/scorecard").json()  # the owner, by login
        assert early["recommendation_open"] is False
        assert early["scorecard"]["recommendation"] is None
        assert early["automatic"]["recommendation"] is None
        assert [e["attempt_id"] for e in early["evidence"]["problem_solving"]] == [wrong["attempt_id"]]
        assert early["evidence"]["vectorization"] == []  # a failing submit is no rubric evidence
        accepted = _submit(client, session, (SOFTMAX / "accepted__vectorized.py").read_text())
        assert accepted["verdict"] == "accepted"
        later = client.get(f"/api/sessions/{session['id']}/scorecard").json()
        assert later["recommendation_open"] is True
        assert later["scorecard"]["recommendation"] in ("yes", "strong_yes")
        evidence = later["evidence"]["vectorization"][0]
        assert evidence["attempt_id"] == accepted["attempt_id"]
        assert evidence["rating"] == "pass"
        assert evidence["url"] == f"/sessions/{session['id']}/attempts/{accepted['attempt_id']}/results"
        assert client.get(evidence["url"]).status_code == 200  # the owner opens the evidence by login
        assert later["evidence"]["communication"] == []
        report = client.get(f"/api/sessions/{session['id']}/report").json()
        assert report["scorecard"]["evidence"]["vectorization"][0]["attempt_id"] == accepted["attempt_id"]
        row = client.get("/api/me/sessions").json()[0]
        assert row["challenges"][0]["verdict"] == "accepted"
        assert row["score"] is not None


# Templates

def test_templates_crud_for_their_account(account: httpx.Client) -> None:
    assert account.get("/api/scorecard-templates").json() == []
    default = account.post("/api/scorecard-templates", json={"name": "  Senior   ML "})
    assert default.status_code == 201, default.text
    assert default.json()["name"] == "Senior ML"
    assert [c["key"] for c in default.json()["criteria"]] == [c.key for c in default_criteria()]
    custom = account.post("/api/scorecard-templates", json=CUSTOM).json()
    assert [c["key"] for c in custom["criteria"]] == ["sql", "communication"]
    assert [t["id"] for t in account.get("/api/scorecard-templates").json()] == [default.json()["id"], custom["id"]]
    changed = account.put(f"/api/scorecard-templates/{custom['id']}", json={**CUSTOM, "name": "Data eng II"})
    assert changed.status_code == 200
    assert account.get(f"/api/scorecard-templates/{custom['id']}").json()["name"] == "Data eng II"
    assert account.delete(f"/api/scorecard-templates/{custom['id']}").json() == {"id": custom["id"], "deleted": True}
    assert account.get(f"/api/scorecard-templates/{custom['id']}").status_code == 404
    assert account.delete(f"/api/scorecard-templates/{custom['id']}").status_code == 404


def test_another_accounts_template_is_404_for_every_verb(server: ServerProcess, account: httpx.Client) -> None:
    template = account.post("/api/scorecard-templates", json=CUSTOM).json()
    with server.client() as other:
        sign_up(other)
        url = f"/api/scorecard-templates/{template['id']}"
        assert other.get(url).status_code == 404
        assert other.put(url, json=CUSTOM).status_code == 404
        assert other.delete(url).status_code == 404
        assert other.get("/api/scorecard-templates").json() == []
        session = create_session(other)
        used = other.put(f"/api/sessions/{session['id']}/scorecard",
                         json={"criteria": {}, "template_id": template["id"]})
        assert used.status_code == 404
    assert account.get(url).status_code == 200  # untouched


@pytest.mark.parametrize(("method", "path"), [("GET", ""), ("POST", ""), ("GET", "/x"), ("PUT", "/x"),
                                              ("DELETE", "/x")])
def test_templates_need_a_login(client: httpx.Client, method: str, path: str) -> None:
    response = client.request(method, f"/api/scorecard-templates{path}", json=CUSTOM)
    assert response.status_code == 401


@pytest.mark.parametrize(("body", "words"), [
    ({"name": "   "}, "name"),
    ({"name": "x", "criteria": []}, "criteria"),
    ({"name": "x", "criteria": [CUSTOM["criteria"][0], CUSTOM["criteria"][0]]}, "appear more often"),
    ({"name": "x", "criteria": [{"key": "Bad Key", "label": "x", "anchors": ["1", "2", "3", "4"]}]}, "key"),
    ({"name": "x", "criteria": [{"key": "sql", "label": "x", "anchors": ["1", "2", "3"]}]}, "anchors"),
    ({"name": "x", "criteria": [{"key": "sql", "label": "x", "rubric": True, "anchors": ["1", "2", "3", "4"]}]},
     "rubric"),
])
def test_a_bad_template_is_422_with_the_reason(account: httpx.Client, body: dict[str, Any], words: str) -> None:
    response = account.post("/api/scorecard-templates", json=body)
    assert response.status_code == 422
    assert words in str(response.json())


def test_a_template_with_a_lone_surrogate_is_422_not_a_crash(account: httpx.Client) -> None:
    response = account.post("/api/scorecard-templates", content=json.dumps({"name": "bad \ud800"}),
                            headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_scoring_with_a_template_keeps_a_copy_of_its_criteria(account: httpx.Client) -> None:
    template = account.post("/api/scorecard-templates", json=CUSTOM).json()
    session = create_session(account)
    url = f"/api/sessions/{session['id']}/scorecard"
    unknown = account.put(url, json={"criteria": {"vectorization": 3}, "template_id": template["id"]})
    assert unknown.status_code == 422
    assert "unknown criteria" in unknown.json()["error"]["message"]
    saved = account.put(url, json={"criteria": {"sql": 4, "communication": 2}, "recommendation": "yes",
                                   "template_id": template["id"]})
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["scorecard"]["criteria"] == {"sql": 4, "communication": 2}
    assert body["scorecard"]["template_name"] == "Data engineer"
    assert [c["key"] for c in body["criteria"]] == ["sql", "communication"]
    # Editing or deleting the template later leaves the saved scorecard as it was scored.
    account.put(f"/api/scorecard-templates/{template['id']}", json={"name": "Renamed", "criteria": [
        {"key": "python", "label": "Python", "anchors": ["1", "2", "3", "4"]}]})
    account.delete(f"/api/scorecard-templates/{template['id']}")
    again = account.get(url).json()
    assert [c["label"] for c in again["criteria"]] == ["SQL", "Talks it through"]
    resaved = account.put(url, json={"criteria": {"sql": 3}})  # no template_id: the criteria it already uses
    assert resaved.json()["scorecard"]["criteria"] == {"sql": 3, "communication": None}
    report = account.get(f"/api/sessions/{session['id']}/report").json()
    assert [c["key"] for c in report["scorecard"]["definitions"]] == ["sql", "communication"]
    back = account.put(url, json={"criteria": {"vectorization": 4}, "template_id": "default"})
    assert back.json()["scorecard"]["criteria"]["vectorization"] == 4


def test_a_template_needs_the_login_of_its_account_even_with_the_interviewer_token(
        server: ServerProcess, account: httpx.Client) -> None:
    template = account.post("/api/scorecard-templates", json=CUSTOM).json()
    session = create_session(account)
    with server.client() as anonymous:
        response = anonymous.put(f"/api/sessions/{session['id']}/scorecard",
                                 headers=bearer(session["interviewer_token"]),
                                 json={"criteria": {}, "template_id": template["id"]})
    assert response.status_code == 401
