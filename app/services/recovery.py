"""Which server process is grading an attempt, and marking the ones a dead process left behind."""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta
from functools import cache

from app import store
from app.database import Database

log = logging.getLogger("arraydojo.recovery")
# No grade takes this long (the sandbox's wall limit is 5 s a job); older 'grading' rows from
# another host are abandoned too.
STALE_AFTER = timedelta(minutes=10)


def _start_ticks(pid: int) -> str | None:
    """The process's start time in clock ticks: with the pid, it names one process for good."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


@cache
def worker_identity() -> str:
    return f"{socket.gethostname()}/{os.getpid()}/{_start_ticks(os.getpid()) or '?'}"


def is_abandoned(worker: str | None, created_at: datetime) -> bool:
    """True when the process that started this grade is gone (or it is far too old)."""
    if created_at < store.utcnow() - STALE_AFTER or not worker:
        return True
    host, _, rest = worker.partition("/")
    pid_text, _, ticks = rest.partition("/")
    if host != socket.gethostname():
        return False  # another machine's server may still be grading it
    if not pid_text.isdigit():
        return True
    return _start_ticks(int(pid_text)) != ticks


def interrupt_abandoned_gradings(*, db: Database) -> int:
    """Practice and interview attempts alike: a 'grading' row whose server is gone will never finish."""
    with db.write() as conn:
        count = store.interrupt_attempts(conn, is_abandoned=is_abandoned)
    if count:
        log.warning("marked %d attempt(s) interrupted: their server stopped while grading them", count)
    return count
