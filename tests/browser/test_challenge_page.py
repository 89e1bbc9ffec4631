"""A candidate's session in a real browser: edit, run, submit, rubric line links, drafts, theme, keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
SOLUTIONS = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
VECTORIZED = (SOLUTIONS / "accepted__vectorized.py").read_text()
ROW_LOOP = (SOLUTIONS / "accepted__row_loop.py").read_text()


def open_challenge(page: Page, challenge: str = "softmax") -> None:
    page.goto(f"/challenges/{challenge}")
    expect(page.locator(".cm-editor")).to_be_visible()


def set_code(page: Page, code: str) -> None:
    page.evaluate("code => window.arraydojoEditor.setCode(code)", code)


def editor_code(page: Page) -> str:
    return str(page.evaluate("() => window.arraydojoEditor.getCode()"))


def test_run_shows_the_visible_tests(page: Page) -> None:
    open_challenge(page)
    set_code(page, VECTORIZED)
    page.get_by_role("button", name="Run").click()
    results = page.locator(".results[data-mode='run']")
    expect(results).to_be_visible()
    expect(results).to_have_attribute("data-verdict", "accepted")
    expect(results.locator(".test.passed")).to_have_count(2)
    expect(results.locator(".hidden-test")).to_have_count(0)
    expect(results).to_contain_text("one row of three logits")


def test_a_wrong_answer_shows_input_expected_and_got(page: Page) -> None:
    open_challenge(page)
    set_code(page, "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.asarray(z) * 0\n")
    page.get_by_role("button", name="Run").click()
    failed = page.locator(".results .test.failed").first
    expect(failed).to_be_visible()
    expect(failed.locator("dt")).to_have_text(["input", "expected", "got"])
    expect(page.locator(".results .explanation")).to_contain_text("differs from the expected output")


def test_submitting_a_loop_flags_vectorization_and_its_line_link_highlights_the_editor(page: Page,
                                                                                      screenshots: Path) -> None:
    open_challenge(page)
    set_code(page, ROW_LOOP)
    page.get_by_role("button", name="Submit").click()
    results = page.locator(".results[data-mode='submit']")
    expect(results).to_be_visible(timeout=60_000)
    expect(results).to_have_attribute("data-verdict", "accepted")
    expect(results.locator(".hidden-test").first).to_be_visible()
    vectorization = results.locator(".criterion[data-criterion='vectorization']")
    expect(vectorization.locator(".rating")).to_have_text("Needs work")
    link = vectorization.locator(".line-link").first
    line = int(link.get_attribute("data-line") or 0)
    assert ROW_LOOP.splitlines()[line - 1].lstrip().startswith("for ")
    link.click()
    expect(page.locator(".cm-flash-line")).to_have_count(1)
    assert page.evaluate("() => window.arraydojoEditor.highlightedLine()") == line
    expect(page.locator(".cm-flash-line")).to_contain_text("for i in range")
    expect(results.locator("svg.timing-chart")).to_be_visible()
    expect(results.locator(".timing-words").first).to_contain_text("your code took")
    expect(page.locator("#submissions .submission")).to_have_count(1)
    expect(page.locator("#reference-code")).to_be_visible()  # unlocked by the accepted submit
    page.locator(".results").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "challenge-results.png"), full_page=True)


def test_reload_restores_the_server_draft(page: Page) -> None:
    open_challenge(page)
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# saved on the server")
    expect(page.locator("#save-status")).to_have_text("Draft saved")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    expect(page.locator(".cm-editor")).to_be_visible()
    assert "# saved on the server" in editor_code(page)


def test_reload_before_the_server_save_restores_from_the_browser(page: Page) -> None:
    open_challenge(page)
    page.route("**/api/drafts/**", lambda route: route.abort())  # the server never gets it
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# only in this browser")
    page.unroute("**/api/drafts/**")
    page.reload()
    expect(page.locator(".cm-editor")).to_be_visible()
    assert "# only in this browser" in editor_code(page)
    # ...and the restored copy reaches the server too.
    expect(page.locator("#save-status")).to_have_text("Draft saved")
    assert "# only in this browser" in page.request.get("/api/drafts/softmax").json()["code"]


def test_reset_puts_back_the_starter_code(page: Page) -> None:
    open_challenge(page)
    starter = editor_code(page)
    set_code(page, "x = 1\n")
    page.get_by_role("button", name="Reset to starter").click()
    assert editor_code(page) == starter


def test_dark_mode_follows_the_os_and_the_toggle_persists(page: Page) -> None:
    page.goto("/")
    root = page.locator("html")
    expect(root).to_have_attribute("data-effective-theme", "light")
    light = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page.locator("#theme-toggle").click()
    expect(root).to_have_attribute("data-effective-theme", "dark")
    dark = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert light != dark
    page.reload()
    expect(root).to_have_attribute("data-theme", "dark")
    page.locator("#theme-toggle").click()
    expect(root).to_have_attribute("data-effective-theme", "light")
    page.emulate_media(color_scheme="dark")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    expect(root).to_have_attribute("data-effective-theme", "dark")


def test_keyboard_shortcuts_run_submit_and_show_help(page: Page) -> None:
    open_challenge(page)
    set_code(page, VECTORIZED)
    page.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")
    expect(page.locator(".results[data-mode='run']")).to_be_visible()
    page.locator(".cm-content").click()
    page.keyboard.press("Control+Shift+Enter")
    expect(page.locator(".results[data-mode='submit']")).to_be_visible(timeout=60_000)
    # Escape then Tab leaves the editor; `?` outside it opens the overlay, Escape closes it.
    page.locator(".cm-content").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert not page.evaluate("() => Boolean(document.activeElement.closest('.cm-editor'))")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts")).to_be_hidden()
    # Typing `?` inside the editor types it.
    page.locator(".cm-content").click()
    page.keyboard.type("?")
    expect(page.locator("#shortcuts")).to_be_hidden()


def test_hints_open_one_at_a_time_and_giving_up_shows_the_reference(page: Page) -> None:
    open_challenge(page)
    for tier in (1, 2, 3):
        page.locator("#hint-button").click()
        expect(page.locator(".hint")).to_have_count(tier)
    expect(page.locator("#hint-button")).to_have_count(0)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Give up and show the reference").click()
    expect(page.locator("#reference-code")).to_contain_text("def softmax")


def test_vim_keymap_is_chosen_and_remembered(page: Page) -> None:
    open_challenge(page)
    page.get_by_label("Editor keymap").select_option("vim")
    set_code(page, "abc\n")
    page.locator(".cm-content").click()
    page.keyboard.press("Escape")
    page.keyboard.press("g")
    page.keyboard.press("g")
    page.keyboard.press("d")
    page.keyboard.press("d")
    assert editor_code(page) == ""
    page.reload()
    expect(page.get_by_label("Editor keymap")).to_have_value("vim")
