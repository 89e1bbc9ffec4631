"""Load test: N concurrent clients run and submit correct and wrong solutions against a real server.

Run: .venv/bin/python benchmarks/load.py [--clients 20] [--seconds 60] [--url http://127.0.0.1:8000]
Without --url it starts its own server (`arraydojo serve`, temporary SQLite file) on loopback.
Prints throughput, p50/p95/p99 latency of run and submit, errors (target 0), lost submissions
(every 200 must be readable afterwards with the same verdict; target 0), busy (503) retries, and
the p99 of a page load during the load (target under 100 ms while every sandbox slot is busy).
Targets are printed, never asserted. Traffic goes to loopback only and stops by itself.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests._server import ServerProcess  # noqa: E402

SOLUTIONS = REPO / "tests" / "challenges" / "solutions"
CHALLENGES = ("softmax", "one-hot", "zscore", "moving-average", "confusion-matrix", "cosine-distances")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"run": [], "submit": []})
    stored: list[tuple[httpx.Cookies, int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    busy_retries: int = 0
    pages: list[tuple[float, bool]] = field(default_factory=list)  # seconds, were all slots busy
    lock: threading.Lock = field(default_factory=threading.Lock)


def solutions() -> list[tuple[str, str]]:
    pool = []
    for challenge in CHALLENGES:
        for path in sorted((SOLUTIONS / challenge).glob("*.py")):
            pool.append((challenge, path.read_text()))
    return pool


def client_loop(url: str, deadline: float, pool: list[tuple[str, str]], tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=120) as client:
        while time.monotonic() < deadline:
            challenge, code = rng.choice(pool)
            mode = "submit" if rng.random() < 0.4 else "run"
            started = time.monotonic()
            try:
                response = client.post(f"/api/challenges/{challenge}/{mode}", json={"code": code})
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.errors.append(f"{mode} {challenge}: {type(exc).__name__}: {exc}")
                continue
            elapsed = time.monotonic() - started
            if response.status_code == 503:
                with tally.lock:
                    tally.busy_retries += 1
                time.sleep(float(response.headers.get("retry-after", "1")))
                continue
            with tally.lock:
                if response.status_code != 200 or "attempt_id" not in response.json():
                    tally.errors.append(f"{mode} {challenge}: HTTP {response.status_code} {response.text[:200]}")
                    continue
                body = response.json()
                tally.latencies[mode].append(elapsed)
                tally.stored.append((httpx.Cookies(client.cookies), body["attempt_id"], body["verdict"]))


def page_loop(url: str, seconds: float, results: multiprocessing.Queue[tuple[float, bool, int]]) -> None:
    """In a process of its own, so the load clients' threads do not delay its clock (the GIL)."""
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=30) as client:
        while time.monotonic() < deadline:
            busy = client.get("/healthz").json()
            all_busy = busy["busy_slots"] >= busy["slots"]
            started = time.monotonic()
            response = client.get("/challenges/softmax")
            results.put((time.monotonic() - started, all_busy, response.status_code))
            time.sleep(0.1)
    results.put((-1.0, False, 0))


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def count_lost(url: str, tally: Tally) -> int:
    lost = 0
    for cookies, attempt_id, verdict in tally.stored:
        with httpx.Client(base_url=url, cookies=cookies, timeout=30) as client:
            response = client.get(f"/api/submissions/{attempt_id}")
        if response.status_code != 200 or response.json()["verdict"] != verdict:
            lost += 1
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", help="an already running server (default: start one)")
    options = parser.parse_args()
    if options.url and not options.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        parser.error("--url must be a loopback address")
    server = None
    if options.url:
        url = options.url
    else:
        folder = Path(tempfile.mkdtemp(prefix="arraydojo-load-"))
        server = ServerProcess(folder / "db.sqlite3", folder / "server.log").start()
        url = server.url
    try:
        health = httpx.get(f"{url}/healthz").json()
        print(f"server {url}: isolation {health['isolation']}, {health['slots']} slots, capacity {health['capacity']}")
        pool = solutions()
        tally = Tally()
        deadline = time.monotonic() + options.seconds
        threads = [threading.Thread(target=client_loop, args=(url, deadline, pool, tally, seed))
                   for seed in range(options.clients)]
        pages: multiprocessing.Queue[tuple[float, bool, int]] = multiprocessing.Queue()
        prober = multiprocessing.Process(target=page_loop, args=(url, options.seconds, pages))
        started = time.monotonic()
        prober.start()
        for thread in threads:
            thread.start()
        while True:
            seconds, all_busy, status = pages.get()
            if seconds < 0:
                break
            tally.pages.append((seconds, all_busy))
            if status != 200:
                tally.errors.append(f"page: HTTP {status}")
        prober.join()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
        graded = sum(len(v) for v in tally.latencies.values())
        print(f"{options.clients} clients for {wall:.0f} s: {graded} grades ({graded / wall:.1f}/s), "
              f"{len(tally.latencies['run'])} runs, {len(tally.latencies['submit'])} submits")
        for mode, values in tally.latencies.items():
            p50, p95, p99 = (percentile(values, f) * 1000 for f in (0.5, 0.95, 0.99))
            print(f"  {mode:<6} p50 {p50:7.0f} ms   p95 {p95:7.0f} ms   p99 {p99:7.0f} ms")
        lost = count_lost(url, tally)
        print(f"errors: {len(tally.errors)} (target 0)   lost submissions: {lost} of {len(tally.stored)} (target 0)   "
              f"busy (503) retries: {tally.busy_retries}")
        for error in tally.errors[:10]:
            print(f"  {error}")
        all_pages = [seconds for seconds, _ in tally.pages]
        busy_pages = [seconds for seconds, busy in tally.pages if busy]
        print(f"page load /challenges/softmax during the load: {len(all_pages)} loads, "
              f"p50 {percentile(all_pages, 0.5) * 1000:.1f} ms, p99 {percentile(all_pages, 0.99) * 1000:.1f} ms; "
              f"while every slot was busy ({len(busy_pages)} loads): p99 {percentile(busy_pages, 0.99) * 1000:.1f} ms "
              "(target < 100 ms)")
        if all_pages:
            print(f"  mean {statistics.mean(all_pages) * 1000:.1f} ms, max {max(all_pages) * 1000:.1f} ms")
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
