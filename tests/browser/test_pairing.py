"""Pair programming in two browsers: both type at once in one spot, see each other's cursor, lose nothing offline."""

from __future__ import annotations

import re
import time
from itertools import zip_longest
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests._server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and two Chromium contexts


def open_page(browser: Browser, web: ServerProcess, url: str, errors: list[str]) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=web.url, viewport={"width": 1300, "height": 900}, color_scheme="light",
                                  reduced_motion="reduce")
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    expect(page.locator(".cm-editor")).to_be_visible()
    return context, page


def is_subsequence(part: str, whole: str) -> bool:
    """Concurrent keystrokes at one spot may interleave, but each person's own order is kept."""
    letters = iter(whole)
    return all(char in letters for char in part)


def code_of(page: Page) -> str:
    code: str = page.evaluate("() => window.arraydojoEditor.getCode()")
    return code


def server_text(web: ServerProcess, created: dict[str, Any]) -> str:
    state = httpx.get(f"{web.url}/api/sessions/{created['id']}",
                      headers={"Authorization": f"Bearer {created['interviewer_token']}"}).json()
    text: str = state["code"].get("softmax", "")
    return text


def wait_converged(pages: list[Page], web: ServerProcess, created: dict[str, Any], seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        codes = [code_of(page) for page in pages]
        pending = [page.evaluate("() => window.arraydojoEditor.shared.pendingUpdates().length") for page in pages]
        if len(set(codes)) == 1 and not any(pending) and server_text(web, created) == codes[0]:
            return codes[0]
        time.sleep(0.2)
    raise AssertionError(f"the editors and the server did not converge: {[code_of(p) for p in pages]!r}, "
                         f"server {server_text(web, created)!r}")


def type_at_end(page: Page, text: str) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_two_people_typing_at_once_in_one_place_converge_and_see_each_other(
        browser: Browser, web: ServerProcess, screenshots: Path) -> None:
    created = httpx.post(f"{web.url}/api/sessions", json={
        "challenges": ["softmax"], "duration_minutes": 30, "candidate_name": "Grace"}).json()
    httpx.post(f"{web.url}/api/sessions/{created['id']}/start",
               headers={"Authorization": f"Bearer {created['interviewer_token']}"}).raise_for_status()
    errors: list[str] = []
    candidate_context, candidate = open_page(browser, web, created["candidate_url"], errors)
    interviewer_context, interviewer = open_page(browser, web, created["interviewer_url"], errors)
    try:
        starter = code_of(candidate)
        for page in (candidate, interviewer):
            page.locator(".cm-content").click()
            page.keyboard.press("Control+End")
            page.keyboard.press("Enter")
        mine, theirs = "# candidate: subtract the max", "# interviewer: and the axis?"
        for a, b in zip_longest(mine, theirs, fillvalue=""):  # keystrokes interleaved: neither waits
            candidate.keyboard.type(a)
            interviewer.keyboard.type(b)
        final = wait_converged([candidate, interviewer], web, created)
        assert is_subsequence(mine, final)
        assert is_subsequence(theirs, final)
        assert len(final) == len(starter) + 2 + len(mine) + len(theirs)  # nothing lost, nothing doubled

        # Cursors: each editor draws the other person's, with a name.
        expect(candidate.locator(".cm-remote-cursor-label")).to_contain_text("Interviewer", timeout=5000)
        expect(interviewer.locator(".cm-remote-cursor-label")).to_contain_text("Candidate", timeout=5000)
        expect(candidate.locator("#presence [data-role='interviewer']")).to_have_attribute("data-status", "connected")
        expect(interviewer.locator("#presence [data-role='candidate']")).to_have_attribute("data-status", "connected")
        interviewer.locator(".cm-content").click()
        interviewer.keyboard.press("Control+Home")
        for _ in range(3):
            interviewer.keyboard.press("ArrowDown")  # line 4: the label sits above the line, in view
        interviewer.keyboard.press("Shift+End")
        expect(candidate.locator(".cm-remote-selection")).not_to_have_count(0, timeout=5000)
        interviewer.screenshot(path=str(screenshots / "pair-interviewer.png"))
        candidate.screenshot(path=str(screenshots / "pair-candidate.png"))

        # The candidate's network drops for a few seconds while both keep typing: nothing is lost.
        candidate_context.set_offline(True)
        type_at_end(candidate, "\n# typed offline")
        type_at_end(interviewer, "\n# typed meanwhile")
        time.sleep(3)
        candidate.keyboard.type(" still offline")
        assert "# typed meanwhile" not in code_of(candidate)
        candidate_context.set_offline(False)
        final = wait_converged([candidate, interviewer], web, created, seconds=30)
        assert "# typed offline still offline" in final
        assert "# typed meanwhile" in final

        # A reload restores the document from the server.
        candidate.reload()
        expect(candidate.locator(".cm-editor")).to_be_visible()
        expect(candidate.locator(".cm-content")).to_contain_text("# typed offline still offline")
        assert code_of(candidate) == final

        # The toggle off: the interviewer's editor is read-only and the server refuses its pushes.
        interviewer.locator("#interviewer-may-type").uncheck()
        expect(interviewer.locator(".cm-content")).to_have_attribute("aria-readonly", "true")
        # Edits that reach the server after the toggle (typed at that moment) are refused and dropped
        # from the interviewer's editor too: it shows the server's text again, saying why.
        interviewer.evaluate("() => window.arraydojoEditor.view.dispatch({changes: {from: 0, insert: '# late '}})")
        expect(interviewer.locator("#pair-status")).to_contain_text("Not saved", timeout=5000)
        expect(interviewer.locator(".cm-content")).not_to_contain_text("# late ")
        assert code_of(interviewer) == server_text(web, created) == final

        # The report replays every keystroke of both people, each coloured, up to the text both see.
        interviewer.locator("#report-link").click()
        expect(interviewer.locator("#playback")).to_be_visible()
        expect(interviewer.locator("#playback-code")).to_have_text(final)
        expect(interviewer.locator(".author-run.author-candidate").first).to_be_visible()
        expect(interviewer.locator(".author-run.author-interviewer").first).to_be_visible()
        report = httpx.get(f"{web.url}/api/sessions/{created['id']}/report",
                           headers={"Authorization": f"Bearer {created['interviewer_token']}"}).json()
        keystrokes = 2 + len(mine) + len(theirs) + len("\n# typed offline still offline") + len("\n# typed meanwhile")
        assert len(report["playback"]) == keystrokes  # one update a keystroke, none lost or doubled
        expect(interviewer.locator("#playback-time")).to_contain_text(f"edit {keystrokes} of {keystrokes}")
        interviewer.locator("#playback").screenshot(path=str(screenshots / "pair-playback.png"))
    finally:
        candidate_context.close()
        interviewer_context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"


def test_switching_challenges_keeps_what_was_just_typed(browser: Browser, web: ServerProcess) -> None:
    created = httpx.post(f"{web.url}/api/sessions", json={
        "challenges": ["softmax", "cross-entropy"], "duration_minutes": 30}).json()
    httpx.post(f"{web.url}/api/sessions/{created['id']}/start",
               headers={"Authorization": f"Bearer {created['interviewer_token']}"}).raise_for_status()
    errors: list[str] = []
    context, candidate = open_page(browser, web, created["candidate_url"], errors)
    try:
        type_at_end(candidate, "\n# softmax note")
        candidate.locator("#challenge-tabs .tab[data-challenge='cross-entropy']").click()  # at once, mid-push
        expect(candidate.locator("#challenge-title")).to_have_text("Cross-entropy loss")
        type_at_end(candidate, "\n# cross-entropy note")
        candidate.locator("#challenge-tabs .tab[data-challenge='softmax']").click()
        expect(candidate.locator(".cm-content")).to_contain_text("# softmax note")
        state = httpx.get(f"{web.url}/api/sessions/{created['id']}",
                          headers={"Authorization": f"Bearer {created['interviewer_token']}"}).json()
        assert state["code"]["softmax"].endswith("\n# softmax note")
        assert state["code"]["cross-entropy"].endswith("\n# cross-entropy note")
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_without_the_editor_bundle_the_candidate_types_and_the_interviewer_watches(
        browser: Browser, web: ServerProcess) -> None:
    created = httpx.post(f"{web.url}/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30}).json()
    httpx.post(f"{web.url}/api/sessions/{created['id']}/start",
               headers={"Authorization": f"Bearer {created['interviewer_token']}"}).raise_for_status()
    errors: list[str] = []
    contexts = []
    try:
        pages = []
        for link in (created["candidate_url"], created["interviewer_url"]):
            context = browser.new_context(base_url=web.url)
            context.route(re.compile(r"/static/editor\.js"), lambda route: route.abort())  # the bundle never loads
            contexts.append(context)
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(link)
            pages.append(page)
        candidate, interviewer = pages
        expect(candidate.locator("#code")).to_be_editable()
        for page in pages:
            assert page.evaluate("() => window.ArrayDojoEditor === undefined")
            expect(page.locator(".cm-editor")).to_have_count(0)
        candidate.locator("#code").press("Control+End")
        candidate.locator("#code").type("\n# plain textarea")
        expect(interviewer.locator("#code")).to_have_value(re.compile("# plain textarea"), timeout=10_000)
        expect(interviewer.locator("#code")).not_to_be_editable()
        assert server_text(web, created).endswith("# plain textarea")
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"
