"""The server-rendered pages: they render, link up, and show the profile's state."""

from __future__ import annotations

import re

import httpx

from app.catalog import load_catalog


def test_home_lists_every_lesson_and_challenge(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    catalog = load_catalog()
    for lesson in catalog.lessons():
        assert f'href="/lessons/{lesson.number}"' in page.text
    for challenge in catalog:
        assert f'href="/challenges/{challenge.id}"' in page.text


def test_every_lesson_page_renders_its_markdown(client: httpx.Client) -> None:
    for lesson in load_catalog().lessons():
        page = client.get(f"/lessons/{lesson.number}")
        assert page.status_code == 200
        assert "<h2>" in page.text
        assert "<pre tabindex=\"0\"><code" in page.text  # a code block, reachable by keyboard when it scrolls
        assert "```" not in page.text


def test_a_missing_lesson_is_a_404_page(client: httpx.Client) -> None:
    page = client.get("/lessons/99")
    assert page.status_code == 404
    assert "No lesson 99" in page.text


def test_every_challenge_page_renders_with_the_editor_and_no_reference(client: httpx.Client) -> None:
    for challenge in load_catalog():
        page = client.get(f"/challenges/{challenge.id}")
        assert page.status_code == 200, challenge.id
        assert 'id="code"' in page.text
        assert challenge.config.signature.split("(")[0] in page.text
        assert "Give up and show the reference" in page.text
        assert 'id="reference-code"' not in page.text


def test_the_page_shows_the_saved_draft(client: httpx.Client) -> None:
    client.put("/api/drafts/softmax", json={"code": "# <draft> & more\n"})
    page = client.get("/challenges/softmax").text
    assert "# &lt;draft&gt; &amp; more" in page


def test_run_without_javascript_renders_the_page_with_results(client: httpx.Client) -> None:
    page = client.post("/challenges/softmax/run", data={"code": "def softmax(z, axis=-1):\n    return z\n"})
    assert page.status_code == 200
    assert 'data-verdict="wrong_answer"' in page.text
    assert "return z" in page.text


def test_run_fragment_is_only_the_results_panel(client: httpx.Client) -> None:
    response = client.post("/challenges/softmax/run", json={"code": "x = 1\n"}, headers={"x-fragment": "results"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<article class=\"results")
    assert response.headers["x-verdict"] == "runtime_error"


def test_hint_and_give_up_forms_work_without_javascript(client: httpx.Client) -> None:
    response = client.post("/challenges/softmax/hints")
    assert response.status_code == 303
    page = client.get("/challenges/softmax").text
    assert 'data-tier="1"' in page
    client.post("/challenges/softmax/give-up")
    assert 'id="reference-code"' in client.get("/challenges/softmax").text


def test_static_files_are_gzipped_and_cached_by_digest(client: httpx.Client) -> None:
    page = client.get("/challenges/softmax").text
    match = re.search(r'src="(/static/editor\.js\?v=[0-9a-f]+)"', page)
    assert match
    response = client.get(match.group(1), headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
    assert "ArrayDojoEditor" in response.text
    assert client.get("/static/../app/main.py").status_code == 404


def test_pages_carry_security_headers(client: httpx.Client) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_progress_page_offers_export_and_import(client: httpx.Client) -> None:
    page = client.get("/progress").text
    assert 'href="/api/progress/export"' in page
    assert 'enctype="multipart/form-data"' in page


def test_the_api_is_documented_at_docs(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/challenges", "/api/challenges/{challenge_id}", "/api/challenges/{challenge_id}/run",
                 "/api/challenges/{challenge_id}/submit", "/api/submissions/{submission_id}", "/api/progress",
                 "/api/drafts/{challenge_id}", "/healthz"):
        assert path in paths
    body = paths["/api/challenges/{challenge_id}/submit"]["post"]["requestBody"]
    assert "code" in body["content"]["application/json"]["schema"]["properties"]
