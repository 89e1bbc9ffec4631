"""A challenge's history in the browser: a past report opened, two submissions diffed, progress filtered."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
CRASHING = "def softmax(z, axis=-1):\n    return 1 / 0\n"
WRONG = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.asarray(z) * 0\n"


def submit_in_page(page: Page, code: str) -> None:
    """Through the page's own profile cookie: the API, as the page's Submit would."""
    response = page.request.post("/api/challenges/softmax/submit", data={"code": code})
    assert response.status == 200


def test_a_past_report_opens_and_two_submissions_diff(page: Page, screenshots: Path) -> None:
    page.goto("/challenges/softmax")
    submit_in_page(page, CRASHING)
    submit_in_page(page, WRONG)
    page.reload()
    expect(page.locator("#submissions .submission")).to_have_count(2)
    oldest = page.locator("#submissions .submission").nth(1)
    oldest.locator("summary").click()
    expect(oldest.locator(".submission-report .results")).to_have_attribute("data-verdict", "runtime_error")
    page.get_by_role("button", name="Show the differences").click()
    diff = page.locator("#diff-body .code-diff")
    expect(diff.locator("tr.diff-added")).to_contain_text(["return np.asarray(z) * 0"])
    expect(diff.locator("tr.diff-removed")).to_contain_text(["return 1 / 0"])
    page.locator("#submissions").scroll_into_view_if_needed()
    page.locator("#submissions").screenshot(path=str(screenshots / "history.png"))


def test_progress_lists_every_challenge_and_filters_by_status(page: Page) -> None:
    page.goto("/challenges/softmax")
    submit_in_page(page, CRASHING)
    page.goto("/progress")
    rows = page.locator(".progress-table tbody tr")
    total = len(httpx.get(f"{page.url.split('/progress')[0]}/api/challenges").json())
    expect(rows).to_have_count(total)
    page.locator("#progress-filters select[name=status]").select_option("attempted")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Attempted")
    expect(rows.first.locator("time")).to_be_visible()
