"""A mock interview in two browsers at once: live typing, a follow-up, the end, the lock and the report."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests._server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
SOLUTIONS = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
ACCEPTED = (SOLUTIONS / "accepted__vectorized.py").read_text()


def open_page(browser: Browser, web: ServerProcess, errors: list[str]) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=web.url, viewport={"width": 1400, "height": 1000}, color_scheme="light",
                                  reduced_motion="reduce")
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page


def test_two_people_run_a_mock_interview_end_to_end(browser: Browser, web: ServerProcess, screenshots: Path) -> None:
    created = httpx.post(f"{web.url}/api/sessions", json={
        "challenges": ["softmax", "cross-entropy"], "duration_minutes": 45, "candidate_name": "Ada Lovelace"}).json()
    errors: list[str] = []
    interviewer_context, interviewer = open_page(browser, web, errors)
    candidate_context, candidate = open_page(browser, web, errors)
    interviewer.on("dialog", lambda dialog: dialog.accept())
    try:
        candidate.goto(created["candidate_url"])
        expect(candidate.locator("#waiting-room")).to_be_visible()
        expect(candidate.locator("#countdown")).to_have_text("45:00")

        interviewer.goto(created["interviewer_url"])
        expect(interviewer.locator(".cm-editor")).to_be_visible()
        expect(interviewer.locator("#session-title")).to_have_text("Interview with Ada Lovelace")
        assert "#" not in interviewer.url  # the token left the address bar
        interviewer.get_by_role("button", name="Start the clock").click()
        expect(interviewer.locator("#status-pill")).to_have_text("Running")

        # The candidate's waiting room opens by itself when the clock starts.
        expect(candidate.locator("#workspace")).to_be_visible()
        expect(candidate.locator(".cm-editor")).to_be_visible()
        expect(candidate.locator("#challenge-title")).to_have_text("Softmax")

        # Typing shows on the interviewer's screen within a second.
        candidate.locator(".cm-content").click()
        candidate.keyboard.press("Control+End")
        candidate.keyboard.type("\n# typed live")
        typed_at = time.monotonic()
        expect(interviewer.locator(".cm-content")).to_contain_text("# typed live", timeout=1000)
        print(f"typing reached the interviewer in {time.monotonic() - typed_at:.2f} s")

        candidate.evaluate("code => window.arraydojoEditor.setCode(code)", ACCEPTED)
        candidate.get_by_role("button", name="Submit").click()
        expect(candidate.locator(".results[data-mode='submit']")).to_have_attribute("data-verdict", "accepted",
                                                                                     timeout=60_000)
        submitted = interviewer.locator(".activity-item[data-mode='submit'] .results")
        expect(submitted).to_have_attribute("data-verdict", "accepted", timeout=10_000)
        # The submit streams: the verdict shows first, the rubric when it is rated, then timing.
        expect(submitted.locator(".criterion[data-criterion='vectorization']")).to_contain_text("Good",
                                                                                               timeout=60_000)
        expect(interviewer.locator(".timeline-item.kind-submit")).to_be_visible()

        # A follow-up from the challenge's list reaches the candidate.
        interviewer.locator(".suggested .button").first.click()
        expect(candidate.locator(".followup")).to_contain_text("subtracting the maximum", timeout=5000)

        interviewer.locator("#notes").fill("Clean **max-subtraction**; explained the shift invariance well.")
        expect(interviewer.locator("#notes-status")).to_have_text("Saved")
        expect(interviewer.locator("#score-vectorization")).to_have_value("4")
        # Next to the criterion, the accepted submit that shows it; the link finds it in the activity.
        evidence = interviewer.locator(".score-item[data-criterion='vectorization'] .score-evidence a")
        expect(evidence).to_contain_text("Softmax · Good")
        evidence.click()
        expect(interviewer.locator(".activity-item.evidence-target")).to_have_attribute("data-mode", "submit")
        interviewer.locator("#recommendation").select_option("yes")
        interviewer.locator("#scorecard-summary").fill("Vectorizes by reflex; numerically careful.")
        interviewer.get_by_role("button", name="Save scorecard").click()
        expect(interviewer.locator("#scorecard-status")).to_have_text("Saved")
        interviewer.evaluate("() => window.scrollTo(0, 0)")
        interviewer.screenshot(path=str(screenshots / "interview-interviewer.png"))
        candidate.evaluate("() => window.scrollTo(0, 0)")
        candidate.screenshot(path=str(screenshots / "interview-candidate.png"))

        # End: the candidate's editor locks, whatever their clock says.
        interviewer.get_by_role("button", name="End session").click()
        expect(interviewer.locator("#status-pill")).to_have_text("Ended")
        expect(candidate.locator("#locked-notice")).to_contain_text("The interviewer ended the session", timeout=5000)
        expect(candidate.locator(".cm-content")).to_have_attribute("aria-readonly", "true")
        before = candidate.evaluate("() => window.arraydojoEditor.getCode()")
        candidate.locator(".cm-content").click()
        candidate.keyboard.type("# too late")
        assert candidate.evaluate("() => window.arraydojoEditor.getCode()") == before
        expect(candidate.get_by_role("button", name="Submit")).to_be_disabled()
        assert "private" not in candidate.content().lower()  # no trace of notes or the scorecard
        assert "max-subtraction" not in candidate.content()

        # The report: playback at a chosen moment shows the code as it was then.
        interviewer.locator("#report-link").click()
        expect(interviewer.locator("#playback")).to_be_visible()
        expect(interviewer.locator(".recommendation")).to_contain_text("Yes")
        report_evidence = interviewer.locator("tr[data-criterion='vectorization'] .score-evidence a")
        expect(report_evidence).to_have_attribute("href", "#challenge-softmax")
        expect(interviewer.locator(".marker-submit")).to_have_count(1)
        expect(interviewer.locator(".marker-followup")).to_have_count(1)
        expect(interviewer.locator("#notes .notes-body strong")).to_have_text("max-subtraction")
        interviewer.locator("#playback-slider").fill("0")
        first = interviewer.locator("#playback-code").text_content() or ""
        assert "np.max" not in first  # the first keystroke, not the last snapshot before it
        expect(interviewer.locator("#playback-author")).to_have_text("Candidate")
        slider = interviewer.locator("#playback-slider")
        slider.fill(slider.get_attribute("max") or "0")
        expect(interviewer.locator("#playback-code")).to_have_text(ACCEPTED)
        interviewer.locator("#playback-speed").select_option("16")
        interviewer.locator("#playback-slider").fill("0")
        interviewer.get_by_role("button", name="Play").click()
        expect(interviewer.locator("#playback-code")).to_have_text(ACCEPTED, timeout=10_000)
        expect(interviewer.locator("#playback-play")).to_have_text("Play", timeout=10_000)  # stopped at the end
        interviewer.locator("#playback-slider").fill("0")
        interviewer.set_viewport_size({"width": 1400, "height": 2700})
        interviewer.evaluate("() => window.scrollTo(0, 0)")
        interviewer.screenshot(path=str(screenshots / "interview-report.png"))
        interviewer.set_viewport_size({"width": 1400, "height": 1000})
        with interviewer.expect_download() as download:
            interviewer.get_by_role("button", name="Download HTML").click()
        saved = screenshots / "interview-report-download.html"
        download.value.save_as(saved)
        html = saved.read_text()
        assert "<script src=" not in html
        assert "max-subtraction" in html
        saved.unlink()
    finally:
        interviewer_context.close()
        candidate_context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"


def test_the_downloaded_report_plays_back_offline(browser: Browser, web: ServerProcess, tmp_path: Path) -> None:
    created = httpx.post(f"{web.url}/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30}).json()
    interviewer = {"Authorization": f"Bearer {created['interviewer_token']}"}
    candidate = {"Authorization": f"Bearer {created['candidate_token']}"}
    httpx.post(f"{web.url}/api/sessions/{created['id']}/start", headers=interviewer)
    for code in ("# one\n", "# one\n# two\n"):
        httpx.post(f"{web.url}/api/sessions/{created['id']}/snapshots", json={"challenge": "softmax", "code": code},
                   headers=candidate)
        time.sleep(0.3)
    path = tmp_path / "report.html"
    path.write_text(httpx.get(f"{web.url}/api/sessions/{created['id']}/report.html", headers=interviewer).text)
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    expect(page.locator("#playback-code")).to_have_text("# one\n# two\n")
    page.locator("#playback-slider").fill("0")
    expect(page.locator("#playback-code")).to_have_text("# one\n")
    context.close()
    assert not errors


@pytest.fixture(scope="module")
def fast_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server that allows sessions of a few seconds, so the deadline comes during the test."""
    folder = tmp_path_factory.mktemp("fast-interviews")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log", session_min_seconds="1",
                            session_grace_seconds="0.5", session_sweep_seconds="0.2").start()
    yield running
    running.stop()


def test_the_countdown_turns_amber_then_red_and_the_editor_locks_at_the_deadline(
        browser: Browser, fast_web: ServerProcess, screenshots: Path) -> None:
    errors: list[str] = []
    context, page = open_page(browser, fast_web, errors)
    try:
        amber = httpx.post(f"{fast_web.url}/api/sessions", json={
            "challenges": ["softmax"], "duration_minutes": 5, "candidate_may_start": True}).json()
        page.goto(amber["candidate_url"])
        page.get_by_role("button", name="Start the interview").click()
        expect(page.locator("#countdown")).to_have_class(re.compile(r"\bamber\b"))

        short = httpx.post(f"{fast_web.url}/api/sessions", json={
            "challenges": ["softmax"], "duration_minutes": 4 / 60, "candidate_may_start": True}).json()
        page.goto(short["candidate_url"])
        page.get_by_role("button", name="Start the interview").click()
        expect(page.locator("#countdown")).to_have_class(re.compile(r"\bred\b"))
        page.wait_for_function("() => window.arraydojoEditor !== undefined")  # it opens once the shared text is in
        page.evaluate("code => window.arraydojoEditor.setCode(code)", ACCEPTED)
        expect(page.locator("#locked-notice")).to_contain_text("Time is up", timeout=10_000)
        expect(page.locator("#countdown")).to_have_text("00:00")
        expect(page.get_by_role("button", name="Run")).to_be_disabled()
        # The server submitted the last code by itself.
        interviewer = {"Authorization": f"Bearer {short['interviewer_token']}"}

        def automatic() -> list[dict[str, object]]:
            runs = httpx.get(f"{fast_web.url}/api/sessions/{short['id']}", headers=interviewer).json()["runs"]
            return [r for r in runs if r["automatic"] and r["status"] == "graded"]

        deadline = time.monotonic() + 30
        while not automatic():
            assert time.monotonic() < deadline, "the last code was never submitted"
            time.sleep(0.2)
        assert automatic()[0]["code"] == ACCEPTED
        assert automatic()[0]["verdict"] == "accepted"
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_the_create_page_makes_two_links(page: Page, screenshots: Path) -> None:
    page.goto("/sessions/new")
    page.get_by_label("Softmax").check()
    page.get_by_label("Candidate's name (optional)").fill("Grace")
    page.get_by_label("Hints allowed").check()
    page.set_viewport_size({"width": 1400, "height": 1400})
    page.screenshot(path=str(screenshots / "interview-new.png"))
    page.get_by_role("button", name="Create the session").click()
    expect(page.locator("h1")).to_have_text("Your session is ready")
    # The links come from the ready page's fragment (post-redirect-get), filled in by its script.
    expect(page.locator("#candidate-url")).to_have_value(re.compile(r"/candidate#[A-Za-z0-9_-]{43}$"))
    page.get_by_role("link", name="Open the interviewer view").click()
    expect(page.locator("#session-title")).to_have_text("Interview with Grace")


def test_the_create_page_draws_random_challenges(page: Page) -> None:
    page.goto("/sessions/new")
    page.get_by_label("How many").fill("2")
    page.get_by_label("difficulty").select_option("easy")
    expect(page.locator('input[name="pick"][value="random"]')).to_be_checked()
    page.get_by_role("button", name="Create the session").click()
    expect(page.locator("h1")).to_have_text("Your session is ready")
    expect(page.locator(".lead")).to_contain_text("45 minutes")


def test_the_create_page_explains_a_bad_form(page: Page) -> None:
    page.goto("/sessions/new")
    page.get_by_role("button", name="Create the session").click()
    expect(page.locator(".error-box")).to_contain_text("Pick at least one challenge")
