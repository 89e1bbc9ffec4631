"""Text in the browser: the one set of number helpers, and what an interview's end tells the candidate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests._server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
ACCEPTED = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
            / "accepted__vectorized.py").read_text()


def test_the_pages_helpers_format_counts_ratios_and_durations(page: Page) -> None:
    page.goto("/")
    said = page.evaluate("""async () => {
      const dom = await import(document.querySelector('script[type=module]').src.replace(/app\\.js.*/, "dom.js"));
      return [dom.plural(1, "draft"), dom.plural(3, "draft"), dom.plural(0, "run"), dom.formatRatio(140.3),
              dom.formatRatio(1.43), dom.formatDuration(60), dom.formatDuration(1800), dom.formatDuration(5400)];
    }""")
    assert said == ["1 draft", "3 drafts", "0 runs", "140\u00d7", "1.4\u00d7", "1 minute", "30 minutes", "1 h 30 min"]


@pytest.fixture(scope="module")
def fast_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server that allows sessions of a few seconds, so the deadline comes during the test."""
    folder = tmp_path_factory.mktemp("fast-wording")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log", session_min_seconds="1",
                            session_grace_seconds="0.5", session_sweep_seconds="0.2").start()
    yield running
    running.stop()


def test_the_deadlines_automatic_submit_shows_on_the_candidates_panel(browser: Browser,
                                                                      fast_web: ServerProcess) -> None:
    context = browser.new_context(base_url=fast_web.url, reduced_motion="reduce")
    page = context.new_page()
    try:
        short = httpx.post(f"{fast_web.url}/api/sessions", json={
            "challenges": ["softmax"], "duration_minutes": 4 / 60, "candidate_may_start": True}).json()
        page.goto(short["candidate_url"])
        page.get_by_role("button", name="Start the interview").click()
        expect(page.locator(".cm-editor")).to_be_visible()
        page.evaluate("code => window.arraydojoEditor.setCode(code)", ACCEPTED)
        expect(page.locator("#locked-notice")).to_contain_text("Time is up", timeout=10_000)
        results = page.locator("#results .results[data-mode='submit']")
        expect(results).to_have_attribute("data-verdict", "accepted", timeout=60_000)
        expect(results).to_contain_text("submitted automatically")
    finally:
        context.close()


def test_a_session_the_interviewer_ended_says_so_when_reopened(browser: Browser, web: ServerProcess) -> None:
    created = httpx.post(f"{web.url}/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30}).json()
    interviewer = {"Authorization": f"Bearer {created['interviewer_token']}"}
    httpx.post(f"{web.url}/api/sessions/{created['id']}/start", headers=interviewer).raise_for_status()
    httpx.post(f"{web.url}/api/sessions/{created['id']}/end", headers=interviewer).raise_for_status()
    context = browser.new_context(base_url=web.url, reduced_motion="reduce")
    page: Page = context.new_page()
    try:
        page.goto(created["candidate_url"])
        expect(page.locator("#locked-notice")).to_contain_text("The interviewer ended the session")
        expect(page.locator("#countdown-announce")).to_have_text("The interviewer ended the session.")
        expect(page.locator("#locked-notice")).not_to_contain_text("Time is up")
    finally:
        context.close()
