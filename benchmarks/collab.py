"""Pair programming: keystroke-to-other-screen latency on loopback, and the storage a minute of typing takes.

Run: .venv/bin/python benchmarks/collab.py [--keystrokes 200] [--delay-ms 100]
Starts a real server on a free loopback port with a fresh SQLite file, opens the candidate's and
the interviewer's pages in Debian's Chromium, types in the candidate's editor at `--delay-ms` a
keystroke, and times each keystroke from its keydown in one page to the change in the other
page's editor (both pages in one browser, one clock). Then the same over the bare API (a push
from one client, a waiting pull in another), and the update log's size: rows, JSON bytes and the
bytes its table and indexes take in SQLite, per minute of typing.
Targets are read, not asserted: p50 under 150 ms (the one-way snapshot view took 0.4-0.65 s).
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def _start_server(database: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "ARRAYDOJO_DATABASE_URL": f"sqlite:///{database}", "ARRAYDOJO_PORT": str(port),
           "ARRAYDOJO_HOST": "127.0.0.1", "ARRAYDOJO_LOG_LEVEL": "warning"}
    process = subprocess.Popen([str(Path(sys.executable).parent / "arraydojo"), "serve"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def _session(url: str) -> dict[str, Any]:
    created: dict[str, Any] = httpx.post(f"{url}/api/sessions", json={"challenges": ["softmax"],
                                                                       "duration_minutes": 60}).json()
    httpx.post(f"{url}/api/sessions/{created['id']}/start",
               headers={"Authorization": f"Bearer {created['interviewer_token']}"}).raise_for_status()
    return created


_SEEN = """() => {
  window.__seen = [];
  const content = document.querySelector('.cm-content');
  new MutationObserver(() => {
    window.__seen.push([performance.timeOrigin + performance.now(), window.arraydojoEditor.getCode().length]);
  }).observe(content, {childList: true, subtree: true, characterData: true});
}"""
_SENT = """() => {
  window.__sent = [];
  document.addEventListener('keydown', () => window.__sent.push(performance.timeOrigin + performance.now()), true);
}"""


def browser_latency(url: str, keystrokes: int, delay_ms: int) -> tuple[list[float], float]:
    from playwright.sync_api import sync_playwright

    created = _session(url)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        pages = []
        for link in (created["candidate_url"], created["interviewer_url"]):
            page = browser.new_context().new_page()
            page.goto(link)
            page.wait_for_selector(".cm-editor")
            pages.append(page)
        candidate, interviewer = pages
        candidate.locator(".cm-content").click()
        candidate.keyboard.press("Control+End")
        time.sleep(1.0)
        base = int(interviewer.evaluate("() => window.arraydojoEditor.getCode().length"))
        interviewer.evaluate(_SEEN)
        candidate.evaluate(_SENT)
        began = time.monotonic()
        text = "".join("abcdefghij"[i % 10] for i in range(keystrokes))
        candidate.keyboard.type(text, delay=delay_ms)
        typing_seconds = time.monotonic() - began
        deadline = time.monotonic() + 10
        while interviewer.evaluate("() => window.arraydojoEditor.getCode().length") < base + keystrokes:
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        sent: list[float] = candidate.evaluate("() => window.__sent")
        seen: list[list[float]] = interviewer.evaluate("() => window.__seen")
        browser.close()
    latencies = []
    for index, at in enumerate(sent):
        shown = next((t for t, length in seen if length >= base + index + 1), None)
        if shown is not None:
            latencies.append((shown - at) / 1000)
    return latencies, typing_seconds


def api_latency(url: str, count: int) -> list[float]:
    created = _session(url)
    base = f"{url}/api/sessions/{created['id']}/updates"
    writer = {"Authorization": f"Bearer {created['candidate_token']}"}
    reader = {"Authorization": f"Bearer {created['interviewer_token']}"}
    with httpx.Client(timeout=30) as client:
        doc = client.get(f"{url}/api/sessions/{created['id']}", headers=writer).json()["challenges"][0]["starter"]
        length = len(doc.encode("utf-16-le")) // 2
        stamp = client.get(base, headers=reader, params={"challenge": "softmax"}).json()["presence_stamp"]
    latencies: list[float] = []
    with httpx.Client(timeout=30) as pusher, httpx.Client(timeout=30) as puller:
        for version in range(count):
            answer: dict[str, Any] = {}

            def wait(version: int = version, answer: dict[str, Any] = answer) -> None:
                answer["body"] = puller.get(base, headers=reader, params={
                    "challenge": "softmax", "version": version, "wait": 1, "presence": stamp}).json()
                answer["at"] = time.perf_counter()

            thread = threading.Thread(target=wait)
            thread.start()
            time.sleep(0.05)  # the pull is waiting, as the other page's always is
            sent = time.perf_counter()
            pusher.post(base, headers=writer, json={"challenge": "softmax", "version": version, "updates": [
                {"clientID": "bench", "changes": [length, [0, "x"]]}]}).raise_for_status()
            thread.join()
            length += 1
            latencies.append(answer["at"] - sent)
    return latencies


def storage(database: Path) -> tuple[int, int, int]:
    """Rows and JSON bytes of the log, and the bytes its table and indexes use (SQLite's dbstat, unused space out)."""
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows, json_bytes = conn.execute("SELECT count(*), coalesce(sum(length(changes)), 0) FROM collab_updates "
                                        "WHERE client_id != 'bench'").fetchone()
        used = conn.execute("SELECT coalesce(sum(pgsize - unused), 0) FROM dbstat WHERE name = 'collab_updates' "
                            "OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'collab_updates' "
                            "AND type = 'index')").fetchone()[0]
    return int(rows), int(json_bytes), int(used)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keystrokes", type=int, default=200)
    parser.add_argument("--delay-ms", type=int, default=100)
    parser.add_argument("--api-pushes", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        process, url = _start_server(database)
        try:
            if CHROMIUM.exists():
                latencies, typing_seconds = browser_latency(url, args.keystrokes, args.delay_ms)
                rows, json_bytes, used = storage(database)
                print(f"browser, keystroke to the other screen ({len(latencies)} of {args.keystrokes} keystrokes, "
                      f"one every {args.delay_ms} ms):")
                print(f"  p50 {statistics.median(latencies) * 1000:.0f} ms, p90 {_percentile(latencies, 90) * 1000:.0f}"
                      f" ms, p99 {_percentile(latencies, 99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
                per_minute = 60 / typing_seconds
                print(f"storage: {rows} updates in {typing_seconds:.1f} s of typing; {json_bytes / rows:.1f} B of "
                      f"ChangeSet JSON an update; per minute of typing {rows * per_minute:.0f} updates, "
                      f"{json_bytes * per_minute / 1024:.1f} KiB of JSON, {used * per_minute / 1024:.1f} KiB stored "
                      f"(the log's rows and indexes, {used / rows:.0f} B an update)")
            else:
                print(f"{CHROMIUM} is missing: browser latency skipped")
            api = api_latency(url, args.api_pushes)
            print(f"API, push to a waiting pull ({len(api)} pushes): p50 {statistics.median(api) * 1000:.0f} ms, "
                  f"p99 {_percentile(api, 99) * 1000:.0f} ms")
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
