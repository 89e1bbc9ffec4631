"""The candidate's focused interview page in Chromium: no site navigation, a statement without the interviewer's
section, a submit that streams (verdict before timing), and a paste and a tab switch that the interviewer
sees on the live timeline and in the report, as facts, and the candidate never does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests._server import ServerProcess
from tests.browser._axe import describe, violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
ACCEPTED = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
            / "accepted__vectorized.py").read_text()
PASTED = "\n".join(f"# a line of a snippet from elsewhere, number {n:02d}, long enough to count" for n in range(9))

# Records when each part of the results first shows in `root`: the verdict, then the timing section.
WATCH_PARTS = """root => {
  window.partsSeen = {};
  const start = performance.now();
  const look = () => {
    const target = document.querySelector(root);
    if (!target) return;
    if (!window.partsSeen.verdict && target.querySelector(".results[data-mode='submit'] .verdict-title"))
      window.partsSeen.verdict = performance.now() - start;
    if (!window.partsSeen.timing && target.querySelector(".results[data-mode='submit'] .result-section.timing"))
      window.partsSeen.timing = performance.now() - start;
  };
  new MutationObserver(look).observe(document.body, { childList: true, subtree: true });
}"""
# The page's tab goes to the background, then comes back: the document's own visibility events.
HIDE = """() => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
  document.dispatchEvent(new Event("visibilitychange"));
}"""
SHOW = """() => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
  document.dispatchEvent(new Event("visibilitychange"));
}"""
PASTE = """text => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  document.querySelector(".cm-content").dispatchEvent(
    new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}"""


def new_page(browser: Browser, web: ServerProcess, errors: list[str]) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=web.url, viewport={"width": 1400, "height": 1000}, color_scheme="light",
                                  reduced_motion="reduce", bypass_csp=True)  # bypass_csp: axe's injection only
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page


@pytest.fixture
def rooms(browser: Browser, web: ServerProcess) -> Iterator[dict[str, Any]]:
    """A started session (the candidate sees tests and ratings), its candidate's page and its interviewer's page."""
    created = httpx.post(f"{web.url}/api/sessions", json={
        "challenges": ["softmax"], "duration_minutes": 30, "candidate_name": "Grace Hopper",
        "candidate_sees": "tests_and_rubric"}).json()
    errors: list[str] = []
    interviewer_context, interviewer = new_page(browser, web, errors)
    candidate_context, candidate = new_page(browser, web, errors)
    interviewer.on("dialog", lambda dialog: dialog.accept())
    interviewer.goto(created["interviewer_url"])
    interviewer.get_by_role("button", name="Start the clock").click()
    candidate.goto(created["candidate_url"])
    expect(candidate.locator(".cm-editor")).to_be_visible()
    yield {"created": created, "candidate": candidate, "interviewer": interviewer}
    interviewer_context.close()
    candidate_context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"


def test_candidate_page_has_no_site_navigation_and_no_interviewer_section(rooms: dict[str, Any]) -> None:
    candidate, interviewer = rooms["candidate"], rooms["interviewer"]
    expect(candidate.locator("#session-title")).to_have_text("Welcome, Grace Hopper")
    expect(candidate.locator("header #countdown")).to_be_visible()
    expect(candidate.locator(".site-nav")).to_have_count(0)
    expect(candidate.locator("footer")).to_have_count(0)
    hrefs = candidate.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.startswith("/")], hrefs  # no way off the interview
    expect(candidate.locator("#challenge-statement")).to_contain_text("Shapes and edge cases")
    expect(candidate.locator("#challenge-statement")).not_to_contain_text("What an interviewer looks for")
    expect(interviewer.locator("#challenge-statement")).to_contain_text("What an interviewer looks for")
    expect(interviewer.locator("#session-settings")).to_contain_text("Tests and rubric ratings")
    found = violations(candidate)
    assert not found, describe(found)


def test_a_streamed_interview_submit_shows_the_verdict_before_the_timing_part(rooms: dict[str, Any]) -> None:
    candidate, interviewer = rooms["candidate"], rooms["interviewer"]
    candidate.evaluate(WATCH_PARTS, "#results")
    interviewer.evaluate(WATCH_PARTS, "#activity-list")
    candidate.evaluate("code => window.arraydojoEditor.setCode(code)", ACCEPTED)
    candidate.get_by_role("button", name="Submit").click()
    results = candidate.locator("#results .results[data-mode='submit']")
    expect(results).to_have_attribute("data-verdict", "accepted", timeout=60_000)
    expect(results.locator(".result-section.timing")).to_be_visible(timeout=60_000)
    expect(results.locator(".rating").first).to_be_visible()  # ratings: this session shows them
    expect(results.locator(".feedback-item")).to_have_count(0)  # never the advice
    expect(interviewer.locator(".activity-item[data-mode='submit'] .result-section.timing")).to_be_visible(
        timeout=60_000)
    for page in (candidate, interviewer):
        seen = page.evaluate("() => window.partsSeen")
        assert seen.get("verdict") is not None, seen
        assert seen.get("timing") is not None, seen
        assert seen["verdict"] < seen["timing"], seen
        print(f"verdict on screen at {seen['verdict']:.0f} ms, timing at {seen['timing']:.0f} ms")
    found = violations(candidate)
    assert not found, describe(found)
    candidate.reload()  # a reopened page shows the latest submit again, as the session shows it
    expect(candidate.locator("#results .results[data-mode='submit']")).to_have_attribute("data-verdict", "accepted")
    expect(candidate.locator("#results .feedback-item")).to_have_count(0)


def test_a_paste_and_a_tab_switch_reach_the_interviewers_timeline_and_report(rooms: dict[str, Any]) -> None:
    candidate, interviewer, created = rooms["candidate"], rooms["interviewer"], rooms["created"]
    candidate.locator(".cm-content").click()
    candidate.evaluate(PASTE, PASTED)
    expect(candidate.locator(".cm-content")).to_contain_text("number 08")  # the editor took the paste
    candidate.evaluate(HIDE)
    candidate.wait_for_timeout(1500)
    candidate.evaluate(SHOW)

    paste = interviewer.locator(".timeline-item.kind-paste")
    expect(paste).to_contain_text(f"pasted {len(PASTED)} characters (9 lines)", timeout=10_000)
    expect(interviewer.locator(".timeline-item.kind-away")).to_contain_text("page hidden", timeout=10_000)
    expect(interviewer.locator(".timeline-item.kind-back")).to_contain_text("page hidden for", timeout=10_000)
    # Never shown to the candidate, in any words.
    shown = candidate.locator("body").text_content() or ""
    assert f"{len(PASTED)} characters" not in shown
    assert "pasted" not in shown
    assert "hidden for" not in shown

    interviewer.get_by_role("button", name="End session").click()
    expect(interviewer.locator("#status-pill")).to_have_text("Ended")
    interviewer.goto(f"/sessions/{created['id']}/report#{created['interviewer_token']}")
    expect(interviewer.locator("#integrity-summary")).to_contain_text(
        f"1 large paste ({len(PASTED)} characters); away from the page 1 time")
    expect(interviewer.locator("#timeline .kind-paste")).to_contain_text("pasted")
    expect(interviewer.locator("#timeline .kind-back")).to_contain_text("page hidden for")
    expect(interviewer.locator(".marker-paste")).to_have_count(1)
    expect(interviewer.locator(".marker-away")).to_have_count(1)
    found = violations(interviewer)
    assert not found, describe(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dashboard_shows_what_the_candidate_sees_accessibly(browser: Browser, web: ServerProcess,
                                                                 scheme: str) -> None:
    context = browser.new_context(base_url=web.url, viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce", bypass_csp=True)
    try:
        page = context.new_page()
        signed_up = context.request.post("/api/accounts", data={
            "email": f"dash-{scheme}-{id(page)}@example.com", "password": "correct horse battery staple",
            "display_name": "Ada"})
        assert signed_up.status == 201, signed_up.text()
        made = context.request.post("/api/sessions", data={"challenges": ["softmax"], "duration_minutes": 30,
                                                           "candidate_sees": "tests_and_rubric"})
        assert made.status == 201, made.text()
        page.goto("/sessions")
        expect(page.locator(".dashboard-candidate-sees").first).to_have_text(
            "Tests and rubric ratings (no fix advice)")
        found = violations(page)
        assert not found, describe(found)
    finally:
        context.close()
