"""The challenge page shows a submit's parts as they are graded: the verdict first, timing last."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
VECTORIZED = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
              / "accepted__vectorized.py").read_text()

# Every state the results panel goes through, recorded by the page itself as it changes.
WATCH = """() => {
  window.resultStates = [];
  const panel = document.getElementById("results");
  new MutationObserver(() => {
    const article = panel.querySelector(".results");
    if (!article) return;
    window.resultStates.push({
      verdict: article.getAttribute("data-verdict"),
      grading: article.classList.contains("is-grading"),
      pending: Array.from(article.querySelectorAll(".pending-part")).map((n) => n.textContent.trim()),
      chart: Boolean(article.querySelector("svg.timing-chart")),
      rubric: article.querySelectorAll(".criterion").length,
    });
  }).observe(panel, { childList: true, subtree: true });
}"""


def test_a_submit_shows_its_verdict_before_its_timing(page: Page, screenshots: Path) -> None:
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    page.evaluate("code => window.arraydojoEditor.setCode(code)", VECTORIZED)
    page.evaluate(WATCH)
    page.get_by_role("button", name="Submit").click()
    results = page.locator(".results[data-mode='submit']")
    page.wait_for_selector(".results .pending-part", timeout=60_000)  # the verdict, with timing still to come
    page.locator("#results").screenshot(path=str(screenshots / "results-streaming.png"), animations="disabled")
    expect(results.locator("svg.timing-chart")).to_be_visible(timeout=60_000)
    expect(results).not_to_have_class(re.compile(r"\bis-grading\b"))
    expect(page.get_by_role("button", name="Submit")).to_be_enabled()
    states = page.evaluate("() => window.resultStates")
    first = states[0]
    assert first["verdict"] == "accepted"
    assert first["grading"], "the first thing shown was the whole report: nothing streamed"
    assert not first["chart"]
    assert any("Timing your code" in text for text in first["pending"])
    assert states[-1]["chart"]
    assert not states[-1]["pending"]
    expect(page.locator("#submissions .submission")).to_have_count(1)  # listed once the stream ended
    expect(page.locator("#reference-code")).to_be_visible()


def test_a_submit_that_cannot_be_read_says_why_without_grading(page: Page) -> None:
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    page.evaluate("code => window.arraydojoEditor.setCode(code)", "x = 1\n" * 20000)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#results .error-message")).to_contain_text("the limit is")
    expect(page.get_by_role("button", name="Submit")).to_be_enabled()


def test_a_reload_while_grading_picks_the_stream_up_again(page: Page) -> None:
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    page.evaluate("code => window.arraydojoEditor.setCode(code)", VECTORIZED)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_selector(".results .pending-part", timeout=60_000)
    page.reload()
    results = page.locator(".results[data-mode='submit']")
    expect(results.locator("svg.timing-chart")).to_be_visible(timeout=60_000)  # no click: the stream resumed
    expect(results).not_to_have_class(re.compile(r"\bis-grading\b"))
    expect(page.locator("#submissions .submission")).to_have_count(1)
