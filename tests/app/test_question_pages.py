"""The question library and editor pages, and the editor's Markdown preview, against a real server."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from app.questions_models import MAX_STATEMENT_CHARS, QuestionDraft
from app.services.question_editor import new_question_template
from tests._server import ServerProcess
from tests.app._accounts import sign_up

PREVIEW = "/api/markdown/preview"


def _start_draft(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="question-data">(.*?)</script>', page, re.S)
    assert match, "the editor page carries its data"
    data: dict[str, object] = json.loads(match.group(1))  # a script's text: JSON as is, never HTML-decoded
    return data


@pytest.mark.parametrize("path", ["/questions", "/questions/new", "/questions/q_1/edit"])
def test_question_pages_send_an_anonymous_visitor_to_log_in(server: ServerProcess, path: str) -> None:
    with server.client() as anonymous:
        response = anonymous.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={path}"


def test_a_new_question_starts_from_the_worked_example(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        page = mine.get("/questions/new")
    assert page.status_code == 200
    data = _start_draft(page.text)
    assert data["id"] is None
    assert data["validation"] is None
    draft = QuestionDraft.model_validate(data["start"])
    assert draft == new_question_template()
    assert draft.function == "center_columns"
    assert draft.naive is not None  # every file of the format has an example to copy
    assert 'href="/questions"' in page.text  # the header's link for a logged-in interviewer


def test_the_worked_example_is_a_whole_question() -> None:
    draft = new_question_template()
    assert draft.signature.startswith(draft.function + "(")
    assert f"def {draft.function}(" in draft.reference
    assert f"def {draft.function}(" in draft.starter
    assert "def cases()" in draft.generator
    assert "def sized_input(" in draft.generator
    assert draft.hints
    assert draft.followups
    assert draft.criteria


def test_the_edit_page_refuses_an_id_that_is_not_a_question_id(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        for bad in ("softmax", "q_0", "q_1x", "q_" + "9" * 30, "..%2F..%2Fetc"):
            response = mine.get(f"/questions/{bad}/edit")
            assert response.status_code in (404, 422), (bad, response.status_code)


def test_the_edit_page_opens_only_the_accounts_own_question(server: ServerProcess) -> None:
    with server.client() as mine, server.client() as theirs:
        sign_up(mine)
        sign_up(theirs)
        draft = new_question_template().model_copy(update={"title": "Mine alone"})
        created = mine.post("/api/questions", json=draft.model_dump(mode="json"), timeout=120)
        assert created.status_code == 201, created.text
        question_id = created.json()["id"]
        page = mine.get(f"/questions/{question_id}/edit")
        assert page.status_code == 200
        data = _start_draft(page.text)
        assert data["id"] == question_id
        assert QuestionDraft.model_validate(data["start"]) == draft  # the saved draft, not the example
        assert data["validation"]["case_count"] == 6
        # Another account's question is not found, the same answer as one that does not exist.
        assert theirs.get(f"/questions/{question_id}/edit").status_code == 404
        assert theirs.get("/questions/q_999999999/edit").status_code == 404
        assert "Mine alone" not in theirs.get(f"/questions/{question_id}/edit").text


def test_the_questions_link_is_only_in_a_logged_in_header(server: ServerProcess) -> None:
    with server.client() as anonymous, server.client() as mine:
        assert 'href="/questions"' not in anonymous.get("/challenges").text
        sign_up(mine)
        assert 'href="/questions"' in mine.get("/challenges").text
        assert 'href="/questions"' in mine.get("/sessions").text


def test_the_create_form_offers_own_questions_only_when_logged_in(server: ServerProcess) -> None:
    with server.client() as anonymous, server.client() as mine:
        assert 'id="question-picker"' not in anonymous.get("/sessions/new").text
        sign_up(mine)
        assert 'id="question-picker"' in mine.get("/sessions/new").text


def test_preview_needs_a_login(server: ServerProcess) -> None:
    with server.client() as anonymous:
        response = anonymous.post(PREVIEW, json={"markdown": "# Hi"})
    assert response.status_code == 401


def test_preview_renders_markdown_as_statements_are(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        response = mine.post(PREVIEW, json={"markdown": "# Title\n\nSome `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"})
    assert response.status_code == 200, response.text
    html = response.json()["html"]
    assert "<h1>Title</h1>" in html
    assert "<code>code</code>" in html
    assert '<div class="table-scroll"' in html  # the statements' own table wrapper


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href='javascript:alert(1)'>x</a>",
    "<iframe src=//evil.example></iframe>",
])
def test_preview_cannot_carry_markup_or_script_links(server: ServerProcess, hostile: str) -> None:
    with server.client() as mine:
        sign_up(mine)
        html = mine.post(PREVIEW, json={"markdown": hostile}).json()["html"]
    lowered = html.lower()
    for tag in ("<script", "<img src=x", "<iframe", "<a href='javascript"):
        assert tag not in lowered  # raw HTML comes back as text only
    assert 'href="javascript:' not in lowered
    assert 'src="data:text/html' not in lowered


def test_preview_refuses_a_statement_over_its_limit(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        too_long = mine.post(PREVIEW, json={"markdown": "x" * (MAX_STATEMENT_CHARS + 1)})
        too_big = mine.post(PREVIEW, content=json.dumps({"markdown": "x" * 200_000}),
                            headers={"Content-Type": "application/json"})
        # The longest statement, every character escaped in the JSON, still fits the body's ceiling.
        escaped = mine.post(PREVIEW, content=json.dumps({"markdown": "\x01" * MAX_STATEMENT_CHARS}),
                            headers={"Content-Type": "application/json"})
    assert too_long.status_code == 422
    assert "markdown" in too_long.json()["error"]["details"][0]
    assert too_big.status_code == 413
    assert escaped.status_code == 200, escaped.text


def test_preview_is_rate_limited_per_login(server: ServerProcess) -> None:
    with server.client() as mine, server.client() as theirs:
        sign_up(mine)
        sign_up(theirs)
        statuses = [mine.post(PREVIEW, json={"markdown": "a"}).status_code for _ in range(45)]
        assert statuses[0] == 200
        assert 429 in statuses
        refused = mine.post(PREVIEW, json={"markdown": "a"})
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        # Another interviewer behind the same address keeps their own allowance.
        assert theirs.post(PREVIEW, json={"markdown": "a"}).status_code == 200


def test_a_refused_create_form_keeps_the_picked_questions(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        page = mine.post("/sessions/new", content='pick=list&challenges=softmax&challenges=q_7&duration_minutes=0'
                                                  '&candidate_name=%22%3E%3Cscript%3E',
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert page.status_code == 422
    match = re.search(r'id="question-picker" data-selected="([^"]*)"', page.text)
    assert match, "the picker carries the picked ids, escaped inside its attribute"
    assert json.loads(unescape(match.group(1))) == ["softmax", "q_7"]  # the script ticks q_7 again
    assert "<script>" not in page.text.split('id="question-picker"', 1)[1].split("</form>", 1)[0]
