"""Authors' own questions against a real server: the API, validation in the sandbox, sessions that use them."""

from __future__ import annotations

import io
import textwrap
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.catalog import DEFAULT_CHALLENGES_DIR
from tests._server import ServerProcess
from tests.app._accounts import bearer, sign_up
from tests.app._questions import ACCEPTED, REFERENCE, WRONG_AXIS, draft, with_generator


@pytest.fixture(scope="module")
def questions_server(tmp_path_factory: pytest.TempPathFactory,
                     new_app_database: Callable[[], Path | str]) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("questions")
    # One address makes every save here; the limit itself has a server of its own below.
    running = ServerProcess(new_app_database(), folder / "server.log", question_saves_burst="10000",
                            session_creates_burst="10000").start()
    yield running
    running.stop()


@pytest.fixture
def author(questions_server: ServerProcess) -> Iterator[httpx.Client]:
    with questions_server.client() as client:
        sign_up(client)
        yield client


@pytest.fixture
def other(questions_server: ServerProcess) -> Iterator[httpx.Client]:
    with questions_server.client() as client:
        sign_up(client, display_name="Someone Else")
        yield client


def create(client: httpx.Client, body: dict[str, Any] | None = None) -> str:
    response = client.post("/api/questions", json=body or draft())
    assert response.status_code == 201, response.text
    question_id: str = response.json()["id"]
    return question_id


def refusal(client: httpx.Client, body: dict[str, Any]) -> str:
    """The 422's message for a draft the server must refuse."""
    response = client.post("/api/questions", json=body)
    assert response.status_code == 422, response.text
    message: str = response.json()["error"]["message"]
    return message


# The API: login, ownership, bodies

def test_every_question_endpoint_needs_a_login(questions_server: ServerProcess) -> None:
    with questions_server.client() as anonymous:
        for method, path in (("GET", "/api/questions"), ("POST", "/api/questions"), ("GET", "/api/questions/q_1"),
                             ("PUT", "/api/questions/q_1"), ("DELETE", "/api/questions/q_1"),
                             ("GET", "/api/questions/q_1/export"), ("POST", "/api/questions/import")):
            response = anonymous.request(method, path, json=draft() if method in ("POST", "PUT") else None)
            assert response.status_code == 401, (method, path, response.text)


def test_a_question_is_created_validated_listed_read_updated_and_deleted(author: httpx.Client) -> None:
    question_id = create(author)
    assert question_id.startswith("q_")
    one = author.get(f"/api/questions/{question_id}").json()
    assert one["draft"] == draft() | {"rtol": 1e-6, "atol": 1e-8, "loop_sizes": [16, 64]}
    assert one["validation"]["case_count"] == 4
    assert one["validation"]["visible_count"] == 1
    assert one["validation"]["case_names"] == ["example", "wide", "tall", "one row"]
    assert one["validation"]["timing_sizes"] == [100, 1000, 4000]
    assert one["validation"]["has_naive"] is True
    listed = author.get("/api/questions").json()
    assert [(q["id"], q["title"], q["case_count"]) for q in listed] == [(question_id, "Center the rows", 4)]
    updated = author.put(f"/api/questions/{question_id}", json=draft(title="Center each row", naive=None))
    assert updated.status_code == 200, updated.text
    assert updated.json()["draft"]["title"] == "Center each row"
    assert updated.json()["validation"]["has_naive"] is False
    assert author.delete(f"/api/questions/{question_id}").json() == {"id": question_id, "deleted": True}
    assert author.get(f"/api/questions/{question_id}").status_code == 404
    assert author.get("/api/questions").json() == []


def test_another_accounts_question_is_not_found_never_forbidden(author: httpx.Client, other: httpx.Client) -> None:
    question_id = create(author)
    for method, path in (("GET", f"/api/questions/{question_id}"), ("PUT", f"/api/questions/{question_id}"),
                         ("DELETE", f"/api/questions/{question_id}"), ("GET", f"/api/questions/{question_id}/export")):
        response = other.request(method, path, json=draft() if method == "PUT" else None)
        assert response.status_code == 404, (method, response.text)
    assert other.get("/api/questions").json() == []
    session = other.post("/api/sessions", json={"challenges": [question_id], "duration_minutes": 30})
    assert session.status_code == 404
    assert question_id in session.json()["error"]["message"]
    assert author.get(f"/api/questions/{question_id}").status_code == 200  # untouched


@pytest.mark.parametrize("question_id", ["q_999999", "q_0", "softmax", "q-1", "Q_1", "q_1%2F..", "q_" + "9" * 40,
                                         "q_99999999999", "q_01"])
def test_unknown_or_malformed_question_ids_are_404(author: httpx.Client, question_id: str) -> None:
    assert author.get(f"/api/questions/{question_id}").status_code == 404


@pytest.mark.parametrize(("changes", "words"), [
    ({"signature": "other(x)"}, "must start with center("),
    ({"function": "class"}, "keyword"),
    ({"function": "a b"}, "function"),
    ({"hints": ["a", "b", "c", "d"]}, "hints"),
    ({"criteria": ["vectorization", "vectorization"]}, "once"),
    ({"criteria": ["speed"]}, "criteria"),
    ({"probes": {"numerical_stability": ["wide"]}}, "not in 'criteria'"),
    ({"timing_sizes": [100, 10, 1000]}, "increasing"),
    ({"timing_sizes": [1, 2]}, "timing_sizes"),
    ({"reference": "x" * (64 * 1024 + 1)}, "reference"),
    ({"title": ""}, "title"),
    ({"rtol": -1}, "rtol"),
])
def test_a_malformed_draft_is_422_naming_the_field(author: httpx.Client, changes: dict[str, Any], words: str) -> None:
    response = author.post("/api/questions", json=draft(**changes))
    assert response.status_code == 422, response.text
    assert words in response.text


def test_an_oversized_body_is_413_before_it_is_read(author: httpx.Client) -> None:
    response = author.post("/api/questions", content=b"{" + b" " * (3 * 1024 * 1024) + b"}",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413


# What validation refuses, with the reason

def test_code_that_does_not_compile_is_refused_with_its_line(author: httpx.Client) -> None:
    assert "does not compile" in refusal(author, draft(reference="def center(x):\n    return x +\n"))
    message = refusal(author, draft(generator="def cases(:\n    pass\n"))
    assert "tests.py does not compile" in message
    assert "line 1" in message


def test_a_raising_reference_is_refused_naming_the_case(author: httpx.Client) -> None:
    raising = ("def center(x):\n    if x.shape[0] == 1:\n        return 1 // 0\n"
               "    return x - x.mean(axis=1, keepdims=True)\n")
    message = refusal(author, draft(reference=raising))
    assert "ZeroDivisionError" in message
    assert "'one row'" in message


def test_a_reference_using_unseeded_randomness_is_refused_as_non_deterministic(author: httpx.Client) -> None:
    body = draft(reference=REFERENCE + "\n\ndef center(x):\n    return x + np.random.rand()\n")
    assert "not deterministic" in refusal(author, body)


def test_a_reference_reading_the_clock_is_refused_as_non_deterministic(author: httpx.Client) -> None:
    body = draft(reference="import time\n\ndef center(x):\n    return x * 0 + time.perf_counter_ns()\n")
    assert "not deterministic" in refusal(author, body)


@pytest.mark.slow
def test_a_too_slow_reference_is_refused_saying_the_budget(author: httpx.Client) -> None:
    body = draft(reference="def center(x):\n    while True:\n        pass\n")
    message = refusal(author, body)
    assert "too slow" in message
    assert "0.5 s" in message


def test_a_reference_too_slow_at_the_timing_sizes_is_refused(author: httpx.Client) -> None:
    slow = REFERENCE + "\n\ndef center(x):\n    for _ in range(x.shape[0] * 200):\n        x.sum()\n    return x\n"
    message = refusal(author, draft(reference=slow, timing_sizes=[100, 1000, 100000]))
    assert "too slow" in message
    assert "sized_input(" in message


@pytest.mark.parametrize(("cases_body", "words"), [
    ("return 42", "not a list"),
    ("return [1, 2]", "is a int, not a Case"),
    ("return [Case('a', (object(),), visible=True)]", "not plain data"),
    ("return [Case('a', 'not a tuple', visible=True)]", "args must be a tuple"),
    ("return [Case('a', (np.ones(2),), category='nonsense', visible=True)]", "category"),
    ("return [Case('a', (np.ones(2),), visible=True), Case('a', (np.ones(3),))]", "unique"),
    ("return [Case('a', (np.ones(2),), visible=True, check=lambda e, a, c: None)]", "custom checker"),
    ("return []", "no cases"),
    ("raise KeyError('boom')", "KeyError"),
])
def test_a_generator_returning_junk_is_refused_saying_what(author: httpx.Client, cases_body: str,
                                                            words: str) -> None:
    assert words in refusal(author, with_generator(cases_body))


def test_a_question_without_a_visible_example_is_refused(author: httpx.Client) -> None:
    body = with_generator("return [Case('hidden', (np.ones((2, 2)),))]")
    assert "no visible example" in refusal(author, body)


def test_probes_must_name_generated_cases(author: httpx.Client) -> None:
    assert "'nope'" in refusal(author, draft(probes={"axis_awareness": ["nope"]}))


# Hostile authors: their code runs in the sandbox, never in the server

def test_an_authors_reference_cannot_read_the_servers_environment_or_files(author: httpx.Client,
                                                                          questions_server: ServerProcess) -> None:
    database = str(questions_server.database_url).split("///")[-1]
    # The reference's answer is x * 0 plus every byte it could read of the server's secrets: a candidate
    # returning x * 0 is accepted only if it read nothing.
    snoop = textwrap.dedent(f'''\
        import os


        def center(x):
            seen = len(os.environ.get("ARRAYDOJO_TEST_SECRET", "")) + len(os.environ.get("ARRAYDOJO_DATABASE_URL", ""))
            for path in ({database!r}, {str(Path.cwd() / "app" / "store.py")!r}, "/etc/passwd"):
                try:
                    with open(path, "rb") as handle:
                        seen += len(handle.read(64))
                except OSError:
                    pass
            return x * 0 + seen
        ''')
    question_id = create(author, draft(reference=snoop, naive=None, criteria=[], probes={}))
    session = _start(author, question_id)
    run = author.post(f"/api/sessions/{session['id']}/run", headers=bearer(session["candidate_token"]),
                      json={"challenge": question_id, "code": "def center(x):\n    return x * 0\n"})
    assert run.json()["verdict"] == "accepted", run.text


def test_an_authors_generator_cannot_reach_the_network(author: httpx.Client,
                                                        questions_server: ServerProcess) -> None:
    port = questions_server.port
    message = refusal(author, with_generator(f"""\
        import socket
        socket.create_connection(("127.0.0.1", {port}), timeout=1).close()
        return [Case('a', (np.ones((2, 2)),), visible=True)]"""))
    assert "cases() raised" in message


def test_an_authors_fork_bomb_is_contained_and_the_server_keeps_answering(author: httpx.Client) -> None:
    bomb = "import os\n\ndef center(x):\n    while True:\n        os.fork()\n"
    response = author.post("/api/questions", json=draft(reference=bomb))
    assert response.status_code == 422
    assert "reference" in response.json()["error"]["message"].lower()
    assert author.get("/api/questions").status_code == 200
    create(author)  # and the sandbox still validates the next question


def test_a_question_is_never_served_by_practice_endpoints(author: httpx.Client) -> None:
    question_id = create(author)
    for path in (f"/api/challenges/{question_id}", f"/api/challenges/{question_id}/reference",
                 f"/challenges/{question_id}"):
        assert author.get(path).status_code == 404, path
    run = author.post(f"/api/challenges/{question_id}/run", json={"code": ACCEPTED})
    assert run.status_code == 404


# Sessions with a question

def _start(client: httpx.Client, question_id: str) -> dict[str, Any]:
    # The candidate is shown the rubric and timing, so what they get back shows how the question was graded.
    created = client.post("/api/sessions", json={"challenges": [question_id, "softmax"], "duration_minutes": 30,
                                                 "candidate_sees": "tests_and_rubric"})
    assert created.status_code == 201, created.text
    session: dict[str, Any] = created.json()
    started = client.post(f"/api/sessions/{session['id']}/start", headers=bearer(session["interviewer_token"]))
    assert started.status_code == 200, started.text
    return session


def test_the_candidate_sees_the_statement_and_never_the_reference_or_generator(author: httpx.Client) -> None:
    question_id = create(author)
    session = _start(author, question_id)
    with httpx.Client(base_url=str(author.base_url)) as candidate:
        state = candidate.get(f"/api/sessions/{session['id']}", headers=bearer(session["candidate_token"]))
    assert state.status_code == 200
    challenge = state.json()["challenges"][0]
    assert challenge["id"] == question_id
    assert challenge["title"] == "Center the rows"
    assert "each row's mean subtracted" in challenge["statement_html"]
    for secret in ("keepdims=True)", "default_rng(7)", "sized_input", "total += value"):
        assert secret not in state.text
    rows = author.get("/api/me/sessions").json()
    row = next(r for r in rows if r["id"] == session["id"])
    assert [(c["id"], c["title"]) for c in row["challenges"]] == [(question_id, "Center the rows"),
                                                                  ("softmax", "Softmax")]
    ready = author.get(f"/sessions/{session['id']}/ready")
    assert ready.status_code == 200
    assert "Center the rows" in ready.text


@pytest.mark.slow
def test_a_session_grades_a_question_like_a_challenge(author: httpx.Client) -> None:
    question_id = create(author)
    session = _start(author, question_id)
    candidate = bearer(session["candidate_token"])
    with httpx.Client(base_url=str(author.base_url), timeout=60) as browser:
        run = browser.post(f"/api/sessions/{session['id']}/run", json={"challenge": question_id, "code": ACCEPTED},
                           headers=candidate)
        assert run.status_code == 200, run.text
        assert run.json()["verdict"] == "accepted"
        assert [t["name"] for t in run.json()["tests"]] == ["example"]
        wrong = browser.post(f"/api/sessions/{session['id']}/submit",
                             json={"challenge": question_id, "code": WRONG_AXIS}, headers=candidate)
        assert wrong.json()["verdict"] == "wrong_answer", wrong.text
        submit = browser.post(f"/api/sessions/{session['id']}/submit",
                              json={"challenge": question_id, "code": ACCEPTED}, headers=candidate)
    report = submit.json()
    assert report["verdict"] == "accepted", report
    assert report["rubric"]["vectorization"]["rating"] == "pass"
    assert report["rubric"]["axis_awareness"]["rating"] == "pass"
    assert report["rubric"]["memory_efficiency"]["rating"] == "n/a"
    assert report["timing"]["sizes"] == [100, 1000, 4000]
    assert report["timing"]["reference_seconds"][0] is not None
    assert report["timing"]["naive_seconds"][0] is not None
    assert "keepdims" not in submit.text  # no reference in what the candidate gets
    # Deleting the question keeps the session and its report working (it is only marked deleted).
    assert author.delete(f"/api/questions/{question_id}").status_code == 200
    interviewer = bearer(session["interviewer_token"])
    state = author.get(f"/api/sessions/{session['id']}", headers=interviewer)
    assert state.status_code == 200
    assert [r["verdict"] for r in state.json()["runs"]] == ["accepted", "wrong_answer", "accepted"]
    assert author.post(f"/api/sessions/{session['id']}/end", headers=interviewer).status_code == 200
    assert author.get(f"/api/sessions/{session['id']}/report", headers=interviewer).status_code == 200


@pytest.mark.slow
def test_a_question_without_a_naive_loop_is_timed_against_the_reference_only(author: httpx.Client) -> None:
    question_id = create(author, draft(naive=None))
    session = _start(author, question_id)
    submit = author.post(f"/api/sessions/{session['id']}/submit", json={"challenge": question_id, "code": ACCEPTED},
                         headers=bearer(session["candidate_token"]))
    assert submit.json()["verdict"] == "accepted", submit.text
    # The timing notes are the interviewer's (the candidate's copy has the figures only): read the stored report.
    state = author.get(f"/api/sessions/{session['id']}", headers=bearer(session["interviewer_token"]))
    timing = state.json()["runs"][-1]["report"]["timing"]
    assert timing["naive_seconds"] == [None, None, None]
    assert timing["reference_seconds"][0] is not None
    assert "naive loop not timed: this question has no naive loop" in timing["notes"]


@pytest.mark.slow
def test_a_question_without_sized_input_is_graded_without_timing(author: httpx.Client) -> None:
    generator = ("import numpy as np\nfrom app.cases import Case\n\n\ndef cases():\n"
                 "    return [Case('example', (np.ones((2, 3)),), visible=True), Case('wide', (np.eye(3)[:2],))]\n")
    question_id = create(author, draft(generator=generator, naive=None, criteria=["axis_awareness"],
                                       probes={"axis_awareness": ["wide"]}))
    assert author.get(f"/api/questions/{question_id}").json()["validation"]["timing_sizes"] == []
    session = _start(author, question_id)
    submit = author.post(f"/api/sessions/{session['id']}/submit", json={"challenge": question_id, "code": ACCEPTED},
                         headers=bearer(session["candidate_token"]))
    assert submit.json()["verdict"] == "accepted", submit.text
    assert submit.json()["timing"] is None
    assert submit.json()["rubric"]["axis_awareness"]["rating"] == "pass"
    assert submit.json()["score"] is not None


# Export and import

def test_export_then_import_gives_an_equal_question(author: httpx.Client) -> None:
    question_id = create(author)
    exported = author.get(f"/api/questions/{question_id}/export")
    assert exported.status_code == 200
    assert exported.headers["content-type"] == "application/zip"
    names = sorted(zipfile.ZipFile(io.BytesIO(exported.content)).namelist())
    assert names == sorted(f"{question_id}/{n}" for n in ("challenge.toml", "statement.md", "starter.py",
                                                            "reference.py", "tests.py", "naive.py", "hints.md",
                                                            "followups.md"))
    imported = author.post("/api/questions/import", content=exported.content,
                           headers={"Content-Type": "application/zip"})
    assert imported.status_code == 201, imported.text
    again = author.get(f"/api/questions/{imported.json()['id']}").json()
    assert again["draft"] == author.get(f"/api/questions/{question_id}").json()["draft"]


def _zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
    return buffer.getvalue()


@pytest.mark.slow
def test_a_built_in_challenge_folder_imports_as_a_question(author: httpx.Client) -> None:
    data = _zip_folder(DEFAULT_CHALLENGES_DIR / "softmax")
    imported = author.post("/api/questions/import", content=data, headers={"Content-Type": "application/zip"})
    assert imported.status_code == 201, imported.text
    question = author.get(f"/api/questions/{imported.json()['id']}").json()
    assert question["draft"]["function"] == "softmax"
    assert question["validation"]["visible_count"] >= 1
    assert len(question["draft"]["hints"]) == 3


def _zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o120777 << 16)
    return info


@pytest.mark.parametrize(("data", "words"), [
    (_zip([("q/../../evil.py", b"x"), ("q/challenge.toml", b"")]), "out of the folder"),
    (_zip([("/etc/cron.d/x", b"x")]), "absolute"),
    (_zip([(_symlink("q/reference.py"), b"/etc/passwd")]), "symbolic link"),
    (_zip([("q/tests.py", b"\0" * (50 * 1024 * 1024))]), "larger than"),
    (_zip([(f"q/file{n}.txt", b"") for n in range(40)]), "entries"),
    (_zip([("q/secrets.env", b"x")]), "not a question file"),
    (_zip([("q/sub/reference.py", b"x")]), "one folder"),
    (b"PK\x03\x04 not really a zip", "not a readable zip"),
    (_zip([("q/statement.md", b"# hi")]), "missing challenge.toml"),
], ids=["zip-slip", "absolute-path", "symlink", "huge", "too-many-entries", "unknown-file", "subfolder", "not-a-zip",
        "missing-files"])
def test_a_hostile_zip_import_is_refused_saying_why(author: httpx.Client, data: bytes, words: str) -> None:
    response = author.post("/api/questions/import", content=data, headers={"Content-Type": "application/zip"})
    assert response.status_code == 422, response.text
    assert words in response.json()["error"]["message"]


def test_an_import_over_the_size_limit_is_413(author: httpx.Client) -> None:
    response = author.post("/api/questions/import", content=b"PK" + b"\0" * (3 * 1024 * 1024),
                           headers={"Content-Type": "application/zip"})
    assert response.status_code == 413


# The save limit

@pytest.mark.slow
def test_question_saves_are_rate_limited(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "limited.sqlite3", tmp_path / "server.log", question_saves_burst="2",
                           question_save_seconds="600").start()
    try:
        with server.client() as client:
            sign_up(client)
            bad = draft(reference="def center(x):\n    return x +\n")  # refused quickly: costs one job
            assert [client.post("/api/questions", json=bad).status_code for _ in range(2)] == [422, 422]
            limited = client.post("/api/questions", json=draft())
            assert limited.status_code == 429
            assert "question saves" in limited.json()["error"]["message"]
            assert "Retry-After" in limited.headers
    finally:
        server.stop()


def test_a_generator_making_huge_cases_is_refused_before_they_reach_the_server(author: httpx.Client) -> None:
    message = refusal(author, with_generator("return [Case('a', (np.zeros(3_000_000),), visible=True)]"))
    assert "larger than" in message
