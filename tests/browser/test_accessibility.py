"""No serious or critical axe-core violation on any page, in either theme; the challenge list fits a phone.

axe-core is pinned in frontend/package.json; tests/browser/_axe.py injects it (the page's CSP allows
only its own scripts, so the test context bypasses CSP for the injection only).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests._server import ServerProcess
from tests.browser._axe import COMMITTED, describe, violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
VECTORIZED = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
              / "accepted__vectorized.py").read_text()
SCHEMES = ["light", "dark"]


@pytest.fixture(params=SCHEMES)
def themed(request: pytest.FixtureRequest, browser: Browser, web: ServerProcess) -> Iterator[Page]:
    context = browser.new_context(base_url=web.url, viewport={"width": 1280, "height": 900},
                                  color_scheme=request.param, reduced_motion="reduce", bypass_csp=True)
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def session(web: ServerProcess) -> dict[str, Any]:
    """A session whose clock ran and ended, so every view has its content (timeline, report)."""
    created: dict[str, Any] = httpx.post(f"{web.url}/api/sessions", json={
        "challenges": ["softmax"], "duration_minutes": 30, "candidate_name": "Ada"}).json()
    token = created["interviewer_url"].split("#", 1)[1]
    interviewer = {"Authorization": f"Bearer {token}"}
    httpx.post(f"{web.url}/api/sessions/{created['id']}/start", headers=interviewer).raise_for_status()
    candidate = {"Authorization": f"Bearer {created['candidate_url'].split('#', 1)[1]}"}
    httpx.post(f"{web.url}/api/sessions/{created['id']}/submit", json={"challenge": "softmax", "code": VECTORIZED},
               headers=candidate, timeout=60).raise_for_status()
    created["interviewer_token"] = token
    return created


def assert_accessible(page: Page) -> None:
    found = violations(page)
    assert not found, describe(found)


@pytest.mark.parametrize("path", ["/", "/lessons/5", "/challenges", "/challenges/softmax", "/progress",
                                  "/sessions/new"])
def test_page_has_no_serious_violation(themed: Page, path: str) -> None:
    themed.goto(path)
    expect(themed.locator("main")).to_be_visible()
    assert_accessible(themed)


def test_challenge_page_after_a_submit_has_no_serious_violation(themed: Page) -> None:
    themed.goto("/challenges/softmax")
    expect(themed.locator(".cm-editor")).to_be_visible()
    themed.evaluate("code => window.arraydojoEditor.setCode(code)", VECTORIZED)
    themed.get_by_role("button", name="Submit").click()
    expect(themed.locator(".results[data-mode='submit'] svg.timing-chart")).to_be_visible(timeout=60_000)
    themed.locator("#submissions .submission summary").first.click()  # a past report, opened
    expect(themed.locator("#submissions .submission-report .results")).to_be_visible()
    assert_accessible(themed)


def test_interview_views_and_report_have_no_serious_violation(themed: Page, session: dict[str, Any],
                                                              web: ServerProcess) -> None:
    themed.goto(session["candidate_url"].replace(web.url, ""))
    expect(themed.locator(".cm-editor")).to_be_visible()
    assert_accessible(themed)
    themed.goto(session["interviewer_url"].replace(web.url, ""))
    expect(themed.locator(".cm-editor")).to_be_visible()
    expect(themed.locator(".timeline-item").first).to_be_visible()
    assert_accessible(themed)
    themed.goto(f"/sessions/{session['id']}/report#{session['interviewer_token']}")
    expect(themed.locator("#playback")).to_be_visible()
    assert_accessible(themed)


def test_every_scrollable_region_can_be_reached_by_keyboard(themed: Page) -> None:
    themed.set_viewport_size({"width": 390, "height": 700})
    themed.goto("/challenges/softmax")
    expect(themed.locator(".cm-editor")).to_be_visible()
    unreachable = themed.evaluate("""() => Array.from(document.querySelectorAll("body *")).filter((node) => {
      const style = getComputedStyle(node);
      const scrolls = (/(auto|scroll)/.test(style.overflowX) && node.scrollWidth > node.clientWidth + 1)
        || (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight + 1);
      const reachable = node.tabIndex >= 0 || node.querySelector("a, button, input, select, textarea, [tabindex]");
      return scrolls && !reachable && node.offsetParent !== null;
    }).map((node) => node.tagName + (node.id ? "#" + node.id : "") + "." + node.className)""")
    assert unreachable == []


def test_focus_is_visible_on_every_control(themed: Page) -> None:
    themed.goto("/challenges")
    for _ in range(12):
        themed.keyboard.press("Tab")
        outline = themed.evaluate("""() => { const s = getComputedStyle(document.activeElement);
          return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 || s.boxShadow !== "none"; }""")
        assert outline, themed.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")


def test_the_challenge_list_is_cards_on_a_phone(page: Page, screenshots: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    table = page.locator(".challenge-cards").first
    expect(table).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing cut off the right
    first = table.locator("tbody tr").first
    for cell in (".badge", ".status-pill", ".best-score"):
        box = first.locator(cell).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 390, cell
    page.evaluate("() => document.querySelector('.challenge-cards').scrollIntoView()")
    page.screenshot(path=str(screenshots / "home-phone.png"))


def test_the_committed_axe_core_is_the_pinned_version() -> None:
    import json

    pinned = json.loads((Path(__file__).resolve().parent.parent.parent / "frontend" / "package.json")
                        .read_text())["devDependencies"]["axe-core"]
    assert COMMITTED.read_text()[:40].startswith(f"/*! axe v{pinned}")
