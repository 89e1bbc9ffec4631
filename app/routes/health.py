"""Health and queue status: the isolation level, slots, queue depth, and one grade's place in line."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app import store
from app.models import HealthPublic, QueueTicketPublic
from app.routes._deps import Context

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic, responses={503: {"model": HealthPublic}},
            summary="Isolation level, sandbox slots and queue; 503 when the database is unreachable")
def healthz(context: Context) -> JSONResponse:
    try:
        with context.db.read() as conn:
            store.ping(conn)
        database = "ok"
    except Exception as exc:  # the point of a health check is to report this, not to raise it
        database = f"error: {type(exc).__name__}"
    queue = context.queue
    body = HealthPublic(
        status="ok" if database == "ok" else "degraded", isolation=context.sandbox.isolation,
        slots=context.sandbox.slots, busy_slots=context.sandbox.busy_slots, queue_depth=queue.waiting,
        in_flight=queue.in_flight, capacity=queue.capacity, database=database,
    )
    return JSONResponse(body.model_dump(), status_code=200 if database == "ok" else 503)


@router.get("/api/queue/{ticket}", response_model=QueueTicketPublic,
            summary="Where a run or submit sent with X-Grade-Ticket stands in the queue")
async def queue_status(ticket: str, context: Context) -> QueueTicketPublic:
    # On the event loop, like the queue's own bookkeeping, so the two never race.
    status = context.queue.status(ticket)
    return QueueTicketPublic(state=status.state, position=status.position, queue_depth=status.depth)
