"""Pair programming against a real server and SQLite file: the server is the shared document's authority."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.collab import ChangeSet, apply_changes, utf16_length
from tests._server import ServerProcess

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
ACCEPTED = (SOFTMAX / "accepted__vectorized.py").read_text()
FAST = {"session_min_seconds": "1", "session_grace_seconds": "0.3", "session_sweep_seconds": "0.2",
        "collab_pushes_per_minute": "120", "max_code_bytes": "4000", "collab_wait_seconds": "3"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, module_database: Path | str) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("pairing")
    running = ServerProcess(module_database, folder / "server.log", **FAST).start()
    yield running
    running.stop()


@pytest.fixture
def api(server: ServerProcess) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def started(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"challenges": ["softmax"], "duration_minutes": 30} | fields
    session: dict[str, Any] = api.post("/api/sessions", json=body).json()
    response = api.post(f"/api/sessions/{session['id']}/start", headers=auth(session["interviewer_token"]))
    assert response.status_code == 200, response.text
    return session


def starter(api: httpx.Client, session: dict[str, Any]) -> str:
    state = api.get(f"/api/sessions/{session['id']}", headers=auth(session["candidate_token"])).json()
    text: str = state["challenges"][0]["starter"]
    return text


def insert(doc: str, pos: int, text: str) -> list[Any]:
    """The ChangeSet JSON of one insertion, as CodeMirror writes it."""
    parts: list[Any] = [pos] if pos else []
    parts.append([0, *text.split("\n")])
    rest = utf16_length(doc) - pos
    return parts + ([rest] if rest else [])


def replace_all(doc: str, text: str) -> list[Any]:
    return [[utf16_length(doc), *text.split("\n")]]


def push(api: httpx.Client, session: dict[str, Any], token: str, version: int, changes: list[Any],
         client_id: str = "c1", challenge: str = "softmax") -> httpx.Response:
    return api.post(f"/api/sessions/{session['id']}/updates", headers=auth(token), json={
        "challenge": challenge, "version": version, "updates": [{"clientID": client_id, "changes": changes}]})


def pull(api: httpx.Client, session: dict[str, Any], token: str, version: int = 0, **params: Any) -> dict[str, Any]:
    response = api.get(f"/api/sessions/{session['id']}/updates", headers=auth(token),
                       params={"challenge": "softmax", "version": version, **params}, timeout=30)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def text_of(api: httpx.Client, session: dict[str, Any]) -> str:
    state = api.get(f"/api/sessions/{session['id']}", headers=auth(session["interviewer_token"])).json()
    code: str = state["code"]["softmax"]
    return code


def test_a_push_at_an_old_version_is_refused_and_names_the_current_one(api: httpx.Client) -> None:
    session = started(api)
    doc = starter(api, session)
    first = push(api, session, session["candidate_token"], 0, insert(doc, 0, "# a\n"))
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 1
    stale = push(api, session, session["interviewer_token"], 0, insert(doc, 0, "# b\n"), client_id="c2")
    assert stale.status_code == 409
    assert stale.json()["error"]["version"] == 1
    assert "Pull" in stale.json()["error"]["message"]
    assert text_of(api, session) == "# a\n" + doc


def test_concurrent_pushes_at_one_version_store_exactly_one(api: httpx.Client, server: ServerProcess) -> None:
    session = started(api)
    doc = starter(api, session)
    statuses: list[int] = []

    def one(index: int) -> None:
        with server.client() as own:
            token = session["candidate_token"] if index % 2 else session["interviewer_token"]
            statuses.append(push(own, session, token, 0, insert(doc, 0, f"# {index}\n"), client_id=f"t{index}")
                            .status_code)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409, 409, 409, 409, 409]
    log = pull(api, session, session["candidate_token"])
    assert [u["version"] for u in log["updates"]] == [1]
    assert text_of(api, session) == apply_changes(doc, log["updates"][0]["changes"])


def test_two_clients_that_pull_and_rebase_after_a_refusal_converge(api: httpx.Client) -> None:
    session = started(api)
    doc = starter(api, session)
    end = utf16_length(doc)
    mine, theirs = insert(doc, 0, "# candidate\n"), insert(doc, end, "# interviewer\n")
    assert push(api, session, session["candidate_token"], 0, mine, client_id="cand").status_code == 200
    refused = push(api, session, session["interviewer_token"], 0, theirs, client_id="intv")
    assert refused.status_code == 409
    # The interviewer's editor pulls, maps its insertion over the candidate's and pushes again: nothing lost.
    pulled = pull(api, session, session["interviewer_token"], 0)
    rebased_at = ChangeSet.from_json(pulled["updates"][0]["changes"]).map_pos(end, 1)
    current = apply_changes(doc, mine)
    again = push(api, session, session["interviewer_token"], pulled["version"],
                 insert(current, rebased_at, "# interviewer\n"), client_id="intv")
    assert again.status_code == 200, again.text
    assert text_of(api, session) == "# candidate\n" + doc + "# interviewer\n"
    log = pull(api, session, session["candidate_token"])["updates"]
    assert [(u["author"], u["clientID"]) for u in log] == [("candidate", "cand"), ("interviewer", "intv")]


def test_the_interviewer_cannot_type_once_the_toggle_is_off(api: httpx.Client) -> None:
    session = started(api)
    doc = starter(api, session)
    interviewer, candidate = session["interviewer_token"], session["candidate_token"]
    assert pull(api, session, candidate)["interviewer_may_type"] is True
    by_candidate = api.put(f"/api/sessions/{session['id']}/pairing", headers=auth(candidate),
                           json={"interviewer_may_type": False})
    assert by_candidate.status_code == 403
    off = api.put(f"/api/sessions/{session['id']}/pairing", headers=auth(interviewer),
                  json={"interviewer_may_type": False})
    assert off.status_code == 200
    assert off.json() == {"interviewer_may_type": False}
    refused = push(api, session, interviewer, 0, insert(doc, 0, "# mine\n"))
    assert refused.status_code == 403
    assert "Interviewer may type" in refused.json()["error"]["message"]
    assert push(api, session, candidate, 0, insert(doc, 0, "# mine\n")).status_code == 200
    state = api.get(f"/api/sessions/{session['id']}", headers=auth(candidate)).json()
    assert state["interviewer_may_type"] is False
    assert state["versions"] == {"softmax": 1}


def test_an_update_that_does_not_fit_the_document_is_refused(api: httpx.Client) -> None:
    session = started(api)
    doc = starter(api, session)
    token = session["candidate_token"]
    too_long = push(api, session, token, 0, [utf16_length(doc) + 5])
    assert too_long.status_code == 422
    assert "does not apply" in too_long.json()["error"]["message"]
    for hostile in ([["x"]], [[-1, "a"]], "not a list", [[0, 7]]):
        response = push(api, session, token, 0, hostile)  # type: ignore[arg-type]
        assert response.status_code == 422, (hostile, response.text)
    assert api.get(f"/api/sessions/{session['id']}", headers=auth(token)).json()["versions"] == {}


def test_hostile_bodies_get_a_clear_4xx_and_the_server_stays_up(api: httpx.Client) -> None:
    session = started(api)
    headers = auth(session["interviewer_token"]) | {"Content-Type": "application/json"}
    base = f"/api/sessions/{session['id']}"
    deep_push = ('{"challenge": "softmax", "version": 0, "updates": [{"clientID": "x", "changes": '
                 + "[" * 40_000 + "]" * 40_000 + "}]}")
    cases: list[tuple[str, str, str | bytes, int]] = [
        ("POST", "/updates", deep_push, 422),
        ("PUT", "/presence", '{"ranges": ' + "[" * 7000 + "]" * 7000 + "}", 422),
        ("PUT", "/pairing", '{"interviewer_may_type": ' + "[" * 7000 + "]" * 7000 + "}", 422),
        ("POST", "/updates", "not json", 422),
        ("POST", "/updates", b"\xff\xfe", 422),
        ("POST", "/updates", '{"challenge": "softmax", "version": -1, "updates": []}', 422),
        ("POST", "/updates", '{"challenge": "softmax", "version": 0, "updates": [{"clientID": 5, "changes": []}]}',
         422),
        ("PUT", "/presence", '{"ranges": [{"anchor": -1, "head": 0}]}', 422),
        ("PUT", "/presence", '{"ranges": [' + ", ".join(['{"anchor": 0, "head": 0}'] * 21) + "]}", 422),
        ("PUT", "/presence", "x" * 20_000, 413),
        ("PUT", "/pairing", '{"interviewer_may_type": "maybe"}', 422),
    ]
    for method, path, body, status in cases:
        response = api.request(method, base + path, content=body, headers=headers)
        assert response.status_code == status, (path, str(body)[:60], response.text[:200])
        assert response.json()["error"]["message"]
    assert api.get("/healthz").status_code == 200
    assert pull(api, session, session["candidate_token"])["version"] == 0


def test_a_document_over_the_code_limit_is_refused_with_the_limit(api: httpx.Client) -> None:
    session = started(api)
    doc = starter(api, session)
    response = push(api, session, session["candidate_token"], 0, insert(doc, 0, "x" * 5000))
    assert response.status_code == 413
    assert "4,000 bytes" in response.json()["error"]["message"]
    # The push itself: at most 6x the code limit (JSON escapes) and some room for the updates' framing.
    huge = push(api, session, session["candidate_token"], 0, insert(doc, 0, "\u0001" * 20_000))
    assert huge.status_code == 413
    assert "limit" in huge.json()["error"]["message"]
    assert api.get(f"/api/sessions/{session['id']}", headers=auth(session["candidate_token"])).json()["versions"] == {}
    # A paste over the limit and its undo, still pending together, leave a text within it: accepted.
    pasted = doc + "x" * 5000
    both = api.post(f"/api/sessions/{session['id']}/updates", headers=auth(session["candidate_token"]), json={
        "challenge": "softmax", "version": 0, "updates": [
            {"clientID": "c1", "changes": insert(doc, utf16_length(doc), "x" * 5000)},
            {"clientID": "c1", "changes": [utf16_length(doc), [5000]]}]})
    assert both.status_code == 200, both.text
    assert len(pasted) > 4000
    assert text_of(api, session) == doc


def test_pushes_over_the_rate_are_refused_with_retry_after(api: httpx.Client) -> None:
    session = started(api)
    doc = starter(api, session)
    version, codes = 0, []
    for _index in range(25):  # 120 a minute is 20 in 10 s
        response = push(api, session, session["candidate_token"], version, insert(doc, 0, "#"))
        codes.append(response.status_code)
        if response.status_code == 200:
            version, doc = response.json()["version"], "#" + doc
        else:
            assert response.headers["Retry-After"] == "1"
            break
    assert codes[-1] == 429
    assert codes[:-1] == [200] * 20
    # The other person's quota is their own.
    assert push(api, session, session["interviewer_token"], version, insert(doc, 0, "!")).status_code == 200


def test_a_waiting_pull_answers_as_soon_as_the_other_person_types(api: httpx.Client, server: ServerProcess) -> None:
    session = started(api)
    doc = starter(api, session)
    first = pull(api, session, session["candidate_token"], 0)
    answers: list[tuple[float, dict[str, Any]]] = []

    def wait() -> None:
        began = time.monotonic()
        with server.client() as own:
            answers.append((began, pull(own, session, session["candidate_token"], 0, wait=1,
                                        presence=first["presence_stamp"])))

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.5)
    pushed_at = time.monotonic()
    assert push(api, session, session["interviewer_token"], 0, insert(doc, 0, "# hi\n")).status_code == 200
    waiter.join()
    began, answer = answers[0]
    assert [u["author"] for u in answer["updates"]] == ["interviewer"]
    assert pushed_at - began >= 0.4  # it did wait for the push, and did not run out its 3 s
    assert answer["version"] == 1


def test_a_person_holds_at_most_four_waiting_pulls(api: httpx.Client, server: ServerProcess) -> None:
    session = started(api)
    stamp = pull(api, session, session["candidate_token"])["presence_stamp"]
    answers: list[int] = []

    def wait() -> None:
        with server.client() as own:
            answers.append(own.get(f"/api/sessions/{session['id']}/updates", headers=auth(session["candidate_token"]),
                                   params={"challenge": "softmax", "wait": 1, "presence": stamp}).status_code)

    waiters = [threading.Thread(target=wait) for _ in range(4)]
    for waiter in waiters:
        waiter.start()
    time.sleep(0.5)
    fifth = api.get(f"/api/sessions/{session['id']}/updates", headers=auth(session["candidate_token"]),
                    params={"challenge": "softmax", "wait": 1, "presence": stamp})
    assert fifth.status_code == 429
    assert fifth.headers["Retry-After"] == "1"
    # A heartbeat changes the presence the four wait on: they answer at once.
    api.put(f"/api/sessions/{session['id']}/presence", headers=auth(session["interviewer_token"]),
            json={"challenge": "softmax", "ranges": [{"anchor": 1, "head": 1}]})
    for waiter in waiters:
        waiter.join()
    assert answers == [200] * 4


def test_presence_shows_cursors_and_who_is_connected_or_away(api: httpx.Client) -> None:
    session = started(api)
    url = f"/api/sessions/{session['id']}/presence"
    saved = api.put(url, headers=auth(session["interviewer_token"]),
                    json={"challenge": "softmax", "ranges": [{"anchor": 3, "head": 7}], "visible": True})
    assert saved.status_code == 200, saved.text
    api.put(url, headers=auth(session["candidate_token"]), json={"challenge": "softmax", "visible": False})
    shown = {p["role"]: p for p in pull(api, session, session["candidate_token"])["presence"]}
    assert shown["interviewer"]["status"] == "connected"
    assert shown["interviewer"]["ranges"] == [{"anchor": 3, "head": 7}]
    assert shown["candidate"]["status"] == "away"  # the tab is hidden
    wrong = api.put(url, headers=auth(session["candidate_token"]), json={"challenge": "nope"})
    assert wrong.status_code == 404


def test_the_waiting_candidate_cannot_pull_a_guessed_challenge(api: httpx.Client) -> None:
    session = api.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30}).json()
    candidate = auth(session["candidate_token"])
    for challenge in ("softmax", "kmeans"):  # in the session or not: the same answer
        response = api.get(f"/api/sessions/{session['id']}/updates", headers=candidate,
                           params={"challenge": challenge, "version": 0})
        assert response.status_code == 409
        assert "not started" in response.json()["error"]["message"]
        moved = api.put(f"/api/sessions/{session['id']}/presence", headers=candidate, json={"challenge": challenge})
        assert moved.status_code == 409
    interviewer = api.get(f"/api/sessions/{session['id']}/updates", headers=auth(session["interviewer_token"]),
                          params={"challenge": "softmax", "version": 0})
    assert interviewer.status_code == 200


def test_run_with_the_page_version_grades_the_server_text(api: httpx.Client) -> None:
    session = started(api)
    doc = starter(api, session)
    pushed = push(api, session, session["candidate_token"], 0, replace_all(doc, ACCEPTED))
    assert pushed.status_code == 200
    response = api.post(f"/api/sessions/{session['id']}/run", params={"version": 1},
                        headers=auth(session["candidate_token"]), json={"challenge": "softmax", "code": "stale"},
                        timeout=120)
    assert response.status_code == 200, response.text
    runs = api.get(f"/api/sessions/{session['id']}", headers=auth(session["interviewer_token"])).json()["runs"]
    assert [r["code"] for r in runs] == [ACCEPTED]


@pytest.mark.slow
def test_the_deadline_final_submit_grades_the_server_text_and_playback_reproduces_it(api: httpx.Client) -> None:
    session = started(api, duration_minutes=3 / 60)
    doc = starter(api, session)
    candidate, interviewer = session["candidate_token"], session["interviewer_token"]
    assert push(api, session, candidate, 0, replace_all(doc, ACCEPTED), client_id="cand").status_code == 200
    note = "# the interviewer's comment\n"
    assert push(api, session, interviewer, 1, insert(ACCEPTED, 0, note), client_id="intv").status_code == 200
    final_text = note + ACCEPTED
    time.sleep(3.5)
    state: dict[str, Any] = {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = api.get(f"/api/sessions/{session['id']}", headers=auth(interviewer)).json()
        if any(r["automatic"] and r["status"] == "graded" for r in state["runs"]):
            break
        time.sleep(0.2)
    automatic = [r for r in state["runs"] if r["automatic"]]
    assert [r["code"] for r in automatic] == [final_text]
    assert automatic[0]["verdict"] == "accepted"
    late = push(api, session, candidate, 2, insert(final_text, 0, "late"))
    assert late.status_code == 409
    report = api.get(f"/api/sessions/{session['id']}/report", headers=auth(interviewer)).json()
    text = report["starters"]["softmax"]
    for update in report["playback"]:
        text = apply_changes(text, update["changes"])
    assert text == final_text == report["challenges"][0]["final_code"]
    assert [u["author"] for u in report["playback"]] == ["candidate", "interviewer"]


@pytest.mark.slow
def test_pushes_reach_waiting_pulls_on_every_worker(tmp_path: Path, app_database: Path | str) -> None:
    """Two uvicorn workers share only the database: a pull waiting on either hears of a push to either."""
    running = ServerProcess(app_database, tmp_path / "server.log", workers="2").start()
    try:
        with running.client() as api:
            session = started(api)
            doc = starter(api, session)
            stamp = pull(api, session, session["candidate_token"])["presence_stamp"]
            answers: list[dict[str, Any]] = []

            def wait(token: str) -> None:
                with running.client() as own:  # a connection each: the kernel spreads them over the workers
                    answers.append(pull(own, session, token, 0, wait=1, presence=stamp))

            # Three each: under the cap of waiting pulls a person may hold on one worker.
            waiters = [threading.Thread(target=wait, args=(session[f"{role}_token"],))
                       for role in ("candidate", "interviewer") for _ in range(3)]
            for waiter in waiters:
                waiter.start()
            time.sleep(1.0)
            began = time.monotonic()
            assert push(api, session, session["interviewer_token"], 0, insert(doc, 0, "# hi\n")).status_code == 200
            for waiter in waiters:
                waiter.join()
            waited = time.monotonic() - began
    finally:
        running.stop()
    assert [len(a["updates"]) for a in answers] == [1] * 6
    assert waited < 5  # well before the 20 s wait ran out, on the worker that took the push or not
