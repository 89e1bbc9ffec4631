"""A real `arraydojo worker` process for tests, on a throwaway Redis (optionally in a network namespace)."""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARRAYDOJO = Path(sys.executable).parent / "arraydojo"


@functools.cache
def why_no_network_namespace() -> str | None:
    """None when this machine lets us start a process in a network namespace of its own, else the reason."""
    for tool in ("unshare", "nsenter"):
        if shutil.which(tool) is None:
            return f"`{tool}` (util-linux) is not installed"
    try:
        tried = subprocess.run(["unshare", "--net", "true"], capture_output=True, text=True, timeout=30)
    except OSError as exc:
        return f"unshare --net cannot run: {exc}"
    if tried.returncode != 0:
        return f"unshare --net is refused here (needs root or user namespaces): {tried.stderr.strip()}"
    return None


def connect_from_namespace(pid: int, *, host: str = "", port: int = 0, unix_path: str = "") -> str:
    """Try one connection from inside process `pid`'s network namespace: "connected" or the error's name."""
    target = f"socket.create_connection(({host!r}, {port}), timeout=3)" if not unix_path else \
        f"socket.socket(socket.AF_UNIX).connect({unix_path!r})"
    probe = (f"import socket\ntry:\n    {target}\n    print('connected')\n"
             "except OSError as exc:\n    print(type(exc).__name__, exc.errno)\n")
    done = subprocess.run(["nsenter", f"--net=/proc/{pid}/ns/net", sys.executable, "-c", probe],
                          capture_output=True, text=True, timeout=30, check=True)
    return done.stdout.strip()


class WorkerProcess:
    """Start, stop or kill -9 one grading worker; the log tells when it is ready."""

    def __init__(self, broker_url: str, log: Path, *, slots: int = 1, own_network: bool = False,
                 **extra_env: str) -> None:
        """`own_network`: run under `unshare --net`, a network namespace with only a down loopback, so the
        worker reaches nothing over TCP (give it the broker's `redis+socket://` URL)."""
        self.broker_url = broker_url
        self.log_path = log
        self.slots = slots
        self.own_network = own_network
        self.extra_env = extra_env
        self.process: subprocess.Popen[bytes] | None = None

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("ARRAYDOJO_")}
        return env | {"ARRAYDOJO_BROKER_URL": self.broker_url, "ARRAYDOJO_BROKER_VISIBILITY_SECONDS": "3"} \
            | self.extra_env

    def start(self, timeout_seconds: float = 60) -> WorkerProcess:
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            # unshare execs the worker: the process we hold is the worker itself, in its namespace.
            prefix = ["unshare", "--net", "--"] if self.own_network else []
            self.process = subprocess.Popen([*prefix, str(ARRAYDOJO), "worker", "--slots", str(self.slots)], cwd=REPO,
                                            env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited with {self.process.returncode}:\n{self.log()}")
            if " ready." in self.log_path.read_text(errors="replace")[offset:]:
                return self
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"the worker was not ready within {timeout_seconds} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None

    def kill(self) -> None:
        """kill -9 the worker's whole process group, as a host that loses power would."""
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None
