"""The interview's candidate view, enforced on the server: no interviewer-only statement sections, no fix
advice, and only what the session's setting shows, in every payload and stream the candidate's token reads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.catalog import Catalog
from app.grading.probes import OFFSET_PROBE_NAME
from app.services.candidate_view import candidate_event_payload, candidate_report, strip_interviewer_sections
from tests._server import ServerProcess
from tests.app._accounts import create_session, sign_up
from tests.expected_outcomes import normalised_report

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
UNSTABLE = (SOFTMAX / "wrong_answer__unstable.py").read_text()
ACCEPTED = (SOFTMAX / "accepted__vectorized.py").read_text()
INTERVIEWER_HEADING = "What an interviewer looks for"
# Words of the rubric's advice on an unstable softmax: the fix the candidate must find for themselves.
ADVICE = "Subtract the maximum"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def started(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"challenges": ["softmax"], "duration_minutes": 30} | fields
    created = client.post("/api/sessions", json=body)
    assert created.status_code == 201, created.text
    session: dict[str, Any] = created.json()
    assert client.post(f"/api/sessions/{session['id']}/start",
                       headers=auth(session["interviewer_token"])).status_code == 200
    return session


def follow(client: httpx.Client, url: str, token: str) -> list[tuple[str, dict[str, Any]]]:
    """Every event of an attempt's stream, until it ends."""
    events: list[tuple[str, dict[str, Any]]] = []
    with client.stream("GET", url, headers=auth(token), timeout=120) as response:
        assert response.status_code == 200, response.read()
        kind = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                kind = line[len("event: "):]
            elif line.startswith("data: "):
                events.append((kind, json.loads(line[len("data: "):])))
    return events


def submit(client: httpx.Client, session: dict[str, Any], code: str) -> dict[str, Any]:
    response = client.post(f"/api/sessions/{session['id']}/submissions", json={"challenge": "softmax", "code": code},
                           headers=auth(session["candidate_token"]))
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    return body


# The statement: the interviewer-only section is cut out before it is rendered.

def test_every_built_in_statement_loses_its_interviewer_section(catalog: Catalog) -> None:
    for challenge in catalog:
        assert INTERVIEWER_HEADING in challenge.statement, challenge.id
        stripped = strip_interviewer_sections(challenge.statement)
        assert INTERVIEWER_HEADING not in stripped, challenge.id
        assert challenge.statement.startswith(stripped.strip()[:200]), challenge.id  # what comes before stays


def test_section_ends_at_the_next_heading_of_its_level_and_code_fences_are_not_headings() -> None:
    statement = ("# Task\nDo it.\n\n## Notes for the interviewer\nSubtract the max.\n### Deeper\nStill private.\n"
                 "## Shapes\n```python\n## interviewer: not a heading inside code\n```\nPublic.\n")
    stripped = strip_interviewer_sections(statement)
    assert "Subtract the max" not in stripped
    assert "Still private" not in stripped
    assert "## Shapes" in stripped
    assert "## interviewer: not a heading inside code" in stripped
    assert "Public." in stripped


def test_candidate_statement_has_no_interviewer_section_but_the_interviewers_does(client: httpx.Client) -> None:
    six = ["softmax", "cosine-similarity-matrix", "confusion-matrix", "conv2d", "attention", "beam-search"]
    session = started(client, challenges=six)
    url = f"/api/sessions/{session['id']}"
    candidate = client.get(url, headers=auth(session["candidate_token"])).json()
    interviewer = client.get(url, headers=auth(session["interviewer_token"])).json()
    assert len(candidate["challenges"]) == 6
    for shown in candidate["challenges"]:
        assert "interviewer looks for" not in shown["statement_html"], shown["id"]
        assert shown["followups"] is None
    assert all("interviewer looks for" in c["statement_html"] for c in interviewer["challenges"])


# Reports by the setting (pure: the same function guards every payload and stream).

REPORT: dict[str, Any] = {
    "version": 2, "challenge": "softmax", "mode": "submit", "verdict": "wrong_answer", "summary": "Wrong answer.",
    "tests": [{"name": "visible", "category": "example", "visible": True, "passed": True, "message": "passed",
               "input": "[1]", "expected": "[1]", "actual": "[1]"},
              {"name": "probe", "category": "stability", "visible": False, "passed": False, "message": "NaN",
               "input": "leaked input", "expected": "leaked expected", "actual": "leaked actual"}],
    "rubric": {"numerical_stability": {"rating": "fail", "provisional": True,
                                       "feedback": [{"id": "x", "message": ADVICE, "severity": "essential"}]}},
    "score": 40.0, "score_note": None,
    "timing": {"sizes": [10], "candidate_seconds": [0.1], "notes": ["a Python loop: use broadcasting"]},
    "error": None, "output": "", "output_truncated": False, "cpu_seconds": 0.1, "wall_seconds": 0.2,
}


def test_tests_only_shows_no_rubric_score_or_timing_and_no_hidden_test_data() -> None:
    shown = candidate_report(REPORT, sees="tests")
    assert shown["rubric"] == {}
    assert shown["score"] is None
    assert shown["timing"] is None
    assert shown["tests"][0]["input"] == "[1]"
    assert "leaked" not in json.dumps(shown)
    assert ADVICE not in json.dumps(shown)


def test_tests_and_rubric_shows_ratings_without_advice_or_timing_notes() -> None:
    shown = candidate_report(REPORT, sees="tests_and_rubric")
    assert shown["rubric"]["numerical_stability"] == {"rating": "fail", "feedback": [], "provisional": True}
    assert shown["score"] == 40.0
    assert shown["timing"] == {"sizes": [10], "candidate_seconds": [0.1]}
    assert ADVICE not in json.dumps(shown)
    assert "broadcasting" not in json.dumps(shown)


def test_an_unknown_setting_is_treated_as_the_stricter_one() -> None:
    assert candidate_report(REPORT, sees="everything") == candidate_report(REPORT, sees="tests")


# Settings at creation.

def test_the_setting_defaults_to_tests_only_and_is_validated(client: httpx.Client) -> None:
    session = started(client)
    state = client.get(f"/api/sessions/{session['id']}", headers=auth(session["interviewer_token"])).json()
    assert state["candidate_sees"] == "tests"
    refused = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30,
                                                 "candidate_sees": "everything"})
    assert refused.status_code == 422


def test_the_create_form_stores_the_setting(client: httpx.Client) -> None:
    page = client.post("/sessions/new", data={"pick": "list", "challenges": "softmax", "duration_minutes": "30",
                                              "candidate_sees": "tests_and_rubric"})
    assert page.status_code == 303
    fragment = page.headers["location"].split("#", 1)[1]
    tokens = dict(part.split("=", 1) for part in fragment.split("&"))
    session_id = page.headers["location"].split("/")[2]
    state = client.get(f"/api/sessions/{session_id}", headers=auth(tokens["c"])).json()
    assert state["candidate_sees"] == "tests_and_rubric"
    assert "After a submit, the candidate sees" in client.get("/sessions/new").text


# Graded: one unstable submit per setting, read through every door the candidate has.

@pytest.fixture(scope="module")
def graded(server: ServerProcess) -> Iterator[dict[str, Any]]:
    """Two sessions with the same unstable submit: one shows the candidate the tests, one the ratings too."""
    with server.client() as client:
        out: dict[str, Any] = {}
        for sees in ("tests", "tests_and_rubric"):
            session = started(client, candidate_sees=sees)
            begun = submit(client, session, UNSTABLE)
            out[sees] = {"session": session, "started": begun,
                         "candidate_events": follow(client, begun["events"], session["candidate_token"]),
                         "interviewer_events": follow(client, begun["events"], session["interviewer_token"])}
        yield out


@pytest.mark.slow
def test_a_streamed_interview_submit_answers_at_once_with_the_sessions_event_url(graded: dict[str, Any]) -> None:
    begun, session = graded["tests"]["started"], graded["tests"]["session"]
    assert begun["status"] == "grading"
    assert begun["events"] == f"/api/sessions/{session['id']}/attempts/{begun['attempt_id']}/events"


@pytest.mark.slow
def test_candidate_stream_has_no_fix_advice_but_the_interviewers_does(graded: dict[str, Any]) -> None:
    for sees in ("tests", "tests_and_rubric"):
        candidate = json.dumps(graded[sees]["candidate_events"])
        interviewer = json.dumps(graded[sees]["interviewer_events"])
        assert ADVICE not in candidate, sees
        assert ADVICE in interviewer, sees
        assert graded[sees]["candidate_events"][-1][0] == "done"
    last = [data for kind, data in graded["tests"]["candidate_events"] if kind == "part"][-1]
    assert last["report"]["rubric"] == {}
    assert last["report"]["score"] is None
    assert "Rubric" not in last["html"]
    rated = [data for kind, data in graded["tests_and_rubric"]["candidate_events"] if kind == "part"][-1]
    assert rated["report"]["rubric"]["numerical_stability"]["rating"] == "fail"
    assert "Rubric" in rated["html"]


@pytest.mark.slow
def test_the_candidate_stream_shows_the_verdict_and_the_interviewers_shows_it_before_the_rubric(
        graded: dict[str, Any]) -> None:
    parts = [data for kind, data in graded["tests"]["interviewer_events"] if kind == "part" and data["parts"]]
    assert parts[0]["verdict"] == "wrong_answer"
    assert parts[-1]["status"] == "graded"
    candidate = [data for kind, data in graded["tests"]["candidate_events"] if kind == "part" and data["parts"]]
    assert candidate[-1]["verdict"] == "wrong_answer"


@pytest.mark.slow
def test_the_candidates_results_fragment_and_run_answer_follow_the_setting(client: httpx.Client,
                                                                           graded: dict[str, Any]) -> None:
    session, begun = graded["tests"]["session"], graded["tests"]["started"]
    url = f"/sessions/{session['id']}/attempts/{begun['attempt_id']}/results"
    candidate = client.get(url, headers=auth(session["candidate_token"]))
    interviewer = client.get(url, headers=auth(session["interviewer_token"]))
    assert candidate.status_code == interviewer.status_code == 200
    assert ADVICE not in candidate.text
    assert "Rubric" not in candidate.text
    assert ADVICE in interviewer.text
    state = client.get(f"/api/sessions/{session['id']}", headers=auth(session["candidate_token"])).json()
    assert state["latest_submit_id"] == begun["attempt_id"]  # a reloaded page follows it again
    run = client.post(f"/api/sessions/{session['id']}/run", json={"challenge": "softmax", "code": UNSTABLE},
                      headers=auth(session["candidate_token"]))
    assert run.status_code == 200
    assert ADVICE not in run.text
    assert run.json()["rubric"] == {}


@pytest.mark.slow
def test_the_candidates_session_stream_carries_no_score_with_tests_only(client: httpx.Client,
                                                                        graded: dict[str, Any]) -> None:
    session = graded["tests"]["session"]
    submits = read_session_events(client, session, "candidate_token", until="submit")
    assert submits
    assert "score" not in submits[0]
    rated = read_session_events(client, graded["tests_and_rubric"]["session"], "candidate_token", until="submit")
    assert "score" in rated[0]


@pytest.mark.slow
def test_after_the_end_the_candidates_view_stays_as_restrictive(client: httpx.Client, graded: dict[str, Any]) -> None:
    session, begun = graded["tests_and_rubric"]["session"], graded["tests_and_rubric"]["started"]
    assert client.post(f"/api/sessions/{session['id']}/end",
                       headers=auth(session["interviewer_token"])).status_code == 200
    url = f"/sessions/{session['id']}/attempts/{begun['attempt_id']}/results"
    assert ADVICE not in client.get(url, headers=auth(session["candidate_token"])).text
    events = follow(client, begun["events"], session["candidate_token"])
    assert ADVICE not in json.dumps(events)
    report = client.get(f"/api/sessions/{session['id']}/report", headers=auth(session["candidate_token"]))
    assert report.status_code == 403


def test_another_sessions_attempt_stream_is_not_found(client: httpx.Client) -> None:
    mine, theirs = started(client), started(client)
    response = client.get(f"/api/sessions/{mine['id']}/attempts/1/events", headers=auth(mine["candidate_token"]))
    assert response.status_code == 404
    assert client.get(f"/api/sessions/{theirs['id']}/attempts/abc/events",
                      headers=auth(theirs["candidate_token"])).status_code == 422


def read_session_events(client: httpx.Client, session: dict[str, Any], token: str, *, until: str
                        ) -> list[dict[str, Any]]:
    """The session's live events of kind `until` that are already stored (the stream never ends by itself)."""
    found: list[dict[str, Any]] = []
    with client.stream("GET", f"/api/sessions/{session['id']}/events", headers=auth(session[token]),
                       timeout=30) as response:
        kind = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                kind = line[len("event: "):]
            elif line.startswith("data: ") and kind == until:
                found.append(json.loads(line[len("data: "):]))
            elif line.startswith("data: ") and kind == "clock":
                break  # the clock follows the stored events of the first read
    return found


@pytest.mark.slow
def test_a_streamed_interview_submit_stores_the_same_report_as_a_direct_one(client: httpx.Client) -> None:
    session = started(client)
    begun = submit(client, session, ACCEPTED)
    streamed = [data for kind, data in follow(client, begun["events"], session["interviewer_token"])
                if kind == "part"][-1]
    assert streamed["status"] == "graded"
    direct = client.post(f"/api/sessions/{session['id']}/submit", json={"challenge": "softmax", "code": ACCEPTED},
                         headers=auth(session["candidate_token"]))
    assert direct.status_code == 200
    state = client.get(f"/api/sessions/{session['id']}", headers=auth(session["interviewer_token"])).json()
    stored = {run["id"]: run["report"] for run in state["runs"]}
    assert stable(stored[begun["attempt_id"]]) == stable(stored[direct.json()["attempt_id"]])
    assert stable(streamed["report"]) == stable(stored[begun["attempt_id"]])


def stable(report: dict[str, Any]) -> dict[str, Any]:
    """Without what two gradings of the same code never share: measured times and the probe drawn per grade."""
    normalised = normalised_report(report, volatile_tests=(OFFSET_PROBE_NAME,))
    return {key: value for key, value in normalised.items() if key not in ("timing", "cpu_seconds", "wall_seconds")}


def test_the_dashboard_shows_what_the_candidate_sees(server: ServerProcess) -> None:
    with server.client() as interviewer:
        sign_up(interviewer)
        created = create_session(interviewer, candidate_sees="tests_and_rubric")
        rows = interviewer.get("/api/me/sessions").json()
        assert [row["candidate_sees"] for row in rows if row["id"] == created["id"]] == ["tests_and_rubric"]
        page = interviewer.get("/sessions").text
        assert "Tests and rubric ratings (no fix advice)" in page


def test_an_underlined_interviewer_heading_is_cut_too() -> None:
    statement = ("Task\n====\nDo it.\n\nFor the interviewer\n-------------------\nThe trick.\n\n"
                 "Shapes\n------\nPublic.\n")
    stripped = strip_interviewer_sections(statement)
    assert "The trick" not in stripped
    assert "For the interviewer" not in stripped
    assert "Shapes\n------\nPublic." in stripped
    assert stripped.startswith("Task\n====\nDo it.")


def test_the_graders_guessed_fix_is_not_in_the_candidates_tests_or_summary() -> None:
    guessed = "expected shape (3,), got (3, 1): did you drop an axis that should be kept (keepdims=True)?"
    report = REPORT | {
        "summary": f"Wrong answer on example 'visible': {guessed} (0/2 passed).",
        "tests": [REPORT["tests"][0] | {"passed": False, "message": guessed},
                  REPORT["tests"][1] | {"message": guessed}]}
    for sees in ("tests", "tests_and_rubric"):
        shown = candidate_report(report, sees=sees)
        assert "keepdims" not in json.dumps(shown)
        assert [t["message"] for t in shown["tests"]] == ["expected shape (3,), got (3, 1)"] * 2
        assert shown["summary"] == "Wrong answer on example 'visible': expected shape (3,), got (3, 1) (0/2 passed)."


def test_a_submit_event_for_the_candidate_has_no_guessed_fix_and_a_score_only_with_the_rubric() -> None:
    payload = {"attempt_id": 3, "verdict": "wrong_answer", "score": None,
               "summary": "Wrong answer on example 'a': expected shape (3,), got (2,): did you reduce over axis 0 "
                          "instead of axis 1? (1/2 passed)."}
    shown = candidate_event_payload(payload, kind="submit", sees="tests")
    assert "score" not in shown
    assert shown["summary"] == "Wrong answer on example 'a': expected shape (3,), got (2,) (1/2 passed)."
    assert "score" in candidate_event_payload(payload, kind="submit", sees="tests_and_rubric")
    followup = {"text": "Why?"}
    assert candidate_event_payload(followup, kind="followup", sees="tests") == followup
