"""JSON API of mock-interview sessions; every endpoint but create takes the session's Bearer token."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from app import store
from app.cases import Mode
from app.models import (
    AttemptEventPublic,
    AttemptResult,
    AttemptStarted,
    CandidateSessionPublic,
    ClockPublic,
    EventStreamPublic,
    FollowupPublic,
    HintsPublic,
    IntegrityRecorded,
    InterviewerSessionPublic,
    NotesPublic,
    NotesSaved,
    ReportFileHtml,
    ReportPublic,
    ScorecardPublic,
    SessionCreated,
    SnapshotSaved,
)
from app.parsing import EventCursor, RowId, parse_event_id
from app.public_url import public_url
from app.rate_limit import client_address, rate_limited
from app.routes._deps import (
    CODE_BODY_DOC,
    Context,
    GradeTicket,
    MaybeAccount,
    SessionAccess,
    TokenHash,
    in_thread,
    read_code,
    start_submit_in_background,
)
from app.services import attempt_stream, attempts, integrity, interview_reports, interviews, scorecards
from app.services.pairing import document_text, replace_text

router = APIRouter(prefix="/api/sessions", tags=["mock interviews"])
KEEPALIVE_SECONDS = 15.0


def _schema_of(model: type[BaseModel], media_type: str) -> dict[int | str, dict[str, Any]]:
    """Name the model as the schema of a response that is not JSON (FastAPI says only "string" there)."""
    return {200: {"content": {media_type: {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}}


class EventStreamResponse(StreamingResponse):
    media_type = "text/event-stream"


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


def session_links(request: Request, created: interviews.Created) -> dict[str, str]:
    """The two links to send. The token travels in the fragment: browsers never send it to the server in
    the URL, in Referer headers or in access logs; the page reads it and sends it as a Bearer header.
    The host part is the configured public base URL (or the allow-listed Host), never any Host header."""
    page = f"/sessions/{created.session.id}"
    return {
        "candidate_url": public_url(request, f"{page}/candidate") + f"#{created.candidate_token}",
        "interviewer_url": public_url(request, f"{page}/interviewer") + f"#{created.interviewer_token}",
    }


@router.post("", status_code=201, response_model=SessionCreated,
             summary="Create a session: two links with unguessable tokens (shown once)",
             dependencies=[rate_limited("session_create")])
def create_session(body: interviews.SessionCreate, request: Request, context: Context, account: MaybeAccount
                   ) -> SessionCreated:
    created = interviews.create_session(db=context.db, catalog=context.catalog, settings=context.settings, body=body,
                                        owner_id=account.id if account else None)
    return SessionCreated(id=created.session.id, candidate_token=created.candidate_token,
                          interviewer_token=created.interviewer_token, **session_links(request, created),
                          challenges=created.session.challenges, duration_seconds=created.session.duration_seconds)


@router.get("/{session_id}", response_model=CandidateSessionPublic | InterviewerSessionPublic,
            summary="The session as the token's role sees it: clock, challenges, follow-ups")
def get_session(access: SessionAccess, context: Context, token_hash: TokenHash
                ) -> CandidateSessionPublic | InterviewerSessionPublic:
    if access.role == "candidate":
        interviews.note_candidate_profile(db=context.db, access=access, token_hash=token_hash)
    return interviews.session_state(db=context.db, catalog=context.catalog, markdown=context.markdown, access=access)


@router.post("/{session_id}/start", response_model=ClockPublic,
             summary="Start the clock (interviewer; the candidate too if allowed)")
def start(access: SessionAccess, context: Context) -> ClockPublic:
    session = interviews.start_session(db=context.db, access=access)
    return interviews.clock_now(session)


@router.post("/{session_id}/snapshots", openapi_extra=CODE_BODY_DOC, response_model=SnapshotSaved,
             summary="Candidate: the editor's code now (debounced by the page; size-capped and rate-limited)",
             dependencies=[rate_limited("snapshot")])
async def snapshot(access: SessionAccess, request: Request, context: Context) -> SnapshotSaved:
    interviews.require_candidate(access, action="sends snapshots")
    body = await read_code(request, max_bytes=context.settings.snapshot_max_bytes, needs_challenge=True)
    assert body.challenge is not None
    saved = await anyio.to_thread.run_sync(partial(
        interviews.save_snapshot, db=context.db, settings=context.settings, access=access, challenge_id=body.challenge,
        code=body.code))
    # A client without a shared editor: its code becomes the shared document (one whole-text update).
    await anyio.to_thread.run_sync(partial(
        replace_text, db=context.db, catalog=context.catalog, settings=context.settings, access=access,
        challenge_id=body.challenge, code=body.code, client_id="snapshot"))
    return saved


async def _shared_text(access: interviews.Access, context: Context, *, challenge_id: str, code: str,
                       version: int | None) -> str:
    """The shared document's text, what is graded (the body's code is made the document first if no version)."""
    interviews.check_can_grade(access=access, challenge_id=challenge_id)  # before the document is touched
    if version is None:
        await anyio.to_thread.run_sync(partial(
            replace_text, db=context.db, catalog=context.catalog, settings=context.settings, access=access,
            challenge_id=challenge_id, code=code, client_id="run"))
    text, _ = await anyio.to_thread.run_sync(partial(
        document_text, db=context.db, catalog=context.catalog, session_id=access.session.id, challenge_id=challenge_id))
    return text


async def _grade(access: interviews.Access, request: Request, context: Context, mode: Mode,
                 ticket: str | None, version: int | None) -> AttemptResult:
    """Grade the shared document's text on the server, exactly what both people see.

    A page with a shared editor sends `?version=` (it has pushed everything it typed): the body's
    code is then only a copy. Without it the code becomes the shared document first.
    """
    body = await read_code(request, max_bytes=context.settings.max_code_bytes, needs_challenge=True)
    assert body.challenge is not None
    body.code = await _shared_text(access, context, challenge_id=body.challenge, code=body.code, version=version)
    interviews.check_can_grade(access=access, challenge_id=body.challenge)
    work = partial(attempts.grade_attempt, db=context.db, grading=context.grading, catalog=context.catalog,
                   seat=interviews.InterviewSeat(access.session.id), challenge_id=body.challenge, code=body.code,
                   mode=mode)
    graded = await context.queue.run(work, ticket=ticket, client=client_address(request))
    # The candidate gets the part the session's setting shows; the report as stored stays whole.
    return AttemptResult.model_validate(interviews.report_for(access, graded.report.public_dict())
                                        | {"attempt_id": graded.attempt.id})


@router.post("/{session_id}/run", openapi_extra=CODE_BODY_DOC, response_model=AttemptResult,
             summary="Candidate: run on the visible examples (409 once the session is over)")
async def run(access: SessionAccess, request: Request, context: Context, ticket: GradeTicket,
              version: int | None = None) -> AttemptResult:
    return await _grade(access, request, context, "run", ticket, version)


@router.post("/{session_id}/submit", openapi_extra=CODE_BODY_DOC, response_model=AttemptResult,
             summary="Candidate: submit for every test and the rubric (409 once the session is over)")
async def submit(access: SessionAccess, request: Request, context: Context, ticket: GradeTicket,
                 version: int | None = None) -> AttemptResult:
    return await _grade(access, request, context, "submit", ticket, version)


@router.post("/{session_id}/submissions", openapi_extra=CODE_BODY_DOC, response_model=AttemptStarted, status_code=202,
             summary="Candidate: submit and answer at once with the attempt id; follow its event stream "
                     "(tests and verdict, then the rubric, then timing, as the session lets the token's role see)")
async def start_submit(access: SessionAccess, request: Request, context: Context, ticket: GradeTicket,
                       version: int | None = None) -> AttemptStarted:
    body = await read_code(request, max_bytes=context.settings.max_code_bytes, needs_challenge=True)
    assert body.challenge is not None
    code = await _shared_text(access, context, challenge_id=body.challenge, code=body.code, version=version)
    interviews.check_can_grade(access=access, challenge_id=body.challenge)
    attempt = await start_submit_in_background(
        context, seat=interviews.InterviewSeat(access.session.id), challenge_id=body.challenge, code=code,
        client=client_address(request), ticket=ticket)
    return AttemptStarted(attempt_id=attempt.id, status="grading",
                          events=f"/api/sessions/{access.session.id}/attempts/{attempt.id}/events")


# Documented as each event an SSE parser reads (`event`, `data`), with no other media type beside it.
@router.get("/{session_id}/attempts/{attempt_id}/events", response_class=StreamingResponse,
            responses={200: {"model": AttemptEventPublic, "description": "Server-sent events",
                             "content": {"text/event-stream": {"schema": {
                                 "$ref": f"#/components/schemas/{AttemptEventPublic.__name__}"}}}}},
            summary="A run's or submit's parts as they are graded (`part` events of AttemptProgress, then "
                    "`done`), filtered by the token's role as every session endpoint is")
def attempt_events(attempt_id: RowId, access: SessionAccess, context: Context) -> StreamingResponse:
    interviews.get_attempt(db=context.db, access=access, attempt_id=attempt_id)  # 404 before streaming
    events = attempt_stream.stream_attempt(db=context.db, catalog=context.catalog, templates=context.templates,
                                           wakeups=context.wakeups, attempt_id=attempt_id,
                                           redact=partial(interviews.report_for, access))
    return EventStreamResponse(events, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.post("/{session_id}/integrity", response_model=IntegrityRecorded,
             summary="Candidate: a large paste, or the page hidden / back (the server stamps the time; "
                     "never shown to the candidate)", dependencies=[rate_limited("integrity")])
async def report_integrity(body: integrity.SignalBody, access: SessionAccess, context: Context) -> IntegrityRecorded:
    return await in_thread(integrity.record_signal, db=context.db, access=access, signal=body.signal)


@router.post("/{session_id}/hints", response_model=HintsPublic,
             summary="Candidate: reveal the next hint tier, if the session allows hints")
def reveal_hint(body: ChallengeRef, access: SessionAccess, context: Context) -> HintsPublic:
    return interviews.reveal_hint(db=context.db, catalog=context.catalog, access=access, challenge_id=body.challenge)


@router.get("/{session_id}/events", summary="Live stream (Server-Sent Events) read from the database; "
            "the candidate's carries only start, follow-ups, extensions and the end",
            response_class=EventStreamResponse, response_model=EventStreamPublic,
            responses=_schema_of(EventStreamPublic, "text/event-stream"))
async def events(access: SessionAccess, request: Request, context: Context, after: EventCursor = 0,
                 last_event_id: Annotated[str | None, Header()] = None) -> StreamingResponse:
    after = max(after, parse_event_id(last_event_id) or 0)
    poll = context.settings.stream_poll_seconds

    async def stream() -> AsyncIterator[str]:
        last_id, last_clock = after, None
        last_sent = anyio.current_time()
        yield "retry: 1000\n\n"
        # Woken when any host commits an event or a clock change of this session; the database is read
        # again each time (and at least every poll interval), so a lost wake-up costs a poll, not an event.
        with context.wakeups.watching(store.session_topic(access.session.id)) as watch:
            while not context.stopping.is_set() and not await request.is_disconnected():
                found, clock = await anyio.to_thread.run_sync(partial(
                    interviews.stream_events, db=context.db, access=access, after_id=last_id))
                for event in found:
                    last_id = event.id
                    yield f"id: {event.id}\nevent: {event.kind}\ndata: {event.model_dump_json()}\n\n"
                shown = (clock.status, clock.deadline)
                if shown != last_clock:
                    last_clock = shown
                    yield f"event: clock\ndata: {clock.model_dump_json()}\n\n"
                    last_sent = anyio.current_time()
                if found:
                    last_sent = anyio.current_time()
                elif anyio.current_time() - last_sent >= KEEPALIVE_SECONDS:
                    last_sent = anyio.current_time()
                    yield ": keepalive\n\n"
                if not found:
                    await watch.wait(fast_poll_seconds=poll)

    return EventStreamResponse(stream(), headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.post("/{session_id}/followups", response_model=FollowupPublic,
             summary="Interviewer: push a follow-up question to the candidate")
def push_followup(body: FollowupCreate, access: SessionAccess, context: Context) -> FollowupPublic:
    return interviews.push_followup(db=context.db, catalog=context.catalog, access=access,
                                    challenge_id=body.challenge, index=body.index, text=body.text)


@router.get("/{session_id}/notes", response_model=NotesPublic, summary="Interviewer: the private Markdown notes")
def get_notes(access: SessionAccess, context: Context) -> NotesPublic:
    interviews.require_interviewer(access)
    session = interviews.reload(db=context.db, session_id=access.session.id)
    return NotesPublic(notes=session.notes, notes_html=str(context.markdown.render(session.notes)))


@router.put("/{session_id}/notes", response_model=NotesSaved,
            summary="Interviewer: save the private Markdown notes, never sent to the candidate")
def save_notes(body: NotesUpdate, access: SessionAccess, context: Context) -> NotesSaved:
    interviews.save_notes(db=context.db, access=access, notes=body.notes)
    return NotesSaved(saved=True, notes_html=str(context.markdown.render(body.notes)))


@router.post("/{session_id}/extend", response_model=ClockPublic, summary="Interviewer: add minutes to the clock")
def extend(body: Extension, access: SessionAccess, context: Context) -> ClockPublic:
    session = interviews.extend_session(db=context.db, access=access, minutes=body.minutes)
    return interviews.clock_now(session)


@router.post("/{session_id}/end", response_model=ClockPublic,
             summary="Interviewer: end the session now; the last code is submitted")
def end(access: SessionAccess, context: Context) -> ClockPublic:
    session = interviews.end_session(db=context.db, access=access)
    return interviews.clock_now(session)


@router.get("/{session_id}/scorecard", response_model=ScorecardPublic,
            summary="Interviewer: the scorecard (pre-filled from the rubric), its criteria, anchors and evidence")
def get_scorecard(access: SessionAccess, context: Context) -> ScorecardPublic:
    return scorecards.get_scorecard(db=context.db, access=access)


@router.put("/{session_id}/scorecard", response_model=ScorecardPublic,
            summary="Interviewer: save 1-4 per criterion and a recommendation (optionally with one of your templates)")
def save_scorecard(body: scorecards.ScorecardUpdate, access: SessionAccess, context: Context, account: MaybeAccount
                   ) -> ScorecardPublic:
    return scorecards.save_scorecard(db=context.db, access=access, account=account, update=body)


@router.get("/{session_id}/report", response_model=ReportPublic,
            summary="Interviewer: the report as JSON (download with ?download=1)")
def report(access: SessionAccess, context: Context, download: bool = False) -> JSONResponse:
    body = interview_reports.build_report(db=context.db, catalog=context.catalog, markdown=context.markdown,
                                          templates=context.templates, access=access)
    headers = {"Content-Disposition": f'attachment; filename="interview-{access.session.id}.json"'} if download else {}
    return JSONResponse(body.model_dump(mode="json"), headers=headers)


@router.get("/{session_id}/report.html", response_class=HTMLResponse, response_model=ReportFileHtml,
            responses=_schema_of(ReportFileHtml, "text/html"),
            summary="Interviewer: the report as one self-contained HTML file (styles, script and data inline)")
def report_html(access: SessionAccess, request: Request, context: Context) -> Response:
    body = interview_reports.build_report(db=context.db, catalog=context.catalog, markdown=context.markdown,
                                          templates=context.templates, access=access)
    html = interview_reports.render_report_file(report=body, templates=context.templates,
                                                static_dir=context.settings.static_dir)
    return HTMLResponse(html, headers={"Content-Disposition":
                                       f'attachment; filename="interview-{access.session.id}.html"'})
