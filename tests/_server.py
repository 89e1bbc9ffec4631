"""A real ArrayDojo server for tests: `arraydojo serve` as a subprocess on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
ARRAYDOJO = Path(sys.executable).parent / "arraydojo"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """Start, stop or kill -9 one server; the same database file survives restarts."""

    def __init__(self, database: Path | str, log: Path, **settings: str) -> None:
        """`database`: a SQLite file, or a database URL (PostgreSQL)."""
        self.database = database
        self.log_path = log
        # Every test reaches its server from 127.0.0.1, and many sign up: one address's sign-up burst must
        # cover them (the limit itself is tested on a server that sets it, in test_rate_limit.py).
        self.settings = {"signups_burst": "10000"} | settings
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return self.database if isinstance(self.database, str) else f"sqlite:///{self.database}"

    def dump_database(self) -> str:
        """Every row of every table as text, on SQLite or PostgreSQL alike (to prove what is never stored)."""
        import sqlalchemy as sa

        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                tables = sa.inspect(connection).get_table_names()
                return "\n".join(repr(tuple(row)) for table in tables
                                 for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')))
        finally:
            engine.dispose()

    def start(self, timeout_seconds: float = 60) -> ServerProcess:
        self.port = free_port()
        env = {**os.environ, "ARRAYDOJO_DATABASE_URL": self.database_url, "ARRAYDOJO_PORT": str(self.port),
               "ARRAYDOJO_HOST": "127.0.0.1"}
        env |= {f"ARRAYDOJO_{key.upper()}": value for key, value in self.settings.items()}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen([str(ARRAYDOJO), "serve"], cwd=REPO, env=env, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer /healthz within {timeout_seconds} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def kill(self) -> None:
        """kill -9 the server process, with no chance to clean up (its sandbox executors see EOF and exit)."""
        if self.process is None:
            return
        self.process.kill()
        self.process.wait(timeout=20)
        self.process = None

    def rss_bytes(self) -> int:
        """The server process's resident memory now (Linux)."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS line in /proc/PID/status")

    def client(self, **options: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **options)  # type: ignore[arg-type]


@contextmanager
def running_hosts(database: Path | str, log_dir: Path, count: int = 2, **settings: str
                  ) -> Iterator[list[ServerProcess]]:
    """`count` web hosts on one database, started in order and all stopped on the way out."""
    hosts = [ServerProcess(database, log_dir / f"web-{n}.log", **settings) for n in range(1, count + 1)]
    try:
        for host in hosts:
            host.start()
        yield hosts
    finally:
        for host in hosts:
            host.stop()
