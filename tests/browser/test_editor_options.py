"""The challenge page's editor: NumPy completion as one types, and a line-wrap toggle that is remembered."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each


def open_empty_editor(page: Page) -> None:
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    page.evaluate("() => window.arraydojoEditor.setCode('import numpy as np\\n\\n')")
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")


def test_typing_a_numpy_prefix_offers_numpy_names(page: Page) -> None:
    open_empty_editor(page)
    page.keyboard.type("np.logadd", delay=30)
    options = page.locator(".cm-tooltip-autocomplete li")
    expect(options.first).to_be_visible()
    expect(page.locator(".cm-tooltip-autocomplete")).to_contain_text("logaddexp")


def test_the_candidates_own_names_are_offered(page: Page) -> None:
    open_empty_editor(page)
    page.keyboard.type("shifted_logits = 1\nshif", delay=30)
    expect(page.locator(".cm-tooltip-autocomplete")).to_contain_text("shifted_logits")


def test_line_wrap_is_toggled_and_remembered(page: Page) -> None:
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    toggle = page.get_by_label("Wrap long lines")
    expect(toggle).not_to_be_checked()  # a wide screen starts unwrapped
    toggle.check()
    assert page.evaluate("() => window.arraydojoEditor.isLineWrapping()") is True
    expect(page.locator(".cm-content.cm-lineWrapping")).to_have_count(1)
    page.reload()
    expect(page.get_by_label("Wrap long lines")).to_be_checked()
    assert page.evaluate("() => window.arraydojoEditor.isLineWrapping()") is True


def test_a_narrow_screen_wraps_until_told_otherwise(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/challenges/softmax")
    expect(page.locator(".cm-editor")).to_be_visible()
    assert page.evaluate("() => window.arraydojoEditor.isLineWrapping()") is True
