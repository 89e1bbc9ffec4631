"""JSON API of one profile: progress, drafts, submissions, export and import."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.errors import NotFoundError
from app.parsing import RowId
from app.routes._deps import CODE_BODY_DOC, Context, TokenHash, decode_utf8, parse_json, read_body, read_code
from app.services import challenges, grading, progress

router = APIRouter(prefix="/api", tags=["progress"])


@router.get("/progress", summary="Solved / attempted counts per lesson and per challenge")
def get_progress(context: Context, token_hash: TokenHash) -> dict[str, Any]:
    return progress.progress_summary(db=context.db, catalog=context.catalog, token_hash=token_hash)


@router.put("/drafts/{challenge_id}", openapi_extra=CODE_BODY_DOC, summary="Save the editor's code as a draft")
async def save_draft(challenge_id: str, request: Request, context: Context, token_hash: TokenHash) -> dict[str, Any]:
    challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    code = await read_code(request, context)
    saved_at = progress.save_draft(db=context.db, token_hash=token_hash, challenge_id=challenge_id, code=code)
    return {"challenge": challenge_id, "saved_at": saved_at.isoformat()}


@router.get("/drafts/{challenge_id}", summary="The saved draft (404 when there is none)")
def get_draft(challenge_id: str, context: Context, token_hash: TokenHash) -> dict[str, Any]:
    challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    draft = progress.get_draft(db=context.db, token_hash=token_hash, challenge_id=challenge_id)
    if draft is None:
        raise NotFoundError(f"No draft of {challenge_id!r} yet.")
    return {"challenge": challenge_id, "code": draft.code, "saved_at": draft.updated_at.isoformat()}


@router.get("/submissions/{submission_id}", summary="One of this profile's submissions, with its report")
def get_submission(submission_id: RowId, context: Context, token_hash: TokenHash) -> dict[str, Any]:
    submission = grading.get_submission(db=context.db, token_hash=token_hash, submission_id=submission_id)
    return grading.submission_public(submission)


@router.get("/progress/export", summary="Download this profile's progress as one JSON file")
def export_progress(context: Context, token_hash: TokenHash) -> JSONResponse:
    data = progress.export_progress(db=context.db, token_hash=token_hash)
    filename = f"arraydojo-progress-{data['exported_at'][:10]}.json"
    return JSONResponse(data, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.post("/progress/import", summary="Merge an exported progress file into this profile")
async def import_progress(request: Request, context: Context, token_hash: TokenHash) -> dict[str, Any]:
    raw = await read_body(request, max_bytes=context.settings.max_import_bytes)
    data = parse_json(decode_utf8(raw, what="progress file"))
    counts = progress.import_progress(db=context.db, catalog=context.catalog, token_hash=token_hash, data=data,
                                      max_code_bytes=context.settings.max_code_bytes)
    return {"imported": counts}
