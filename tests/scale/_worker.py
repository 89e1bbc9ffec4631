"""A real `arraydojo worker` process for tests, on a throwaway Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARRAYDOJO = Path(sys.executable).parent / "arraydojo"


class WorkerProcess:
    """Start, stop or kill -9 one grading worker; the log tells when it is ready."""

    def __init__(self, broker_url: str, log: Path, *, slots: int = 1, **extra_env: str) -> None:
        self.broker_url = broker_url
        self.log_path = log
        self.slots = slots
        self.extra_env = extra_env
        self.process: subprocess.Popen[bytes] | None = None

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("ARRAYDOJO_")}
        return env | {"ARRAYDOJO_BROKER_URL": self.broker_url, "ARRAYDOJO_BROKER_VISIBILITY_SECONDS": "3"} \
            | self.extra_env

    def start(self, timeout_seconds: float = 60) -> WorkerProcess:
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen([str(ARRAYDOJO), "worker", "--slots", str(self.slots)], cwd=REPO,
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
