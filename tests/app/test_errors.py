"""Bad input gets a clear 4xx with one error shape (JSON for /api/, a page otherwise), never a 500."""

from __future__ import annotations

import html

import httpx
import pytest


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"]
    return error  # type: ignore[no-any-return]


def test_unknown_challenge_is_404_with_did_you_mean(client: httpx.Client) -> None:
    error = assert_error(client.get("/api/challenges/softmx"), 404, "unknown_challenge")
    assert error["suggestions"] == ["softmax"]
    assert "Did you mean 'softmax'?" in str(error["message"])


def test_unknown_challenge_page_is_an_html_404_with_links(client: httpx.Client) -> None:
    response = client.get("/challenges/softmx")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Did you mean 'softmax'?" in html.unescape(response.text)
    assert 'href="/challenges/softmax"' in response.text


def test_unknown_path_is_a_page_for_browsers_and_json_under_api(client: httpx.Client) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "<html" in page.text
    assert_error(client.get("/api/no-such-thing"), 404, "not_found")


def test_run_on_an_unknown_challenge_is_404_not_500(client: httpx.Client) -> None:
    assert_error(client.post("/api/challenges/softmx/run", json={"code": "x = 1"}), 404, "unknown_challenge")


def test_code_over_64_kib_is_413(client: httpx.Client) -> None:
    code = "# " + "x" * (64 * 1024) + "\n"
    error = assert_error(client.post("/api/challenges/softmax/submit", json={"code": code}), 413,
                         "payload_too_large")
    assert "65,536" in str(error["message"])


def test_a_huge_body_is_413_before_it_is_read(client: httpx.Client) -> None:
    body = b'{"code": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = client.post("/api/challenges/softmax/run", content=body, headers={"content-type": "application/json"})
    assert_error(response, 413, "payload_too_large")


def test_malformed_json_is_422_saying_what_is_wrong(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/run", content=b'{"code": "x = 1"',
                           headers={"content-type": "application/json"})
    error = assert_error(response, 422, "invalid_input")
    assert "not valid JSON" in str(error["message"])
    assert "line 1" in str(error["message"])


def test_non_utf8_body_is_422_naming_the_byte(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/run", content=b'{"code": "x = \xff"}',
                           headers={"content-type": "application/json"})
    error = assert_error(response, 422, "invalid_input")
    assert "not valid UTF-8" in str(error["message"])
    assert "0xff" in str(error["message"])


@pytest.mark.parametrize(("body", "expected"), [
    ({"source": "x = 1"}, "'code' is missing"),
    ({"code": 42}, "'code' is a int"),
    (["code"], "must be a JSON object"),
])
def test_a_body_without_a_code_string_is_422(client: httpx.Client, body: object, expected: str) -> None:
    error = assert_error(client.post("/api/challenges/softmax/run", json=body), 422, "invalid_input")
    assert expected in str(error["message"])


def test_nul_in_code_is_422(client: httpx.Client) -> None:
    error = assert_error(client.post("/api/challenges/softmax/run", json={"code": "x = 1\x00"}), 422, "invalid_input")
    assert "NUL" in str(error["message"])


def test_unpaired_surrogate_in_code_is_422(client: httpx.Client) -> None:
    response = client.post("/api/challenges/softmax/run", content=b'{"code": "x = \\ud800"}',
                           headers={"content-type": "application/json"})
    assert "surrogate" in str(assert_error(response, 422, "invalid_input")["message"])


def test_a_non_integer_submission_id_is_422(client: httpx.Client) -> None:
    error = assert_error(client.get("/api/submissions/abc"), 422, "invalid_input")
    assert error["details"]


def test_a_cross_site_write_is_refused(client: httpx.Client) -> None:
    response = client.put("/api/drafts/softmax", json={"code": "x"}, headers={"origin": "https://evil.example"})
    assert_error(response, 403, "cross_site")


def test_a_same_site_write_is_allowed(client: httpx.Client, server_url: str) -> None:
    response = client.put("/api/drafts/softmax", json={"code": "x"}, headers={"origin": server_url})
    assert response.status_code == 200


def test_wrong_method_is_405_in_the_same_shape(client: httpx.Client) -> None:
    assert_error(client.delete("/api/challenges/softmax"), 405, "http_error")
