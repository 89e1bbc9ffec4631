"""Per-job sandbox latency against a fresh `python -c` baseline measured in the same run.

Run: .venv/bin/python benchmarks/sandbox_latency.py [--jobs 200] [--baseline-runs 20]
Prints figures only; targets (median < 15 ms, >= 5x faster than the baseline) are read, not asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sandbox import Call, Job, Sandbox, _cgroup

SOFTMAX = (
    "import numpy as np\n"
    "def softmax(z, axis=-1):\n"
    "    e = np.exp(z - z.max(axis=axis, keepdims=True))\n"
    "    return e / e.sum(axis=axis, keepdims=True)\n"
)
BASELINE = SOFTMAX + "z = np.random.default_rng(0).normal(size=(8, 16))\nprint(softmax(z).sum())\n"


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def measure_sandbox(jobs: int) -> list[float]:
    job = Job(code=SOFTMAX, function="softmax", calls=(Call((np.random.default_rng(0).normal(size=(8, 16)),)),))
    with Sandbox(slots=1) as sandbox:
        for _ in range(5):  # warm-up: first jobs start the executor
            sandbox.run(job)
        seconds = []
        for _ in range(jobs):
            started = time.perf_counter()
            result = sandbox.run(job)
            seconds.append(time.perf_counter() - started)
            assert result.outcome == "ok", result.message
    return seconds


def measure_cgroup_cost(jobs: int) -> tuple[float, float] | None:
    """What the executor's cgroup work adds per job: (seconds to make the group with its limits,
    read its figures and remove it; median seconds for a process to join it).

    The join moves the job's first process into the group in every hierarchy; on cgroup v1 each
    move may wait for an RCU grace period, which a loaded host stretches.
    """
    try:
        host = _cgroup.CgroupHost.find(owner=f"bench{os.getpid()}")
    except OSError:
        return None
    lifecycle, joins = 0.0, []
    for _ in range(jobs):
        started = time.perf_counter()
        group = host.create(memory_bytes=256 * 1024 * 1024, processes=8)
        fds = group.open_join()
        lifecycle += time.perf_counter() - started
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:
            began = time.perf_counter()
            _cgroup.JobCgroup.join(fds)
            os.write(write_end, repr(time.perf_counter() - began).encode())
            os._exit(0)
        for fd in (*fds, write_end):
            os.close(fd)
        joins.append(float(os.read(read_end, 64)))
        os.close(read_end)
        os.waitpid(child, 0)
        started = time.perf_counter()
        group.cpu_seconds()
        group.peak_memory_bytes()
        group.remove()
        lifecycle += time.perf_counter() - started
    return lifecycle / jobs, statistics.median(joins)


def measure_baseline(runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", BASELINE], check=True, capture_output=True,
                       env={"OPENBLAS_NUM_THREADS": "1"})
        seconds.append(time.perf_counter() - started)
    return seconds


def sandboxed_accounting() -> str:
    with Sandbox(slots=1) as sandbox:
        return sandbox.run(Job(code=SOFTMAX, function="softmax", calls=(Call((np.ones((2, 2)),)),))).accounting


def measure_throughput(jobs: int, slots: int) -> tuple[float, float]:
    job = Job(code=SOFTMAX, function="softmax", calls=(Call((np.ones((8, 16)),)),))
    with Sandbox(slots=slots, queue_size=jobs) as sandbox:
        for _ in range(4):
            sandbox.run(job)
        started = time.perf_counter()
        futures = [sandbox.submit(job) for _ in range(jobs)]
        outcomes = [f.result().outcome for f in futures]
        elapsed = time.perf_counter() - started
    assert all(o == "ok" for o in outcomes)
    return jobs / elapsed, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--baseline-runs", type=int, default=20)
    options = parser.parse_args()
    sandboxed = measure_sandbox(options.jobs)
    baseline = measure_baseline(options.baseline_runs)
    median_ms, p90_ms = statistics.median(sandboxed) * 1e3, _percentile(sandboxed, 90) * 1e3
    base_ms = statistics.median(baseline) * 1e3
    print(f"sandbox job (softmax, full isolation), {options.jobs} jobs: median {median_ms:.2f} ms, "
          f"p90 {p90_ms:.2f} ms, max {max(sandboxed) * 1e3:.2f} ms")
    print(f"baseline fresh `python -c` importing numpy, {options.baseline_runs} runs: median {base_ms:.2f} ms, "
          f"p90 {_percentile(baseline, 90) * 1e3:.2f} ms")
    print(f"speedup over the baseline (median / median): {base_ms / median_ms:.1f}x  "
          f"(target: median < 15 ms and >= 5x)")
    cgroup_cost = measure_cgroup_cost(options.jobs)
    accounting = sandboxed_accounting()
    print(f"job accounting: {accounting}; a cgroup per job costs "
          + (f"{cgroup_cost[0] * 1e3:.2f} ms (make with limits, read, remove) and a join of median "
             f"{cgroup_cost[1] * 1e3:.2f} ms" if cgroup_cost is not None else "nothing: none can be made here"))
    rate, elapsed = measure_throughput(options.jobs, slots=2)
    print(f"throughput with 2 slots busy: {rate:.0f} jobs/s ({options.jobs} jobs in {elapsed:.2f} s)")


if __name__ == "__main__":
    main()
