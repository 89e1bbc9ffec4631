"""A challenge's history against the real server: every submission, its report, two diffed; progress per challenge."""

from __future__ import annotations

import re

import httpx

from app.catalog import load_catalog
from app.services.code_diff import diff_lines

CRASHING = "def softmax(z, axis=-1):\n    return 1 / 0\n"
WRONG = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.asarray(z) * 0\n"


def submit(client: httpx.Client, code: str) -> int:
    response = client.post("/api/challenges/softmax/submit", json={"code": code})
    assert response.status_code == 200, response.text
    return int(response.json()["attempt_id"])


def test_every_submission_is_listed_with_its_report_and_any_two_diff(client: httpx.Client) -> None:
    first, second = submit(client, CRASHING), submit(client, WRONG)
    listing = client.get("/challenges/softmax/submissions").text
    assert f"#{first}" in listing
    assert f"#{second}" in listing
    assert "2 submissions" in listing
    report = client.get(f"/challenges/softmax/submissions/{first}/results")
    assert report.status_code == 200
    assert 'data-verdict="runtime_error"' in report.text
    assert "ZeroDivisionError" in report.text
    diff = client.get("/challenges/softmax/diff", params={"old": first, "new": second}).text
    assert "return np.asarray(z) * 0" in re.sub(r"<[^>]+>", "", diff)
    assert 'class="diff-added"' in diff
    assert 'class="diff-removed"' in diff


def test_another_profile_cannot_see_my_submissions_report_or_diff(client: httpx.Client, server_url: str) -> None:
    mine = submit(client, CRASHING)
    with httpx.Client(base_url=server_url) as stranger:
        assert stranger.get(f"/challenges/softmax/submissions/{mine}/results").status_code == 404
        assert stranger.get("/challenges/softmax/diff", params={"old": mine, "new": mine}).status_code == 404


def test_a_submission_is_not_shown_under_another_challenge(client: httpx.Client) -> None:
    mine = submit(client, CRASHING)
    assert client.get(f"/challenges/one-hot/submissions/{mine}/results").status_code == 404


def test_progress_lists_every_challenge_with_status_best_score_and_last_activity(client: httpx.Client) -> None:
    submit(client, CRASHING)
    page = client.get("/progress").text
    catalog = load_catalog()
    assert all(f'href="/challenges/{c.id}"' in page for c in catalog)
    assert f"{len(catalog)} of {len(catalog)} shown" in page
    attempted = client.get("/progress", params={"status": "attempted"}).text
    assert 'href="/challenges/softmax"' in attempted
    assert "1 of" in attempted
    assert "<time datetime=" in attempted
    by_lesson = client.get("/progress", params={"lesson": "2"}).text
    assert all(f'href="/challenges/{c.id}"' in by_lesson for c in catalog if c.config.lesson == 2)


def test_a_line_diff_shows_changes_with_context_and_skips_the_rest() -> None:
    old = "\n".join(f"line {i}" for i in range(20))
    new = old.replace("line 10", "line ten")
    lines = diff_lines(old, new)
    assert [line.kind for line in lines if line.kind in ("added", "removed")] == ["removed", "added"]
    assert lines[0].kind == "skipped"
    assert len([line for line in lines if line.kind == "same"]) == 6
    assert diff_lines("a\n", "a\n") == []
