"""JSON API of mock-interview sessions; every endpoint but create takes the session's Bearer token."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from functools import partial
from typing import Annotated, Any, Literal

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from app.errors import InvalidInputError
from app.parsing import EventCursor, parse_event_id
from app.rate_limit import rate_limited
from app.routes._deps import Context, decode_utf8, parse_json, read_body
from app.services import interview_reports, interviews
from app.services.grading import check_code

router = APIRouter(prefix="/api/sessions", tags=["mock interviews"])
# Only for /docs' "Authorize" button; the header is parsed by interviews.bearer_token for clear errors.
_bearer_doc = HTTPBearer(auto_error=False, description="The candidate's or the interviewer's token")
KEEPALIVE_SECONDS = 15.0


def session_access(session_id: str, context: Context, _doc: Annotated[Any, Depends(_bearer_doc)],
                   authorization: Annotated[str | None, Header(include_in_schema=False)] = None
                   ) -> interviews.Access:
    token = interviews.bearer_token(authorization)
    return interviews.authenticate(db=context.db, session_id=session_id, token=token)


SessionAccess = Annotated[interviews.Access, Depends(session_access)]


class ChallengeCode(BaseModel):
    challenge: str = Field(description="A challenge id of the session", examples=["softmax"])
    code: str = Field(description="Python source, at most 64 KiB of UTF-8")


class ChallengeRef(BaseModel):
    challenge: str = Field(examples=["softmax"])


class FollowupCreate(BaseModel):
    """Either one of the challenge's follow-ups (`challenge` and `index`) or free `text`."""

    challenge: str | None = None
    index: int | None = Field(default=None, ge=0)
    text: str | None = None


class NotesUpdate(BaseModel):
    notes: str = Field(description="Markdown; never shown to the candidate")


class Extension(BaseModel):
    minutes: float = Field(gt=0, le=interviews.MAX_EXTENSION_MINUTES, examples=[5])


def _code_body_doc(model: type[BaseModel]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}


async def read_challenge_code(request: Request, context: Context, *, max_bytes: int) -> tuple[str, str]:
    """`{"challenge", "code"}` read with the same limits and messages as the practice API."""
    raw = await read_body(request, max_bytes=6 * max_bytes + 4096)
    data = parse_json(decode_utf8(raw))
    if not isinstance(data, dict) or not isinstance(data.get("challenge"), str) or not isinstance(data.get("code"),
                                                                                                  str):
        raise InvalidInputError('The body must be a JSON object with string fields "challenge" and "code", like '
                                '{"challenge": "softmax", "code": "import numpy as np"}.')
    return data["challenge"], check_code(data["code"], max_bytes=max_bytes)


def _links(request: Request, created: interviews.Created) -> dict[str, str]:
    # The token travels in the fragment: browsers never send it to the server in the URL, in
    # Referer headers or in access logs; the page reads it and sends it as a Bearer header.
    base = str(request.base_url).rstrip("/")
    return {
        "candidate_url": f"{base}/sessions/{created.session.id}/candidate#{created.candidate_token}",
        "interviewer_url": f"{base}/sessions/{created.session.id}/interviewer#{created.interviewer_token}",
    }


@router.post("", status_code=201, summary="Create a session: two links with unguessable tokens (shown once)",
             dependencies=[rate_limited("session_create")])
def create_session(body: interviews.SessionCreate, request: Request, context: Context) -> dict[str, Any]:
    created = interviews.create_session(db=context.db, catalog=context.catalog, settings=context.settings, body=body)
    return {"id": created.session.id, "candidate_token": created.candidate_token,
            "interviewer_token": created.interviewer_token, **_links(request, created),
            "challenges": created.session.challenges, "duration_seconds": created.session.duration_seconds}


@router.get("/{session_id}", summary="The session as the token's role sees it: clock, challenges, follow-ups")
def get_session(access: SessionAccess, context: Context) -> dict[str, Any]:
    return interviews.session_state(db=context.db, catalog=context.catalog, markdown=context.markdown, access=access)


@router.post("/{session_id}/start", summary="Start the clock (interviewer; the candidate too if allowed)")
def start(access: SessionAccess, context: Context) -> dict[str, Any]:
    session = interviews.start_session(db=context.db, access=access)
    return interviews.clock_now(session)


@router.post("/{session_id}/snapshots", openapi_extra=_code_body_doc(ChallengeCode),
             summary="Candidate: the editor's code now (debounced by the page; size-capped and rate-limited)",
             dependencies=[rate_limited("snapshot")])
async def snapshot(access: SessionAccess, request: Request, context: Context) -> dict[str, Any]:
    interviews.require_candidate(access, action="sends snapshots")
    challenge, code = await read_challenge_code(request, context, max_bytes=context.settings.snapshot_max_bytes)
    return await anyio.to_thread.run_sync(partial(
        interviews.save_snapshot, db=context.db, settings=context.settings, access=access, challenge_id=challenge,
        code=code))


async def _grade(access: interviews.Access, request: Request, context: Context, mode: Literal["run", "submit"],
                 ticket: str | None) -> dict[str, Any]:
    challenge, code = await read_challenge_code(request, context, max_bytes=context.settings.max_code_bytes)
    interviews.check_can_grade(access=access, challenge_id=challenge)
    work = partial(interviews.grade_in_session, db=context.db, grader=context.grader, catalog=context.catalog,
                   session_id=access.session.id, challenge_id=challenge, code=code, mode=mode)
    return await context.queue.run(work, ticket=ticket)


@router.post("/{session_id}/run", openapi_extra=_code_body_doc(ChallengeCode),
             summary="Candidate: run on the visible examples (409 once the session is over)")
async def run(access: SessionAccess, request: Request, context: Context,
              x_grade_ticket: str | None = Header(default=None, max_length=64)) -> dict[str, Any]:
    return await _grade(access, request, context, "run", x_grade_ticket)


@router.post("/{session_id}/submit", openapi_extra=_code_body_doc(ChallengeCode),
             summary="Candidate: submit for every test and the rubric (409 once the session is over)")
async def submit(access: SessionAccess, request: Request, context: Context,
                 x_grade_ticket: str | None = Header(default=None, max_length=64)) -> dict[str, Any]:
    return await _grade(access, request, context, "submit", x_grade_ticket)


@router.post("/{session_id}/hints", summary="Candidate: reveal the next hint tier, if the session allows hints")
def reveal_hint(body: ChallengeRef, access: SessionAccess, context: Context) -> dict[str, Any]:
    return interviews.reveal_hint(db=context.db, catalog=context.catalog, access=access, challenge_id=body.challenge)


@router.get("/{session_id}/events", summary="Live stream (Server-Sent Events) read from the database; "
            "the candidate's carries only start, follow-ups, extensions and the end",
            response_class=StreamingResponse)
async def events(access: SessionAccess, request: Request, context: Context, after: EventCursor = 0,
                 last_event_id: Annotated[str | None, Header()] = None) -> StreamingResponse:
    after = max(after, parse_event_id(last_event_id) or 0)
    poll = context.settings.stream_poll_seconds

    async def stream() -> AsyncIterator[str]:
        last_id, last_clock, quiet = after, None, 0.0
        yield "retry: 1000\n\n"
        while not context.stopping.is_set() and not await request.is_disconnected():
            found, clock = await anyio.to_thread.run_sync(partial(
                interviews.stream_events, db=context.db, access=access, after_id=last_id))
            for event in found:
                last_id = event["id"]
                yield f"id: {event['id']}\nevent: {event['kind']}\ndata: {json.dumps(event)}\n\n"
            shown = (clock["status"], clock["deadline"])
            if shown != last_clock:
                last_clock = shown
                yield f"event: clock\ndata: {json.dumps(clock)}\n\n"
            elif found:
                quiet = 0.0
            else:
                quiet += poll
                if quiet >= KEEPALIVE_SECONDS:
                    quiet = 0.0
                    yield ": keepalive\n\n"
            if not found:
                await anyio.sleep(poll)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.post("/{session_id}/followups", summary="Interviewer: push a follow-up question to the candidate")
def push_followup(body: FollowupCreate, access: SessionAccess, context: Context) -> dict[str, Any]:
    return interviews.push_followup(db=context.db, catalog=context.catalog, access=access,
                                    challenge_id=body.challenge, index=body.index, text=body.text)


@router.get("/{session_id}/notes", summary="Interviewer: the private Markdown notes")
def get_notes(access: SessionAccess, context: Context) -> dict[str, Any]:
    interviews.require_interviewer(access)
    session = interviews.reload(db=context.db, session_id=access.session.id)
    return {"notes": session.notes, "notes_html": str(context.markdown.render(session.notes))}


@router.put("/{session_id}/notes", summary="Interviewer: save the private Markdown notes, never sent to the candidate")
def save_notes(body: NotesUpdate, access: SessionAccess, context: Context) -> dict[str, Any]:
    interviews.save_notes(db=context.db, access=access, notes=body.notes)
    return {"saved": True, "notes_html": str(context.markdown.render(body.notes))}


@router.post("/{session_id}/extend", summary="Interviewer: add minutes to the clock")
def extend(body: Extension, access: SessionAccess, context: Context) -> dict[str, Any]:
    session = interviews.extend_session(db=context.db, access=access, minutes=body.minutes)
    return interviews.clock_now(session)


@router.post("/{session_id}/end", summary="Interviewer: end the session now; the last code is submitted")
def end(access: SessionAccess, context: Context) -> dict[str, Any]:
    session = interviews.end_session(db=context.db, access=access)
    return interviews.clock_now(session)


@router.get("/{session_id}/scorecard", summary="Interviewer: the scorecard, pre-filled from the rubric evidence")
def get_scorecard(access: SessionAccess, context: Context) -> dict[str, Any]:
    return interviews.get_scorecard(db=context.db, access=access)


@router.put("/{session_id}/scorecard", summary="Interviewer: save 1-4 per criterion and a recommendation")
def save_scorecard(body: interviews.ScorecardUpdate, access: SessionAccess, context: Context) -> dict[str, Any]:
    return interviews.save_scorecard(db=context.db, access=access, update=body)


@router.get("/{session_id}/report", summary="Interviewer: the report as JSON (download with ?download=1)")
def report(access: SessionAccess, context: Context, download: bool = False) -> JSONResponse:
    body = interview_reports.build_report(db=context.db, catalog=context.catalog, markdown=context.markdown,
                                          access=access)
    headers = {"Content-Disposition": f'attachment; filename="interview-{access.session.id}.json"'} if download else {}
    return JSONResponse(body, headers=headers)


@router.get("/{session_id}/report.html", response_class=HTMLResponse,
            summary="Interviewer: the report as one self-contained HTML file (styles, script and data inline)")
def report_html(access: SessionAccess, request: Request, context: Context) -> Response:
    body = interview_reports.build_report(db=context.db, catalog=context.catalog, markdown=context.markdown,
                                          access=access)
    html = interview_reports.render_report_file(report=body, templates=context.templates,
                                                static_dir=context.settings.static_dir)
    return HTMLResponse(html, headers={"Content-Disposition":
                                       f'attachment; filename="interview-{access.session.id}.html"'})
