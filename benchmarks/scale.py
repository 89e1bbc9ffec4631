"""Scale-out figures: what the queue costs, what a second worker buys, and load through two web hosts.

Run: .venv/bin/python benchmarks/scale.py [--runs 60] [--seconds 30] [--clients 20]
Starts everything it needs on loopback (PostgreSQL and Redis throwaway instances, `arraydojo serve`
and `arraydojo worker` processes) and stops them at the end. Prints, never asserts:
1. run latency p50 / p99, in-process grading vs through Redis and a worker (target: the queue adds
   under 20 ms at p50);
2. submits per second with one worker process vs two (each with one sandbox slot), and how busy
   the machine's cores were (what limits it);
3. the load benchmark's clients spread over two web hosts: errors, lost attempts, page p99.
Each section runs on its own: one that fails prints why and the next still runs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.broker import TryRequest, create_celery, read_try, send_try  # noqa: E402
from benchmarks.load import Tally, client_loop, count_lost, page_loop, percentile, solutions  # noqa: E402
from tests._server import ServerProcess  # noqa: E402
from tests._services import PostgresServer, RedisServer  # noqa: E402
from tests.scale._worker import WorkerProcess  # noqa: E402

REFERENCE = (REPO / "challenges" / "softmax" / "reference.py").read_text()
# Longer than any grade under load: the tests' 3 s would have a slow submit delivered again to the other
# worker (graded twice, then "interrupted"), which is not what a deployment does.
WORKER_VISIBILITY_SECONDS = "300"


def cpu_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat (all cores together)."""
    fields = [float(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0.0)  # idle + iowait
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def section(title: str, body: Callable[[], None]) -> None:
    """Run one section; a failure is printed (with its cause) and the next section still runs."""
    print(title, flush=True)
    try:
        body()
    except Exception:  # a benchmark reports what broke instead of losing the other sections
        print("  FAILED: " + traceback.format_exc().strip().replace("\n", "\n  "))
    sys.stdout.flush()


@contextmanager
def fleet(folder: Path, database: str, redis_url: str | None, *, hosts: int, workers: int
          ) -> Iterator[list[ServerProcess]]:
    """Web hosts (grading through Redis when `redis_url` is set) and workers, stopped on exit."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = {"broker_url": redis_url, "broker_slots": str(max(1, workers)), "queue_size": "128",
                "broker_visibility_seconds": WORKER_VISIBILITY_SECONDS,
                "queue_share": "64", "session_creates_burst": "1000"} if redis_url else {}
    started_workers = [WorkerProcess(redis_url, folder / f"worker-{n}.log",
                                     ARRAYDOJO_BROKER_VISIBILITY_SECONDS=WORKER_VISIBILITY_SECONDS).start()
                       for n in range(workers)] if redis_url else []
    servers = [ServerProcess(database, folder / f"web-{n}.log", **settings).start() for n in range(hosts)]
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()
        for worker in started_workers:
            worker.stop()


def run_latencies(url: str, runs: int) -> list[float]:
    """Sequential runs of the softmax reference (visible examples only): the queue's fixed cost shows."""
    seconds = []
    with httpx.Client(base_url=url, timeout=60) as client:
        client.post("/api/challenges/softmax/run", json={"code": REFERENCE})  # warm caches
        for _ in range(runs):
            started = time.perf_counter()
            response = client.post("/api/challenges/softmax/run", json={"code": REFERENCE})
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
    return seconds


def broker_round_trips(broker_url: str, count: int) -> list[float]:
    """Send, worker, result, read: a custom-input task for an unknown challenge, answered before any sandbox."""
    celery = create_celery(broker_url, visibility_timeout_seconds=float(WORKER_VISIBILITY_SECONDS))
    seconds = []
    try:
        for _ in range(count + 1):
            request = TryRequest(request_id=uuid.uuid4().hex, challenge_id="no-such-challenge", code="", arguments="1")
            started = time.perf_counter()
            send_try(celery, request)
            read_try(celery, request.request_id, timeout_seconds=60)
            seconds.append(time.perf_counter() - started)
    finally:
        celery.close()
    return seconds[1:]  # the first one opens the connections


def submits_per_second(url: str, seconds: float, clients: int) -> float:
    """Concurrent submits of the reference for `seconds`; completed submits per second."""
    done = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop() -> None:
        nonlocal done
        with httpx.Client(base_url=url, timeout=120) as client:
            while time.monotonic() < deadline:
                response = client.post("/api/challenges/softmax/submit", json={"code": REFERENCE})
                if response.status_code == 200:
                    with lock:
                        done += 1
                elif response.status_code == 503:
                    time.sleep(float(response.headers.get("retry-after", "1")))

    started = time.monotonic()
    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done / (time.monotonic() - started)


def load_through(urls: list[str], seconds: float, clients: int) -> None:
    """benchmarks/load.py's clients, alternating between the web hosts."""
    pool, tally = solutions(), Tally()
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop, args=(urls[seed % len(urls)], deadline, pool, tally, seed))
               for seed in range(clients)]
    pages: multiprocessing.Queue[tuple[float, bool, int]] = multiprocessing.Queue()
    prober = multiprocessing.Process(target=page_loop, args=(urls[0], seconds, pages))
    prober.start()
    for thread in threads:
        thread.start()
    while (item := pages.get())[0] >= 0:
        tally.pages.append((item[0], item[1]))
    prober.join()
    for thread in threads:
        thread.join()
    graded = sum(len(v) for v in tally.latencies.values())
    # Attempts are readable from either host: the database is shared.
    lost = count_lost(urls[-1], tally)
    page_seconds = [s for s, _ in tally.pages]
    print(f"  {clients} clients over {len(urls)} web hosts for {seconds:.0f} s: {graded} grades, "
          f"errors {len(tally.errors)} (target 0), lost {lost} of {len(tally.stored)} (target 0), "
          f"busy retries {tally.busy_retries}")
    for mode, values in tally.latencies.items():
        p50, p99 = percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000
        print(f"    {mode:<6} p50 {p50:6.0f} ms   p99 {p99:6.0f} ms")
    print(f"    page /challenges/softmax: p50 {percentile(page_seconds, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(page_seconds, 0.99) * 1000:.1f} ms (target < 100 ms)")
    for error in tally.errors[:5]:
        print(f"    {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="arraydojo-scale-"))
    postgres, redis_server = PostgresServer().start(), RedisServer().start()
    print(f"{os.cpu_count()} cores; PostgreSQL and Redis on loopback; every process on this one machine")

    def latency() -> None:
        postgres.create_database("local")
        with fleet(folder / "local", postgres.url("local"), None, hosts=1, workers=0) as (server,):
            local = run_latencies(server.url, options.runs)
        postgres.create_database("queued")
        with fleet(folder / "queued", postgres.url("queued"), redis_server.url, hosts=1, workers=1) as (server,):
            queued = run_latencies(server.url, options.runs)
            trips = broker_round_trips(redis_server.url, options.runs)
        for name, values in (("in-process", local), ("through Redis", queued)):
            p50, p99 = percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000
            print(f"  {name:<14} p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   ({len(values)} runs)")
        added = 1000 * (percentile(queued, 0.5) - percentile(local, 0.5))
        print(f"  the queue adds {added:.1f} ms at p50 (target < 20)")
        print(f"  the broker's own round trip (a task the worker answers without its sandbox): "
              f"p50 {percentile(trips, 0.5) * 1000:.1f} ms, p99 {percentile(trips, 0.99) * 1000:.1f} ms; the rest "
              "of the difference is the grade itself on another process (and this machine's noise)")

    def throughput() -> None:
        rates: dict[int, float] = {}
        busies: dict[int, float] = {}
        for workers in (1, 2):
            name = f"workers{workers}"
            postgres.create_database(name)
            with fleet(folder / name, postgres.url(name), redis_server.url, hosts=1, workers=workers) as (server,):
                busy_before, total_before = cpu_busy_seconds()
                rates[workers] = submits_per_second(server.url, options.seconds, clients=8)
                busy_after, total_after = cpu_busy_seconds()
            busies[workers] = (busy_after - busy_before) / max(1e-9, total_after - total_before)
            print(f"  {workers} worker process(es), 1 slot each: {rates[workers]:.2f} submits/s; "
                  f"the machine's cores were {busies[workers]:.0%} busy (machine-wide)")
        gain = rates[2] / rates[1] if rates.get(1) else float("nan")
        print(f"  two workers give {gain:.2f}x one worker's submits per second")
        if busies[2] >= 0.85:
            print(f"  limit: the cores. A submit is CPU work in a sandbox process (tests, rubric, timing against the "
                  f"reference and the naive loop); with {os.cpu_count()} cores shared by the workers, the web host, "
                  "PostgreSQL and the clients, a second worker helps only as far as a core is free. More worker "
                  "hosts scale it.")
        else:
            print(f"  limit: not the cores ({busies[2]:.0%} busy): the submits wait elsewhere (the broker round "
                  "trips, or a grade's serial steps); look at the worker logs' task times.")

    def load() -> None:
        postgres.create_database("load")
        with fleet(folder / "load", postgres.url("load"), redis_server.url, hosts=2, workers=2) as servers:
            load_through([server.url for server in servers], options.seconds, options.clients)

    try:
        section("1. run latency, sequential (softmax reference, visible examples)", latency)
        section("2. submits per second through the queue (8 concurrent clients)", throughput)
        section("3. load through two web hosts, two workers", load)
    finally:
        postgres.stop()
        redis_server.stop()


if __name__ == "__main__":
    main()
