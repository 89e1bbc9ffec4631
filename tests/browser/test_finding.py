"""Finding a challenge in the browser: search, a criterion tag, a sort."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each


def test_search_then_a_tag_then_a_sort(page: Page, screenshots: Path) -> None:
    page.goto("/challenges")
    page.get_by_role("searchbox").fill("softmax")
    page.get_by_role("button", name="Find").click()
    rows = page.locator(".challenge-table tbody tr")
    softmax = rows.filter(has=page.locator('a[href="/challenges/softmax"]'))
    expect(softmax).to_have_count(1)
    expect(rows.filter(has_text="Pairwise")).to_have_count(0)
    softmax.locator(".tag", has_text="Numerical stability").click()
    expect(page).to_have_url(page.url.split("/challenges")[0] + "/challenges?criterion=numerical_stability")
    count = rows.count()
    assert count > 1
    expect(rows.locator(".tag", has_text="Numerical stability")).to_have_count(count)
    page.screenshot(path=str(screenshots / "challenges.png"))
    page.get_by_label("Sort by").select_option("difficulty")
    page.get_by_role("button", name="Find").click()
    badges = page.locator(".challenge-table tbody .badge").all_inner_texts()
    order = ["easy", "medium", "hard"]
    assert [order.index(b.strip().lower()) for b in badges] == sorted(order.index(b.strip().lower()) for b in badges)
