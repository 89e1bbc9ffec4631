"""The deadline sweep: ends sessions whose time ran out and submits their last code, tab open or not."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

import anyio
import anyio.to_thread

from app.context import AppContext
from app.errors import BusyError
from app.services import interviews, remote_grading

log = logging.getLogger("arraydojo.sweeper")


async def sweep_sessions(context: AppContext) -> None:
    """Runs in every server process; the database decides who ends and who submits (one transaction each).

    Nothing here lives only in this process's memory: a restarted server (or another worker)
    finds due sessions and unfinished final submits in the database and carries on.
    """
    settings = context.settings
    while True:
        try:
            await sweep_once(context)
        except Exception:  # the sweep must outlive one bad pass (a locked database, a failed grade)
            log.exception("session sweep failed; retrying")
        await anyio.sleep(settings.session_sweep_seconds)


async def sweep_once(context: AppContext) -> None:
    db = context.db
    if context.celery is not None:
        settings = context.settings
        lost_after = timedelta(seconds=settings.broker_wait_seconds + settings.broker_visibility_seconds)
        stored = await anyio.to_thread.run_sync(partial(
            remote_grading.collect_results, db=db, celery=context.celery, lost_after=lost_after))
        if stored:
            log.info("stored %d result(s) that another web host had queued", stored)
    ended = await anyio.to_thread.run_sync(partial(
        interviews.end_due_sessions, db=db, grace_seconds=context.settings.session_grace_seconds))
    for session_id in ended:
        log.info("session %s: time is up", session_id)
    claimed = await anyio.to_thread.run_sync(partial(interviews.claim_final_submits, db=db))
    for session_id in claimed:
        work = partial(interviews.final_submit, db=db, grading=context.grading, catalog=context.catalog,
                       session_id=session_id)
        try:
            count = await context.queue.run(work)
        except BusyError:
            log.warning("session %s: the grader is busy; its final submits wait for the next pass", session_id)
            continue
        log.info("session %s: submitted the last code of %d challenge(s)", session_id, count)
