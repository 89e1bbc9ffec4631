"""Mock-interview sessions against a real server: tokens and roles, the server's clock, privacy of notes."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.collab import apply_changes
from tests._server import ServerProcess

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
ACCEPTED = (SOFTMAX / "accepted__vectorized.py").read_text()
NOTE_MARKER = "private-note-7f3a"
SUMMARY_MARKER = "scorecard-summary-91bc"
# Short sessions in seconds: the server allows them through its settings, like any deployment could.
FAST = {"session_min_seconds": "1", "session_grace_seconds": "0.3", "session_sweep_seconds": "0.2",
        "snapshot_max_bytes": "20000", "stream_poll_seconds": "0.1",
        "session_creates_burst": "1000"}  # this module creates dozens of sessions from one address


@pytest.fixture(scope="module")
def interview_server(tmp_path_factory: pytest.TempPathFactory,
                     new_app_database: Callable[[], Path | str]) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("interviews")
    running = ServerProcess(new_app_database(), folder / "server.log", **FAST).start()
    yield running
    running.stop()


@pytest.fixture
def api(interview_server: ServerProcess) -> Iterator[httpx.Client]:
    with interview_server.client() as client:
        yield client


def create(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"challenges": ["softmax"], "duration_minutes": 30} | fields
    response = api.post("/api/sessions", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def started(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    session = create(api, **fields)
    response = api.post(f"/api/sessions/{session['id']}/start", headers=auth(session["interviewer_token"]))
    assert response.status_code == 200, response.text
    return session


def read_stream(api: httpx.Client, session: dict[str, Any], token: str, *, seconds: float,
                until: str | None = None) -> list[dict[str, Any]]:
    """The events of the live stream for a while (or until one of kind `until` arrives)."""
    events: list[dict[str, Any]] = []
    kind = "message"
    deadline = time.monotonic() + seconds
    with api.stream("GET", f"/api/sessions/{session['id']}/events", headers=auth(token),
                    timeout=httpx.Timeout(10, read=seconds)) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        with contextlib.suppress(httpx.ReadTimeout):  # a quiet stream: nothing more to read in time
            for line in response.iter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    events.append({"event": kind, **json.loads(line[6:])})
                    if until is not None and kind == until:
                        break
                if time.monotonic() > deadline:
                    break
    return events


def wait_for(check: Any, *, seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


# Creating

def test_create_returns_two_links_with_256_bit_tokens_and_stores_only_their_hashes(
        api: httpx.Client, interview_server: ServerProcess) -> None:
    session = create(api, candidate_name="Ada")
    for role in ("candidate", "interviewer"):
        token = session[f"{role}_token"]
        assert len(token) >= 43  # 32 random bytes, URL-safe base64
        assert session[f"{role}_url"].endswith(f"/sessions/{session['id']}/{role}#{token}")
    assert session["candidate_token"] != session["interviewer_token"]
    dump = interview_server.dump_database()
    assert session["id"] in dump
    assert session["candidate_token"] not in dump
    assert session["interviewer_token"] not in dump


def test_random_challenges_come_from_the_chosen_lessons_and_difficulty(api: httpx.Client) -> None:
    session = create(api, challenges=None, random={"count": 2, "lessons": [5, 6], "difficulty": "medium"})
    catalog = {c["id"]: c for c in api.get("/api/challenges").json()}
    assert len(session["challenges"]) == 2
    for challenge in session["challenges"]:
        assert catalog[challenge]["lesson"] in (5, 6)
        assert catalog[challenge]["difficulty"] == "medium"


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"challenges": ["softmx"], "duration_minutes": 30}, 404, "Did you mean 'softmax'"),
    ({"challenges": ["softmax"], "duration_minutes": 0.001}, 422, "duration_minutes must be between"),
    ({"challenges": ["softmax"], "duration_minutes": 10_000}, 422, "duration_minutes must be between"),
    ({"duration_minutes": 30}, 422, 'either "challenges"'),
    ({"challenges": ["softmax"], "random": {"count": 1, "lessons": [2]}, "duration_minutes": 30}, 422, "not both"),
    ({"random": {"count": 6, "lessons": [2], "difficulty": "hard"}, "duration_minutes": 30}, 422, "have only"),
    ({"random": {"count": 1, "lessons": [42]}, "duration_minutes": 30}, 422, "No lesson 42"),
    ({"challenges": ["softmax", "softmax"], "duration_minutes": 30}, 422, "listed twice"),
])
def test_bad_create_requests_say_what_is_wrong(api: httpx.Client, body: dict[str, Any], status: int,
                                              words: str) -> None:
    response = api.post("/api/sessions", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert words in error["message"] + " ".join(error.get("details", []))


# Tokens and roles

def test_a_missing_or_wrong_token_is_401_and_an_unknown_session_404(api: httpx.Client) -> None:
    session = create(api)
    response = api.get(f"/api/sessions/{session['id']}")
    assert response.status_code == 401
    assert "Bearer" in response.json()["error"]["message"]
    assert response.headers["www-authenticate"] == "Bearer"
    assert api.get(f"/api/sessions/{session['id']}", headers=auth("x" * 43)).status_code == 401
    assert api.get(f"/api/sessions/{session['id']}", headers={"Authorization": "Basic abc"}).status_code == 401
    other = create(api)
    assert api.get(f"/api/sessions/{session['id']}", headers=auth(other["interviewer_token"])).status_code == 401
    assert api.get("/api/sessions/nope", headers=auth(session["interviewer_token"])).status_code == 404


@pytest.mark.parametrize(("method", "path", "body"), [
    ("PUT", "notes", {"notes": "x"}),
    ("GET", "notes", None),
    ("POST", "followups", {"text": "Why?"}),
    ("POST", "extend", {"minutes": 5}),
    ("POST", "end", None),
    ("GET", "scorecard", None),
    ("PUT", "scorecard", {"criteria": {"vectorization": 4}}),
    ("GET", "report", None),
    ("GET", "report.html", None),
])
def test_the_candidate_token_on_an_interviewer_endpoint_is_403(api: httpx.Client, method: str, path: str,
                                                               body: dict[str, Any] | None) -> None:
    session = started(api)
    response = api.request(method, f"/api/sessions/{session['id']}/{path}", json=body,
                           headers=auth(session["candidate_token"]))
    assert response.status_code == 403, response.text
    assert "interviewer" in response.json()["error"]["message"]


def test_the_interviewer_token_cannot_run_submit_or_send_snapshots(api: httpx.Client) -> None:
    session = started(api)
    for path in ("run", "submit", "snapshots"):
        response = api.post(f"/api/sessions/{session['id']}/{path}", json={"challenge": "softmax", "code": "x"},
                            headers=auth(session["interviewer_token"]))
        assert response.status_code == 403, response.text


# The clock

def test_run_before_the_start_is_409_and_the_candidate_may_start_only_when_allowed(api: httpx.Client) -> None:
    session = create(api)
    candidate = auth(session["candidate_token"])
    response = api.post(f"/api/sessions/{session['id']}/run", json={"challenge": "softmax", "code": ACCEPTED},
                        headers=candidate)
    assert response.status_code == 409
    assert "has not started" in response.json()["error"]["message"]
    state = api.get(f"/api/sessions/{session['id']}", headers=candidate).json()
    assert state["clock"]["status"] == "waiting"
    assert state["challenges"] == []  # the waiting room shows no statement yet
    assert state["challenge_ids"] == []
    assert state["challenge_count"] == 1
    assert api.post(f"/api/sessions/{session['id']}/start", headers=candidate).status_code == 403

    allowed = create(api, candidate_may_start=True)
    response = api.post(f"/api/sessions/{allowed['id']}/start", headers=auth(allowed["candidate_token"]))
    assert response.status_code == 200
    assert response.json()["status"] == "running"
    assert api.post(f"/api/sessions/{allowed['id']}/start",
                    headers=auth(allowed["interviewer_token"])).status_code == 409


@pytest.mark.slow
def test_run_and_submit_work_in_a_running_session_and_reach_the_interviewer(api: httpx.Client) -> None:
    session = started(api)
    candidate = auth(session["candidate_token"])
    run = api.post(f"/api/sessions/{session['id']}/run", json={"challenge": "softmax", "code": ACCEPTED},
                   headers=candidate)
    assert run.status_code == 200, run.text
    assert run.json()["verdict"] == "accepted"
    submit = api.post(f"/api/sessions/{session['id']}/submit", json={"challenge": "softmax", "code": ACCEPTED},
                      headers=candidate)
    assert submit.json()["verdict"] == "accepted"
    assert submit.json()["rubric"] == {}  # the default setting shows the candidate the tests only
    other = api.post(f"/api/sessions/{session['id']}/run", json={"challenge": "knn", "code": ACCEPTED},
                     headers=candidate)
    assert other.status_code == 404
    assert "not part of this session" in other.json()["error"]["message"]
    state = api.get(f"/api/sessions/{session['id']}", headers=auth(session["interviewer_token"])).json()
    assert [(r["mode"], r["verdict"]) for r in state["runs"]] == [("run", "accepted"), ("submit", "accepted")]
    assert [e["kind"] for e in state["timeline"]] == ["started", "run", "submit"]
    assert state["runs"][1]["report"]["rubric"]["vectorization"]["rating"] == "pass"  # the interviewer's: all
    scorecard = api.get(f"/api/sessions/{session['id']}/scorecard", headers=auth(session["interviewer_token"])).json()
    assert scorecard["is_prefilled"]
    assert scorecard["scorecard"]["criteria"]["vectorization"] == 4
    assert scorecard["scorecard"]["recommendation"] in ("yes", "strong_yes")


@pytest.mark.slow
def test_after_the_deadline_the_server_refuses_run_and_submit_and_submits_the_last_code(api: httpx.Client) -> None:
    session = started(api, duration_minutes=2 / 60)
    candidate = auth(session["candidate_token"])
    saved = api.post(f"/api/sessions/{session['id']}/snapshots", json={"challenge": "softmax", "code": ACCEPTED},
                     headers=candidate)
    assert saved.status_code == 200, saved.text
    time.sleep(2.1)
    for mode in ("run", "submit"):
        response = api.post(f"/api/sessions/{session['id']}/{mode}", json={"challenge": "softmax", "code": ACCEPTED},
                            headers=candidate)
        assert response.status_code == 409
        assert "Time is up" in response.json()["error"]["message"] or "over" in response.json()["error"]["message"]
    interviewer = auth(session["interviewer_token"])

    def final_submit() -> list[dict[str, Any]]:
        runs = api.get(f"/api/sessions/{session['id']}", headers=interviewer).json()["runs"]
        return [r for r in runs if r["automatic"] and r["status"] == "graded"]

    automatic = wait_for(final_submit)
    assert automatic[0]["code"] == ACCEPTED
    assert automatic[0]["verdict"] == "accepted"
    state = api.get(f"/api/sessions/{session['id']}", headers=candidate).json()
    assert state["clock"]["status"] == "ended"
    assert state["clock"]["end_reason"] == "time"
    assert state["clock"]["remaining_seconds"] == 0
    late = api.post(f"/api/sessions/{session['id']}/snapshots", json={"challenge": "softmax", "code": "late"},
                    headers=candidate)
    assert late.status_code == 409


def test_end_closes_the_session_at_once_and_extend_moves_the_deadline(api: httpx.Client) -> None:
    session = started(api)
    interviewer, candidate = auth(session["interviewer_token"]), auth(session["candidate_token"])
    before = api.get(f"/api/sessions/{session['id']}", headers=candidate).json()["clock"]
    extended = api.post(f"/api/sessions/{session['id']}/extend", json={"minutes": 5}, headers=interviewer).json()
    assert extended["extension_seconds"] == 300
    assert extended["remaining_seconds"] > before["remaining_seconds"] + 290
    assert api.post(f"/api/sessions/{session['id']}/extend", json={"minutes": -1},
                    headers=interviewer).status_code == 422

    ended = api.post(f"/api/sessions/{session['id']}/end", headers=interviewer)
    assert ended.json()["status"] == "ended"
    response = api.post(f"/api/sessions/{session['id']}/run", json={"challenge": "softmax", "code": ACCEPTED},
                        headers=candidate)
    assert response.status_code == 409
    assert "the interviewer ended it" in response.json()["error"]["message"]
    assert api.post(f"/api/sessions/{session['id']}/end", headers=interviewer).status_code == 409
    assert api.post(f"/api/sessions/{session['id']}/extend", json={"minutes": 5},
                    headers=interviewer).status_code == 409


@pytest.mark.slow
def test_a_restart_keeps_the_session_and_the_clock_resumes(tmp_path: Path, app_database: Path | str) -> None:
    server = ServerProcess(app_database, tmp_path / "server.log", **FAST).start()
    try:
        with server.client() as api:
            session = started(api, duration_minutes=10)
            candidate = auth(session["candidate_token"])
            api.post(f"/api/sessions/{session['id']}/snapshots", json={"challenge": "softmax", "code": "# mine\n"},
                     headers=candidate)
            before = api.get(f"/api/sessions/{session['id']}", headers=candidate).json()["clock"]
        server.stop()
        time.sleep(1.5)
        server.start()
        with server.client() as api:
            after = api.get(f"/api/sessions/{session['id']}", headers=candidate).json()
        assert after["clock"]["status"] == "running"
        assert after["clock"]["deadline"] == before["deadline"]
        lost = before["remaining_seconds"] - after["clock"]["remaining_seconds"]
        assert 1.5 <= lost < 30  # the time the server was down still counted
        assert after["code"] == {"softmax": "# mine\n"}
    finally:
        server.stop()


# Snapshots

def test_snapshots_are_size_capped_and_rate_limited(api: httpx.Client) -> None:
    session = started(api)
    candidate = auth(session["candidate_token"])
    url = f"/api/sessions/{session['id']}/snapshots"
    too_big = api.post(url, json={"challenge": "softmax", "code": "x" * 20_001}, headers=candidate)
    assert too_big.status_code == 413
    assert "20,000" in too_big.json()["error"]["message"]
    statuses = [api.post(url, json={"challenge": "softmax", "code": f"# {i}"}, headers=candidate).status_code
                for i in range(60)]
    assert statuses[0] == 200
    assert 429 in statuses
    limited = api.post(url, json={"challenge": "softmax", "code": "#"}, headers=candidate)
    assert limited.status_code == 429
    assert limited.headers["retry-after"]
    assert "a minute" in limited.json()["error"]["message"]


def test_the_interviewer_stream_carries_snapshots_with_event_ids(api: httpx.Client) -> None:
    session = started(api)
    api.post(f"/api/sessions/{session['id']}/snapshots", json={"challenge": "softmax", "code": "# typed\n"},
             headers=auth(session["candidate_token"]))
    events = read_stream(api, session, session["interviewer_token"], seconds=5, until="snapshot")
    snapshot = next(e for e in events if e["event"] == "snapshot")
    assert snapshot["code"] == "# typed\n"
    assert snapshot["id"] > 0
    assert events[0]["event"] == "started" or any(e["event"] == "clock" for e in events)


# Privacy of notes and the scorecard

def test_notes_and_scorecard_never_reach_the_candidate(api: httpx.Client) -> None:
    session = started(api)
    interviewer, candidate = auth(session["interviewer_token"]), auth(session["candidate_token"])
    assert api.put(f"/api/sessions/{session['id']}/notes", json={"notes": f"**Strong** {NOTE_MARKER}"},
                   headers=interviewer).status_code == 200
    card = {"criteria": {"vectorization": 3, "numerical_stability": 2}, "recommendation": "yes",
            "summary": SUMMARY_MARKER}
    saved = api.put(f"/api/sessions/{session['id']}/scorecard", json=card, headers=interviewer).json()
    assert saved["scorecard"]["criteria"]["vectorization"] == 3
    assert not saved["is_prefilled"]
    followup = api.post(f"/api/sessions/{session['id']}/followups", json={"challenge": "softmax", "index": 0},
                        headers=interviewer)
    assert followup.status_code == 200
    assert "subtracting the maximum" in followup.json()["text"]

    seen = api.get(f"/api/sessions/{session['id']}", headers=candidate).text
    seen += json.dumps(read_stream(api, session, session["candidate_token"], seconds=1.5))
    assert "subtracting the maximum" in seen  # the follow-up did arrive
    assert NOTE_MARKER not in seen
    assert SUMMARY_MARKER not in seen
    assert "scorecard" not in seen

    mine = api.get(f"/api/sessions/{session['id']}", headers=interviewer).text
    assert NOTE_MARKER in mine
    report = api.get(f"/api/sessions/{session['id']}/report", headers=interviewer).json()
    assert NOTE_MARKER in report["notes"]
    assert "<strong>Strong</strong>" in report["notes_html"]
    assert report["scorecard"]["summary"] == SUMMARY_MARKER


@pytest.mark.parametrize(("body", "words"), [
    ({"criteria": {"vectorization": 5}}, "1 to 4"),
    ({"criteria": {"speed": 3}}, "unknown criteria"),
    ({"criteria": {}, "recommendation": "maybe"}, "recommendation"),
])
def test_a_bad_scorecard_is_422_with_the_reason(api: httpx.Client, body: dict[str, Any], words: str) -> None:
    session = started(api)
    response = api.put(f"/api/sessions/{session['id']}/scorecard", json=body,
                       headers=auth(session["interviewer_token"]))
    assert response.status_code == 422
    assert words in json.dumps(response.json())


def test_follow_ups_and_hints_say_what_is_wrong(api: httpx.Client) -> None:
    session = started(api)
    interviewer, candidate = auth(session["interviewer_token"]), auth(session["candidate_token"])
    url = f"/api/sessions/{session['id']}/followups"
    assert "follow-ups 0 to" in api.post(url, json={"challenge": "softmax", "index": 99},
                                         headers=interviewer).json()["error"]["message"]
    assert api.post(url, json={"text": "  "}, headers=interviewer).status_code == 422
    assert api.post(url, json={"text": "Why axis=-1?"}, headers=interviewer).status_code == 200
    hint = api.post(f"/api/sessions/{session['id']}/hints", json={"challenge": "softmax"}, headers=candidate)
    assert hint.status_code == 403
    assert "Hints are off" in hint.json()["error"]["message"]
    with_hints = started(api, hints_allowed=True)
    shown = api.post(f"/api/sessions/{with_hints['id']}/hints", json={"challenge": "softmax"},
                     headers=auth(with_hints["candidate_token"]))
    assert shown.json()["revealed"] == 1


# The report

@pytest.mark.slow
def test_the_report_has_playback_timeline_and_a_self_contained_html_file(api: httpx.Client) -> None:
    session = started(api, candidate_name="Ada")
    interviewer, candidate = auth(session["interviewer_token"]), auth(session["candidate_token"])
    for code in ("import numpy as np\n", ACCEPTED):
        api.post(f"/api/sessions/{session['id']}/snapshots", json={"challenge": "softmax", "code": code},
                 headers=candidate)
        time.sleep(0.2)
    api.post(f"/api/sessions/{session['id']}/submit", json={"challenge": "softmax", "code": ACCEPTED},
             headers=candidate)
    api.post(f"/api/sessions/{session['id']}/followups", json={"text": "Now log-softmax?"}, headers=interviewer)
    api.post(f"/api/sessions/{session['id']}/end", headers=interviewer)
    report = api.get(f"/api/sessions/{session['id']}/report", headers=interviewer).json()
    assert report["session"]["candidate_name"] == "Ada"
    texts, text = [], report["starters"]["softmax"]
    for update in report["playback"]:  # the update log: applied in order, it gives each moment's text
        text = apply_changes(text, update["changes"])
        texts.append(text)
    assert texts == ["import numpy as np\n", ACCEPTED]
    assert report["playback"][0]["t"] < report["playback"][1]["t"]
    assert report["challenges"][0]["verdict"] == "accepted"
    assert report["challenges"][0]["final_code"] == ACCEPTED
    kinds = [e["kind"] for e in report["timeline"]]
    assert kinds[:1] == ["started"]
    assert {"submit", "followup", "ended"} <= set(kinds)
    download = api.get(f"/api/sessions/{session['id']}/report?download=1", headers=interviewer)
    assert "attachment" in download.headers["content-disposition"]

    html = api.get(f"/api/sessions/{session['id']}/report.html", headers=interviewer)
    assert html.status_code == 200
    assert "attachment" in html.headers["content-disposition"]
    page = html.text
    assert "<style>" in page
    assert 'id="report-data"' in page
    assert "<script src=" not in page
    assert 'rel="stylesheet"' not in page
    assert "Now log-softmax?" in page


@pytest.mark.slow
def test_two_workers_share_sessions_streams_and_the_clock_through_the_database(tmp_path: Path,
                                                                               app_database: Path | str) -> None:
    server = ServerProcess(app_database, tmp_path / "server.log", workers="2", slots="1", **FAST).start()
    try:
        with server.client() as api:
            session = started(api, duration_minutes=3 / 60)
        candidate = auth(session["candidate_token"])
        codes = [f"# edit {i}\n" for i in range(8)]
        for code in codes:  # a new connection each: the two workers take them in turn, as the kernel pleases
            with server.client() as fresh:
                response = fresh.post(f"/api/sessions/{session['id']}/snapshots",
                                      json={"challenge": "softmax", "code": code}, headers=candidate)
                assert response.status_code == 200, response.text
        with server.client() as api:
            events = read_stream(api, session, session["interviewer_token"], seconds=8, until="ended")
        assert [e["code"] for e in events if e["event"] == "snapshot"] == codes
        ended = [e for e in events if e["event"] == "ended"]
        assert len(ended) == 1  # two sweeps, one end
        assert ended[0]["reason"] == "time"
        with server.client() as api:
            interviewer = auth(session["interviewer_token"])

            def automatic() -> list[dict[str, Any]]:
                runs = api.get(f"/api/sessions/{session['id']}", headers=interviewer).json()["runs"]
                return [r for r in runs if r["automatic"]]

            wait_for(lambda: [r for r in automatic() if r["status"] == "graded"])
            time.sleep(1)  # the other worker's sweep had its chance too
            assert [r["code"] for r in automatic()] == [codes[-1]]  # submitted once, not once per worker
    finally:
        server.stop()
    assert "Started parent process" in server.log() or server.log().count("Application startup complete") >= 2


@pytest.mark.slow
def test_an_open_live_stream_does_not_hold_up_a_stopping_server(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "db.sqlite3", tmp_path / "server.log", **FAST).start()
    with server.client() as api:
        session = started(api)
        with api.stream("GET", f"/api/sessions/{session['id']}/events",
                        headers=auth(session["interviewer_token"])) as response:
            assert response.status_code == 200
            lines = response.iter_lines()  # held: a dropped iterator closes the connection, and the server sees that
            next(lines)
            began = time.monotonic()
            server.stop()
            stopped_seconds = time.monotonic() - began
            lines.close()
    assert stopped_seconds < 5, f"the server took {stopped_seconds:.1f} s to stop with a stream open"
    assert "timeout graceful shutdown exceeded" not in server.log()


@pytest.mark.slow
def test_a_grade_cut_off_by_kill_9_is_marked_interrupted_and_the_session_carries_on(
        tmp_path: Path, app_database: Path | str) -> None:
    server = ServerProcess(app_database, tmp_path / "server.log", **FAST).start()
    slow = "import time\ntime.sleep(3)\n\ndef softmax(z, axis=-1):\n    return z\n"
    try:
        with server.client() as api:
            session = started(api)
            candidate, interviewer = auth(session["candidate_token"]), auth(session["interviewer_token"])

            def submit() -> None:
                with contextlib.suppress(httpx.TransportError):  # the server dies under it: expected
                    api.post(f"/api/sessions/{session['id']}/submit", json={"challenge": "softmax", "code": slow},
                             headers=candidate)

            grading = threading.Thread(target=submit)
            grading.start()
            with server.client() as watcher:
                wait_for(lambda: watcher.get(f"/api/sessions/{session['id']}", headers=interviewer).json()["runs"])
            time.sleep(0.3)
            server.kill()
            grading.join()
        server.start()
        with server.client() as api:
            state = api.get(f"/api/sessions/{session['id']}", headers=interviewer).json()
            assert [(r["status"], r["code"]) for r in state["runs"]] == [("interrupted", slow)]
            assert state["clock"]["status"] == "running"
            again = api.post(f"/api/sessions/{session['id']}/run", json={"challenge": "softmax", "code": ACCEPTED},
                             headers=candidate)
            assert again.json()["verdict"] == "accepted"
    finally:
        server.stop()
