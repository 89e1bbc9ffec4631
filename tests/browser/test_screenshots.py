"""Screenshots of the main pages (docs/screenshots/ when ARRAYDOJO_SCREENSHOTS=docs/screenshots)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests._server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
SOLUTIONS = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_main_pages(browser: Browser, web: ServerProcess, screenshots: Path, scheme: str) -> None:
    context = browser.new_context(base_url=web.url, viewport={"width": 1400, "height": 1000}, color_scheme=scheme,
                                  reduced_motion="reduce")
    page = context.new_page()
    page.goto("/challenges/softmax")
    code = "".join(line for line in (SOLUTIONS / "accepted__row_loop.py").read_text().splitlines(keepends=True)
                   if not line.startswith("# rubric:"))  # the corpus's own annotation
    page.evaluate("code => window.arraydojoEditor.setCode(code)", code)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".results[data-mode='submit']")).to_be_visible(timeout=60_000)
    page.screenshot(path=str(screenshots / f"challenge-{scheme}.png"))
    page.set_viewport_size({"width": 1400, "height": 2000})
    page.locator("#results").evaluate("element => element.scrollIntoView()")
    page.screenshot(path=str(screenshots / f"results-{scheme}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    if scheme == "light":
        page.goto("/")
        page.screenshot(path=str(screenshots / "home.png"))
        page.goto("/lessons/5")
        page.screenshot(path=str(screenshots / "lesson.png"))
        page.goto("/progress")
        page.screenshot(path=str(screenshots / "progress.png"))
    context.close()
    assert (screenshots / f"challenge-{scheme}.png").stat().st_size > 10_000
