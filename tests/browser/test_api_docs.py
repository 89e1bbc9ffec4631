"""The API docs page works with no network: Swagger UI comes from the pinned wheel, not a CDN."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Route, expect

from tests._server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each


def test_api_docs_render_with_every_other_host_blocked(browser: Browser, web: ServerProcess) -> None:
    context = browser.new_context(base_url=web.url)
    own_host = urlsplit(web.url).netloc
    elsewhere: list[str] = []

    def only_own_host(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_own_host)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("/docs")
        # Swagger UI drew the document: its title and an operation of ours are on the page.
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("ArrayDojo", timeout=30_000)
        expect(page.locator(".opblock-summary-path[data-path='/api/challenges/{challenge_id}/submit']")).to_be_visible()
    finally:
        context.close()
    assert elsewhere == []
    assert errors == []
