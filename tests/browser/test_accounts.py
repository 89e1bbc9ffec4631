"""An interviewer's account in Chromium: sign up, create a session, find it again from a fresh browser."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests._server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
PASSWORD = "correct horse battery staple"
PHONE = {"width": 390, "height": 844}
ACCEPTED = (Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
            / "accepted__vectorized.py").read_text()


def _context(browser: Browser, web: ServerProcess, **options: object) -> BrowserContext:
    context = browser.new_context(base_url=web.url, color_scheme="light", reduced_motion="reduce",
                                  **options)  # type: ignore[arg-type]
    context.set_default_timeout(30_000)
    return context


def _watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _create_session(page: Page, candidate: str) -> str:
    page.goto("/sessions/new")
    expect(page.get_by_text("the session will be listed in")).to_be_visible()
    page.get_by_label("Softmax").check()
    page.get_by_label("Candidate's name (optional)").fill(candidate)
    page.get_by_role("button", name="Create the session").click()
    expect(page.locator("h1")).to_have_text("Your session is ready")
    expect(page.locator("#candidate-url")).to_have_value(re.compile(r"/candidate#[A-Za-z0-9_-]{43}$"))
    return page.locator("#candidate-url").input_value()


def _finished_interview(web: ServerProcess, email: str, candidate: str) -> None:
    """One interview run through the API for the same account: an accepted submit, ended, scored."""
    with httpx.Client(base_url=web.url, timeout=60) as api:
        assert api.post("/api/login", json={"email": email, "password": PASSWORD}).status_code == 200
        created = api.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30,
                                                  "candidate_name": candidate}).json()
        base = f"/api/sessions/{created['id']}"
        assert api.post(f"{base}/start").status_code == 200
        submit = api.post(f"{base}/submit", json={"challenge": "softmax", "code": ACCEPTED},
                          headers={"Authorization": f"Bearer {created['candidate_token']}"})
        assert submit.json()["verdict"] == "accepted"
        assert api.post(f"{base}/end").status_code == 200
        card = {"criteria": {"vectorization": 4, "communication": 4, "problem_solving": 4},
                "recommendation": "strong_yes", "summary": "Clear and fast."}
        assert api.put(f"{base}/scorecard", json=card).status_code == 200


def test_interviewer_signs_up_creates_a_session_and_finds_it_again_from_a_fresh_browser(
        browser: Browser, web: ServerProcess, screenshots: Path) -> None:
    email = f"ada-{uuid.uuid4().hex[:8]}@example.com"
    first = _context(browser, web, viewport={"width": 1280, "height": 900},
                     permissions=["clipboard-read", "clipboard-write"])
    page = first.new_page()
    errors = _watch_errors(page)
    page.goto("/signup")
    page.get_by_label("Display name").fill("Ada Lovelace")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("alert")).to_contain_text("too short")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page).to_have_url(re.compile(r"/sessions$"))
    expect(page.get_by_text("No sessions yet")).to_be_visible()

    first_link = _create_session(page, "Grace Hopper")
    page.locator('button[data-copy="candidate-url"]').click()
    expect(page.locator('button[data-copy="candidate-url"]')).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == first_link
    page.reload()  # post-redirect-get: the same page again, no second session
    expect(page.locator("#candidate-url")).to_have_value(first_link)
    _create_session(page, "Linus Torvalds")
    first.close()
    assert not errors, errors
    _finished_interview(web, email, "Margaret Hamilton")

    fresh = _context(browser, web, viewport={"width": 1280, "height": 900},
                     permissions=["clipboard-read", "clipboard-write"])
    page = fresh.new_page()
    errors = _watch_errors(page)
    page.goto("/sessions")
    expect(page).to_have_url(re.compile(r"/login\?next=/sessions$"))
    page.get_by_label("Email").fill(email.upper())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/sessions$"))
    rows = page.locator(".dashboard-row")
    expect(rows).to_have_count(3)  # the reload created nothing
    expect(rows.first).to_contain_text("Margaret Hamilton")
    finished = rows.filter(has_text="Margaret Hamilton")
    expect(finished).to_contain_text("Ended")
    expect(finished).to_contain_text("Accepted")
    expect(finished).to_contain_text("Strong yes")
    expect(rows.nth(1)).to_contain_text("Linus Torvalds")
    grace = rows.filter(has_text="Grace Hopper")
    expect(grace).to_contain_text("Softmax")
    expect(grace).to_contain_text("Waiting")

    page.once("dialog", lambda dialog: dialog.accept())
    grace.get_by_role("button", name="Re-issue candidate link").click()
    new_link = grace.locator("input.link-field")
    expect(new_link).to_have_value(re.compile(r"/candidate#[A-Za-z0-9_-]{43}$"))
    expect(page.locator("#dashboard-status")).to_contain_text("previous one no longer works")
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)
    reissued = new_link.input_value()
    assert reissued != first_link
    grace.get_by_role("button", name="Copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == reissued
    session_id = grace.get_attribute("data-session")
    with httpx.Client(base_url=web.url) as api:  # the old link stops working, the new one opens the seat
        old_token, new_token = first_link.split("#")[1], reissued.split("#")[1]
        assert api.get(f"/api/sessions/{session_id}", headers={"Authorization": f"Bearer {old_token}"}) \
            .status_code == 401
        assert api.get(f"/api/sessions/{session_id}", headers={"Authorization": f"Bearer {new_token}"}) \
            .json()["role"] == "candidate"

    # The live view through the login alone, with no token in the address.
    grace.get_by_role("link", name="Live view").click()
    expect(page.locator("#session-title")).to_have_text("Interview with Grace Hopper")
    expect(page.locator("#scorecard-criteria .score-item[data-criterion='communication']")).to_be_visible()
    page.locator("#score-communication").select_option("3")
    expect(page.locator("#score-communication-anchor")).to_contain_text("Talks through the plan")
    page.locator("section[aria-labelledby='scorecard-title']").screenshot(path=str(screenshots / "scorecard.png"))
    live_view = page.url

    # A template of one's own, then scoring with it.
    page.goto("/account")
    page.get_by_role("button", name="New template").click()
    page.get_by_label("Name").fill("Pair programming")
    page.get_by_role("button", name="Add a criterion").click()
    new = page.locator(".template-criterion").last
    new.get_by_label("Criterion").fill("Testing")
    for rating in range(1, 5):
        new.get_by_label(f"What {rating} means").fill(f"Testing anchor {rating}")
    page.get_by_role("button", name="Save the template").click()
    expect(page.locator(".template-item")).to_contain_text("Pair programming · 8 criteria")
    page.goto(live_view)
    page.locator("#scorecard-template").select_option(label="Pair programming")
    page.locator("#score-testing").select_option("4")
    expect(page.locator("#score-testing-anchor")).to_have_text("Testing anchor 4")
    page.get_by_role("button", name="Save scorecard").click()
    expect(page.locator("#scorecard-hint")).to_contain_text("with Pair programming")
    fresh.close()
    assert not errors, errors


def test_account_pages_fit_a_phone(browser: Browser, web: ServerProcess, screenshots: Path) -> None:
    context = _context(browser, web, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = _watch_errors(page)
    page.goto("/signup")
    page.get_by_label("Display name").fill("Ada")
    page.get_by_label("Email").fill(f"phone-{uuid.uuid4().hex[:8]}@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page).to_have_url(re.compile(r"/sessions$"))
    _create_session(page, "Grace Hopper")
    for path in ("/sessions", "/account", "/sessions/new"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways at 390 px: {width} px wide"
    page.goto("/sessions")
    page.screenshot(path=str(screenshots / "dashboard-phone.png"), full_page=True)
    page.goto("/account")
    page.get_by_role("button", name="New template").click()
    expect(page.locator(".template-criterion")).to_have_count(7)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the template editor scrolls sideways at 390 px: {width} px wide"
    page.screenshot(path=str(screenshots / "account-phone.png"))
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/sessions")
    expect(page).to_have_url(re.compile(r"/login\?next=/sessions$"))
    context.close()
    assert not errors, errors
