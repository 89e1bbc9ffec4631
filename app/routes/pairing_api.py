"""JSON API of a session's shared documents: push updates, pull them (long poll), presence, the typing toggle."""

from __future__ import annotations

from functools import partial

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from pydantic import ValidationError

from app.errors import InvalidInputError
from app.models import CollabPullPublic, CollabPushed, PairingPublic, PresenceSaved
from app.routes._deps import Context, SessionAccess, decode_utf8, parse_json, read_body
from app.services import pairing

router = APIRouter(prefix="/api/sessions", tags=["pair programming"])


@router.post("/{session_id}/updates", response_model=CollabPushed,
             responses={409: {"description": "Not at the server's version: pull, rebase, push again"},
                        429: {"description": "Too many pushes; retry after Retry-After"}},
             summary="Push the editor's pending updates at the server's current version")
async def push(access: SessionAccess, request: Request, context: Context) -> CollabPushed:
    raw = await read_body(request, max_bytes=6 * context.settings.max_code_bytes + 65536)
    try:
        body = pairing.PushBody.model_validate(parse_json(decode_utf8(raw)))
    except ValidationError as exc:
        raise InvalidInputError('The body must be {"challenge", "version", "updates": [{"clientID", "changes"}]}: '
                                + "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                            for e in exc.errors()[:5])) from None
    return await anyio.to_thread.run_sync(partial(
        pairing.push_updates, db=context.db, catalog=context.catalog, settings=context.settings, access=access,
        body=body))


@router.get("/{session_id}/updates", response_model=CollabPullPublic,
            summary="Pull the updates after `version`; with `wait`, answer as soon as there are some, "
                    "someone's presence changes, or the wait runs out")
async def pull(access: SessionAccess, request: Request, context: Context, challenge: str, version: int = 0,
               wait: bool = False, presence: str | None = None) -> CollabPullPublic:
    read = partial(pairing.pull_updates, db=context.db, access=access, challenge_id=challenge, after_version=version)
    found = await anyio.to_thread.run_sync(read)
    if not wait:
        return found
    waited = 0.0
    poll = context.settings.collab_poll_seconds
    while (not found.updates and found.presence_stamp == presence
           and waited < context.settings.collab_wait_seconds and not context.stopping.is_set()
           and not await request.is_disconnected()):
        await anyio.sleep(poll)
        waited += poll
        found = await anyio.to_thread.run_sync(read)
    return found


@router.put("/{session_id}/presence", response_model=PresenceSaved,
            summary="Heartbeat: this person's challenge, selection and whether their tab is visible")
def presence(body: pairing.PresenceBody, access: SessionAccess, context: Context) -> PresenceSaved:
    return pairing.save_presence(db=context.db, access=access, body=body)


@router.put("/{session_id}/pairing", response_model=PairingPublic,
            summary="Interviewer: allow or stop the interviewer typing in the shared editor (default on)")
def set_pairing(body: pairing.PairingUpdate, access: SessionAccess, context: Context) -> PairingPublic:
    return pairing.set_pairing(db=context.db, access=access, update=body)
