"""Your own input on the challenge page: typed, run beside the reference, remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
WRONG = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.zeros_like(np.asarray(z, dtype=float))\n"


def test_your_input_shows_your_output_beside_the_references(page: Page, screenshots: Path) -> None:
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    page.evaluate("code => window.arraydojoEditor.setCode(code)", WRONG)
    page.locator("#custom-input summary").click()
    page.get_by_label("Arguments for").fill("np.array([[1.0, 2.0, 3.0]])")
    page.get_by_role("button", name="Run on this input").click()
    result = page.locator("#custom-result")
    expect(result.locator(".custom-mismatch")).to_contain_text("differs")
    expect(result.locator("dt")).to_have_text(["input", "yours", "reference"])
    expect(result.locator("dd").nth(2)).to_contain_text("0.665241")
    page.locator("#custom-input").screenshot(path=str(screenshots / "custom-input.png"))
    page.reload()  # the input is remembered for this challenge, and Run tries it too
    expect(page.locator("#custom-input")).to_have_attribute("open", "")
    expect(page.get_by_label("Arguments for")).to_have_value("np.array([[1.0, 2.0, 3.0]])")
    page.locator("#run-button").click()
    expect(page.locator("#custom-result .custom-mismatch")).to_be_visible()


def test_an_input_that_is_code_is_refused_and_shown_as_text(page: Page) -> None:
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    page.locator("#custom-input summary").click()
    page.get_by_label("Arguments for").fill("__import__('os'), '<img src=x onerror=alert(1)>'")
    page.get_by_role("button", name="Run on this input").click()
    expect(page.locator("#custom-result .custom-unreadable")).to_contain_text("could not be read")
    expect(page.locator("#custom-result img")).to_have_count(0)
