"""JSON API of one profile: progress, drafts, submissions, export and import."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from app.context import AppContext
from app.errors import NotFoundError
from app.models import (
    AttemptProgress,
    AttemptPublic,
    DraftPublic,
    DraftSaved,
    ImportCounts,
    ImportResult,
    ProgressPublic,
)
from app.parsing import RowId
from app.routes._deps import (
    CODE_BODY_DOC,
    Context,
    TokenHash,
    decode_utf8,
    in_thread,
    parse_json,
    read_body,
    read_code,
)
from app.services import attempt_stream, attempts, challenges, progress

router = APIRouter(prefix="/api", tags=["progress"])
PROGRESS_SCHEMA = {"$ref": "#/components/schemas/AttemptProgress"}


@router.get("/progress", response_model=ProgressPublic,
            summary="Solved / attempted counts per lesson and per challenge")
def get_progress(context: Context, token_hash: TokenHash) -> ProgressPublic:
    return progress.progress_summary(db=context.db, catalog=context.catalog, token_hash=token_hash)


@router.put("/drafts/{challenge_id}", openapi_extra=CODE_BODY_DOC, response_model=DraftSaved,
            summary="Save the editor's code as a draft")
async def save_draft(challenge_id: str, request: Request, context: Context, token_hash: TokenHash) -> DraftSaved:
    challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    body = await read_code(request, max_bytes=context.settings.max_code_bytes)
    saved_at = await in_thread(progress.save_draft, db=context.db, token_hash=token_hash, challenge_id=challenge_id,
                               code=body.code)
    return DraftSaved(challenge=challenge_id, saved_at=saved_at)


@router.get("/drafts/{challenge_id}", response_model=DraftPublic, summary="The saved draft (404 when there is none)")
def get_draft(challenge_id: str, context: Context, token_hash: TokenHash) -> DraftPublic:
    challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    draft = progress.get_draft(db=context.db, token_hash=token_hash, challenge_id=challenge_id)
    if draft is None:
        raise NotFoundError(f"No draft of {challenge_id!r} yet.")
    return DraftPublic(challenge=challenge_id, code=draft.code, saved_at=draft.updated_at)


@router.get("/submissions/{submission_id}/events", response_class=StreamingResponse,
            summary="The attempt's parts as they are graded (text/event-stream of AttemptProgress): "
                    "`part` events, then `done`",
            responses={200: {"model": AttemptProgress, "description": "Server-sent events of AttemptProgress",
                             "content": {"text/event-stream": {"schema": PROGRESS_SCHEMA}}}})
def submission_events(submission_id: RowId, context: Context, token_hash: TokenHash) -> StreamingResponse:
    attempts.get_practice_attempt(db=context.db, token_hash=token_hash, attempt_id=submission_id)  # 404 first
    events = attempt_stream.stream_attempt(db=context.db, catalog=context.catalog, templates=context.templates,
                                           wakeups=context.wakeups, attempt_id=submission_id)
    return StreamingResponse(events, media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.get("/submissions/{submission_id}", response_model=AttemptPublic,
            summary="One of this profile's runs or submits, with its report")
def get_submission(submission_id: RowId, context: Context, token_hash: TokenHash) -> AttemptPublic:
    attempt = attempts.get_practice_attempt(db=context.db, token_hash=token_hash, attempt_id=submission_id)
    return AttemptPublic.of(attempt)


@router.get("/progress/export", response_model=progress.ProgressExport,
            summary="Download this profile's progress as one JSON file")
def export_progress(context: Context, token_hash: TokenHash) -> JSONResponse:
    data = progress.export_progress(db=context.db, token_hash=token_hash)
    filename = f"arraydojo-progress-{data.exported_at.date().isoformat()}.json"
    return JSONResponse(data.model_dump(mode="json"),
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.post("/progress/import", response_model=ImportResult,
             summary="Merge an exported progress file into this profile")
async def import_progress(request: Request, context: Context, token_hash: TokenHash) -> ImportResult:
    raw = await read_body(request, max_bytes=context.settings.max_import_bytes)
    counts = await in_thread(import_file, raw=raw, context=context, token_hash=token_hash)
    return ImportResult(imported=counts)


def import_file(*, raw: bytes, context: AppContext, token_hash: str) -> ImportCounts:
    """Parse and merge an exported file: blocking (up to 16 MiB of JSON, then the database)."""
    data = parse_json(decode_utf8(raw, what="progress file"))
    return progress.import_progress(db=context.db, catalog=context.catalog, token_hash=token_hash, data=data,
                                    max_code_bytes=context.settings.max_code_bytes)
