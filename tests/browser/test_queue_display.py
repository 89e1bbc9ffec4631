"""The page shows its place in line while every sandbox slot is busy, and retries a 503 by itself."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests._server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
SLOW = "import time\ntime.sleep(3)\n\ndef softmax(z, axis=-1):\n    return z\n"


@pytest.fixture(scope="module")
def one_slot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("one-slot")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log", slots="1", queue_size="1").start()
    yield running
    running.stop()


def occupy(server: ServerProcess, count: int) -> list[threading.Thread]:
    def post() -> None:
        with server.client() as client:
            client.post("/api/challenges/softmax/run", json={"code": SLOW})

    threads = [threading.Thread(target=post) for _ in range(count)]
    with server.client() as client:
        for thread in threads:
            # Counted before the start: read after it, a fast thread's grade would already be in it,
            # and the wait below would run until that grade had finished instead.
            in_flight = client.get("/healthz").json()["in_flight"]
            thread.start()
            deadline = time.monotonic() + 10
            while client.get("/healthz").json()["in_flight"] == in_flight and time.monotonic() < deadline:
                time.sleep(0.05)
    return threads


def test_a_waiting_run_shows_queued_position_1(browser: Browser, one_slot: ServerProcess) -> None:
    context = browser.new_context(base_url=one_slot.url)
    page = context.new_page()
    page.goto("/challenges/softmax")
    threads = occupy(one_slot, 1)
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#queue-status")).to_have_text("Queued, position 1", timeout=10_000)
    expect(page.locator(".results[data-mode='run']")).to_be_visible(timeout=30_000)
    for thread in threads:
        thread.join()
    context.close()


def test_a_full_queue_shows_position_and_retries_by_itself(browser: Browser, one_slot: ServerProcess) -> None:
    context = browser.new_context(base_url=one_slot.url)
    page = context.new_page()
    page.goto("/challenges/softmax")
    threads = occupy(one_slot, 2)
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#queue-status")).to_contain_text("Queued, position 2: every grader is busy, retrying in")
    expect(page.locator(".results[data-mode='run']")).to_be_visible(timeout=40_000)
    expect(page.locator("#queue-status")).to_have_text("")
    for thread in threads:
        thread.join()
    context.close()
