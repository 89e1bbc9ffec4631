"""JSON API of a session's shared documents: push updates, pull them (long poll), presence, the typing toggle."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ValidationError

from app import store
from app.errors import InvalidInputError, TooManyRequestsError
from app.models import CollabPullPublic, CollabPushed, PairingPublic, PresenceSaved
from app.routes._deps import Context, SessionAccess, decode_utf8, parse_json, read_body
from app.services import pairing


def _body_doc(model: type[BaseModel]) -> dict[str, Any]:
    """The body's schema for /docs: these routes read their body themselves (size first, then depth)."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}


router = APIRouter(prefix="/api/sessions", tags=["pair programming"])
# Presence and the toggle are a few hundred bytes.
SMALL_BODY_BYTES = 16 * 1024
M = TypeVar("M", bound=BaseModel)
# Waiting pulls one person may hold open on one web process (two tabs and a reconnect or two).
MAX_WAITING_PULLS = 4


class WaitingPulls:
    """How many pulls each person holds waiting on this process, so tabs cannot pile up without end.

    The wake-up itself comes from the app's Wakeups (app/wakeups.py): the store announces every push,
    heartbeat and toggle on commit, here or, through Redis, on any other host.
    """

    def __init__(self) -> None:
        self._waiting: dict[tuple[str, str], int] = {}

    @contextmanager
    def waiting(self, session_id: str, role: str) -> Iterator[None]:
        key = (session_id, role)
        if self._waiting.get(key, 0) >= MAX_WAITING_PULLS:
            raise TooManyRequestsError(f"At most {MAX_WAITING_PULLS} waiting pulls per person; close other tabs "
                                       "of this session.", retry_after_seconds=1)
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            yield
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]


async def _read_model(request: Request, model: type[M], *, max_bytes: int, shape: str) -> M:
    """The body as `model`: size-capped, too deep refused, one clear 422 for anything else."""
    text = decode_utf8(await read_body(request, max_bytes=max_bytes))
    try:
        return model.model_validate(parse_json(text))
    except RecursionError:  # CPython's JSON parser stops deep nesting cleanly; the answer is ours to give
        raise InvalidInputError("The body nests too deeply; nothing here needs more than a few levels.") from None
    except ValidationError as exc:
        raise InvalidInputError(f"The body must be {shape}: " + "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'the body'}: {e['msg']}" for e in exc.errors()[:5])) from None


def _waiting_pulls(request: Request) -> WaitingPulls:
    found: WaitingPulls | None = getattr(request.app.state, "collab_waiting_pulls", None)
    if found is None:
        found = request.app.state.collab_waiting_pulls = WaitingPulls()
    return found


@router.post("/{session_id}/updates", response_model=CollabPushed, openapi_extra=_body_doc(pairing.PushBody),
             responses={409: {"description": "Not at the server's version: pull, rebase, push again"},
                        429: {"description": "Too many pushes; retry after Retry-After"}},
             summary="Push the editor's pending updates at the server's current version")
async def push(access: SessionAccess, request: Request, context: Context) -> CollabPushed:
    body = await _read_model(request, pairing.PushBody, max_bytes=6 * context.settings.max_code_bytes + 65536,
                             shape='{"challenge", "version", "updates": [{"clientID", "changes"}]}')
    pushed = await anyio.to_thread.run_sync(partial(
        pairing.push_updates, db=context.db, catalog=context.catalog, settings=context.settings, access=access,
        body=body))
    return pushed


@router.get("/{session_id}/updates", response_model=CollabPullPublic,
            summary="Pull the updates after `version`; with `wait`, answer as soon as there are some, "
                    "someone's presence changes, or the wait runs out")
async def pull(access: SessionAccess, request: Request, context: Context,
               challenge: Annotated[str, Query(max_length=64)],
               version: Annotated[int, Query(ge=0, le=pairing.MAX_VERSION)] = 0, wait: bool = False,
               presence: Annotated[str | None, Query(max_length=64)] = None) -> CollabPullPublic:
    read = partial(pairing.pull_updates, db=context.db, access=access, challenge_id=challenge, after_version=version)
    found = await anyio.to_thread.run_sync(read)
    if not wait or found.updates or found.presence_stamp != presence:
        return found
    poll = context.settings.collab_poll_seconds
    deadline = anyio.current_time() + context.settings.collab_wait_seconds
    with _waiting_pulls(request).waiting(access.session.id, access.role), \
            context.wakeups.watching(store.collab_topic(access.session.id)) as watch:
        # Read once more after watching began: a push committed between the first read and now still counts.
        found = await anyio.to_thread.run_sync(read)
        while (not found.updates and found.presence_stamp == presence and anyio.current_time() < deadline
               and not context.stopping.is_set() and not await request.is_disconnected()):
            with anyio.move_on_after(max(0.0, deadline - anyio.current_time())):
                await watch.wait(fast_poll_seconds=poll)
            found = await anyio.to_thread.run_sync(read)
    return found


@router.put("/{session_id}/presence", response_model=PresenceSaved, openapi_extra=_body_doc(pairing.PresenceBody),
            summary="Heartbeat: this person's challenge, selection and whether their tab is visible")
async def presence(access: SessionAccess, request: Request, context: Context) -> PresenceSaved:
    body = await _read_model(request, pairing.PresenceBody, max_bytes=SMALL_BODY_BYTES,
                             shape='{"challenge", "ranges": [{"anchor", "head"}], "visible", "active"}')
    saved = await anyio.to_thread.run_sync(partial(pairing.save_presence, db=context.db, access=access, body=body))
    return saved


@router.put("/{session_id}/pairing", response_model=PairingPublic, openapi_extra=_body_doc(pairing.PairingUpdate),
            summary="Interviewer: allow or stop the interviewer typing in the shared editor (default on)")
async def set_pairing(access: SessionAccess, request: Request, context: Context) -> PairingPublic:
    body = await _read_model(request, pairing.PairingUpdate, max_bytes=SMALL_BODY_BYTES,
                             shape='{"interviewer_may_type": true or false}')
    changed = await anyio.to_thread.run_sync(partial(pairing.set_pairing, db=context.db, access=access, update=body))
    return changed
