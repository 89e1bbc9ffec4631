"""Numbers from headers, query strings and forms: only ASCII digits within bounds; a 422, never a 500."""

from __future__ import annotations

import contextlib
import json

import anyio
import httpx
import pytest

from app.config import Settings
from app.errors import InvalidInputError
from app.main import create_app
from app.parsing import MAX_ROW_ID, parse_event_id, parse_int
from tests._server import ServerProcess


@pytest.mark.parametrize(("text", "value"), [("12", 12), (" 7 ", 7), ("-3", -3), ("+4", 4), ("0", 0)])
def test_ascii_digits_within_bounds_are_read(text: str, value: int) -> None:
    assert parse_int(text, low=-10, high=100, what="number") == value


@pytest.mark.parametrize("text", ["\u00b2", "\u0661\u0662", "\uff11", "1_000", "1e3", "", " ", "0x10", "12\x00",
                                  "9" * 5000, "1.0", "--1", "1 2", "\u0967"])
def test_anything_but_ascii_digits_is_a_422_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInputError, match="lesson must be a whole number from 1 to 99"):
        parse_int(text, low=1, high=99, what="lesson")


def test_a_number_out_of_bounds_is_a_422_with_the_range() -> None:
    with pytest.raises(InvalidInputError, match="from 1 to 99; got 10000000"):
        parse_int("10000000", low=1, high=99, what="lesson")


@pytest.mark.parametrize("text", [None, "", "abc", "\u00b2", "\u0661", "9" * 5000, str(MAX_ROW_ID + 1), "-1"])
def test_a_last_event_id_we_did_not_write_is_ignored(text: str | None) -> None:
    assert parse_event_id(text) is None


def test_a_last_event_id_we_wrote_is_read() -> None:
    assert parse_event_id("42") == 42


# Against a real server: every place these numbers arrive.

@pytest.fixture(scope="module")
def session(server: ServerProcess) -> dict[str, str]:
    """One session for the module: creating sessions is rate-limited per client address."""
    with server.client() as client:
        response = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30})
    assert response.status_code == 201, response.text
    created: dict[str, str] = response.json()
    return created


def first_stream_lines(client: httpx.Client, session: dict[str, str], headers: dict[bytes, bytes] | None = None,
                       query: str = "") -> tuple[int, list[str]]:
    auth = {b"Authorization": f"Bearer {session['interviewer_token']}".encode()}
    lines: list[str] = []
    with client.stream("GET", f"/api/sessions/{session['id']}/events{query}", headers=auth | (headers or {}),
                       timeout=httpx.Timeout(10, read=3)) as response:
        if response.status_code != 200:
            response.read()
            return response.status_code, [response.text]
        with contextlib.suppress(httpx.ReadTimeout):
            for line in response.iter_lines():
                lines.append(line)
                if line.startswith("event: clock"):
                    break
    return 200, lines


def new_log_lines(server: ServerProcess, offset: int) -> str:
    return server.log_path.read_bytes()[offset:].decode(errors="replace")


@pytest.mark.parametrize("last_event_id", [b"\xb2", "\u0661\u0662".encode(), b"9" * 5000, b"99999999999999999999999",
                                           b"-5", b"abc"])
def test_a_malformed_last_event_id_resumes_from_the_start(client: httpx.Client, server: ServerProcess,
                                                          session: dict[str, str], last_event_id: bytes) -> None:
    offset = server.log_path.stat().st_size
    status, lines = first_stream_lines(client, session, {b"Last-Event-ID": last_event_id})
    assert status == 200
    assert "event: clock" in lines
    assert "Traceback" not in new_log_lines(server, offset)


@pytest.mark.parametrize("after", ["100000000000000000000000", str(MAX_ROW_ID + 1), "-1", "\u0661", "1e3"])
def test_an_absurd_after_is_a_422_before_the_stream_starts(client: httpx.Client, session: dict[str, str],
                                                           after: str) -> None:
    status, body = first_stream_lines(client, session, query=f"?after={after}")
    assert status == 422, body
    assert "after" in body[0]


def test_the_largest_after_is_an_empty_stream_not_an_overflow(client: httpx.Client, server: ServerProcess,
                                                              session: dict[str, str]) -> None:
    offset = server.log_path.stat().st_size
    status, lines = first_stream_lines(client, session, query=f"?after={MAX_ROW_ID}")
    assert status == 200
    assert "event: clock" in lines
    assert "Traceback" not in new_log_lines(server, offset)


@pytest.mark.parametrize("submission_id", [str(2**31), str(2**63), "1" + "0" * 30, "-1", "0"])
def test_a_submission_id_outside_the_id_range_is_422(client: httpx.Client, submission_id: str) -> None:
    response = client.get(f"/api/submissions/{submission_id}")
    assert response.status_code == 422, response.text
    assert "submission_id" in response.json()["error"]["details"][0]


def test_the_largest_submission_id_is_a_plain_404(client: httpx.Client) -> None:
    assert client.get(f"/api/submissions/{MAX_ROW_ID}").status_code == 404


@pytest.mark.parametrize(("field", "value"), [("lesson_from", "\u00b2"), ("lesson_to", "\u0661\u0662"),
                                              ("lesson_to", "10000000"), ("lesson_from", "9" * 5000),
                                              ("lesson_from", "-1")])
def test_form_numbers_must_be_small_ascii_numbers(client: httpx.Client, field: str, value: str) -> None:
    form = {"pick": "random", "lesson_from": "5", "lesson_to": "6", "count": "1", "duration_minutes": "30"}
    response = client.post("/sessions/new", data=form | {field: value})
    assert response.status_code == 422, response.text[:300]
    assert "lesson must be" in response.text


def test_a_valid_form_range_still_creates_a_session(client: httpx.Client) -> None:
    form = {"pick": "random", "lesson_from": "6", "lesson_to": "5", "count": "1", "duration_minutes": "30"}
    response = client.post("/sessions/new", data=form)
    assert response.status_code == 303, response.text[:500]  # post-redirect-get to the "ready" page
    assert "/ready#" in response.headers["location"]


# The last line of defence, in-process: a route that parses input itself, unguarded.

def get_unguarded(path: str) -> httpx.Response:
    """GET `path` from an app (not started: no route here needs the context) with two unguarded routes."""
    app = create_app(Settings())

    def read_int(text: str) -> dict[str, int]:
        return {"value": int(text)}

    def read_nested(depth: int) -> dict[str, int]:
        return {"value": len(json.loads("[" * depth + "]" * depth))}

    app.add_api_route("/api/unguarded/int/{text}", read_int)
    app.add_api_route("/api/unguarded/nested/{depth}", read_nested)

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            return await client.get(path)

    return anyio.run(get)


def test_an_int_past_pythons_digit_limit_is_a_422_even_where_no_guard_ran() -> None:
    response = get_unguarded("/api/unguarded/int/" + "9" * 5000)
    assert response.status_code == 422, response.text
    assert "too many digits" in response.json()["error"]["message"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_recursion_error_from_nested_input_is_a_422() -> None:
    response = get_unguarded("/api/unguarded/nested/100000")
    assert response.status_code == 422, response.text
    assert "nested too deeply" in response.json()["error"]["message"]
