"""Throwaway PostgreSQL and Redis servers for tests: a temporary folder, a free loopback port, gone after.

The tests never use a service the machine happens to run: each instance is started here from
Debian's binaries (installed by scripts/_install.sh) and stopped, with its data, at the end.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

# PostgreSQL refuses to run as root; Debian's package creates this account for it.
POSTGRES_ACCOUNT = "postgres"


class ServiceMissingError(RuntimeError):
    """The server binary is not installed: scripts/test installs it with apt-get."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, timeout_seconds: float) -> None:
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    output = log.read_text(errors="replace")
    raise RuntimeError(f"nothing listened on port {port} within {timeout_seconds} s:\n{output}")


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # both servers shut down fast on SIGINT
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


def postgres_bin_dir() -> Path:
    """Debian keeps the server's binaries in a versioned folder, off the PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise ServiceMissingError("PostgreSQL is not installed (apt-get install postgresql); scripts/test installs it")
    return Path(found[-1]).parent


class PostgresServer:
    """`initdb` into a temporary folder and `postgres` on a free port; trust auth on loopback only.

    TCP on 127.0.0.1 and no Unix socket at all: a grading worker started in a network namespace of its
    own then has no way to reach the database (no route to the port, no socket file to open).
    """

    def __init__(self) -> None:
        self.port = 0
        self.folder: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, database: str = "arraydojo") -> str:
        return f"postgresql+psycopg://{POSTGRES_ACCOUNT}@127.0.0.1:{self.port}/{database}"

    def _as_account(self) -> dict[str, object]:
        """Run as the postgres account when we are root (the server will not run as root)."""
        if os.geteuid() != 0:
            return {}
        account = pwd.getpwnam(POSTGRES_ACCOUNT)
        return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}

    def start(self, timeout_seconds: float = 60) -> PostgresServer:
        binaries = postgres_bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="arraydojo-pg-"))
        data = self.folder / "data"
        if os.geteuid() == 0:
            account = pwd.getpwnam(POSTGRES_ACCOUNT)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        log = self.folder / "server.log"
        subprocess.run([str(binaries / "initdb"), "-D", str(data), "-U", POSTGRES_ACCOUNT, "--auth=trust",
                        "--no-sync", "-E", "UTF8", "--locale=C"], check=True, capture_output=True, timeout=120,
                       **self._as_account())  # type: ignore[call-overload]
        self.port = free_port()
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(binaries / "postgres"), "-D", str(data), "-p", str(self.port), "-h", "127.0.0.1",
                 "-k", "", "-c", "fsync=off", "-c", "max_connections=200"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                **self._as_account())  # type: ignore[call-overload]
        _wait_for_port(self.port, self.process, log, timeout_seconds)
        self.create_database("arraydojo")
        return self

    def create_database(self, name: str) -> None:
        """A fresh, empty database on this server (one per test that needs a clean schema)."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={POSTGRES_ACCOUNT} dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # names come from the tests, never from input

    def stop(self) -> None:
        _stop(self.process)
        self.process = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class RedisServer:
    """`redis-server` on a free loopback port and a Unix socket, with no persistence: a broker for one test run.

    The socket lets a worker in a network namespace with no route to anything reach Redis and nothing else.
    """

    def __init__(self) -> None:
        self.port = 0
        self.folder: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def socket_path(self) -> Path:
        assert self.folder is not None
        return self.folder / "redis.sock"

    @property
    def socket_url(self) -> str:
        """The broker URL through the Unix socket, as Celery spells it."""
        return f"redis+socket://{self.socket_path}"

    def start(self, timeout_seconds: float = 30) -> RedisServer:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(binary).is_file():
            raise ServiceMissingError("Redis is not installed (apt-get install redis-server); scripts/test installs it")
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="arraydojo-redis-"))
            self.port = free_port()
        log = self.folder / "server.log"
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", str(self.folder), "--protected-mode", "yes",
                 "--unixsocket", str(self.socket_path), "--unixsocketperm", "700"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        _wait_for_port(self.port, self.process, log, timeout_seconds)
        return self

    def pause(self) -> None:
        """Stop the server but keep its port and folder, so `start()` brings the same broker back (empty)."""
        _stop(self.process)
        self.process = None

    def stop(self) -> None:
        self.pause()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
