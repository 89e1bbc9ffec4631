"""Bytes and time of each page, cold: HTML plus every stylesheet and script it loads, raw and gzipped.

Run: .venv/bin/python benchmarks/pages.py [--url http://127.0.0.1:8000]
Without --url it starts its own server on loopback with a temporary SQLite file. Times are the
median of 5 cold fetches of the HTML (new client, no cookie) and, when /usr/bin/chromium exists,
Chromium's load event for a cold page (empty cache). Target: the challenge page under 300 KB
gzipped in total. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests._server import ServerProcess  # noqa: E402

PAGES = ("/", "/challenges", "/lessons/1", "/lessons/5", "/challenges/softmax", "/challenges/knn-predict", "/progress")
ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')
CHROMIUM = Path("/usr/bin/chromium")


def fetch(url: str, path: str) -> tuple[int, int, float]:
    """Raw bytes, gzipped bytes on the wire, seconds."""
    with httpx.Client(base_url=url, timeout=30) as plain:
        raw = len(plain.get(path, headers={"accept-encoding": "identity"}).content)
    with httpx.Client(base_url=url, timeout=30) as client:
        started = time.monotonic()
        response = client.get(path, headers={"accept-encoding": "gzip"})
        elapsed = time.monotonic() - started
        wire = int(response.headers.get("content-length") or len(response.content))
    return raw, wire, elapsed


def browser_load_ms(url: str, paths: tuple[str, ...]) -> dict[str, float]:
    if not CHROMIUM.exists():
        return {}
    from playwright.sync_api import sync_playwright

    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    timings = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=flags)
        for path in paths:
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + path, wait_until="load")
            timings[path] = float(page.evaluate("() => { const t = performance.getEntriesByType('navigation')[0]; "
                                                "return t.loadEventEnd - t.startTime; }"))
            context.close()
        browser.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running server on loopback (default: start one)")
    options = parser.parse_args()
    server = None
    if options.url:
        url = options.url.rstrip("/")
    else:
        folder = Path(tempfile.mkdtemp(prefix="arraydojo-pages-"))
        server = ServerProcess(folder / "db.sqlite3", folder / "server.log").start()
        url = server.url
    try:
        loads = browser_load_ms(url, PAGES)
        print(f"{'page':<26} {'html':>9} {'html gz':>9} {'assets gz':>10} {'total gz':>10} {'html ms':>8} "
              f"{'load ms':>8}")
        for path in PAGES:
            raw, wire, _ = fetch(url, path)
            seconds = statistics.median(fetch(url, path)[2] for _ in range(5))
            with httpx.Client(base_url=url) as client:
                assets = sorted(set(ASSET.findall(client.get(path).text)))
            assets_wire = sum(fetch(url, asset)[1] for asset in assets)
            load = f"{loads[path]:8.0f}" if path in loads else f"{'n/a':>8}"
            print(f"{path:<26} {raw / 1024:8.1f}K {wire / 1024:8.1f}K {assets_wire / 1024:9.1f}K "
                  f"{(wire + assets_wire) / 1024:9.1f}K {seconds * 1000:8.1f} {load}")
        print("target: /challenges/softmax under 300 KB gzipped in total")
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
