"""JSON API of an account's own questions: validated in the sandbox on every save, private to the account."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from app.questions_models import (
    QuestionCreated,
    QuestionDeleted,
    QuestionDraft,
    QuestionPublic,
    QuestionSummary,
    QuestionZip,
)
from app.rate_limit import rate_limited
from app.routes._deps import Context, LoggedIn, in_thread, read_body
from app.services import questions

router = APIRouter(prefix="/api/questions", tags=["questions"])
# Another account's question answers 404 like a missing one: ids are guessable, existence is not told.
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such question in your account (another account's is not found either)"}}
_REFUSED: dict[int | str, dict[str, Any]] = {
    422: {"description": "The draft is malformed, or the sandbox refused it: `message` says why"}}


@router.get("", response_model=list[QuestionSummary], summary="Your questions, latest change first")
def list_questions(account: LoggedIn, context: Context) -> list[QuestionSummary]:
    return questions.list_questions(db=context.db, account=account)


@router.post("", status_code=201, response_model=QuestionCreated, responses=_REFUSED,
             summary="Create a question: its generator and reference run in the sandbox first (refused with the "
                     "reason when they fail, are non-deterministic or too slow)",
             dependencies=[rate_limited("question_save")])
def create_question(body: QuestionDraft, account: LoggedIn, context: Context) -> QuestionCreated:
    return questions.create_question(db=context.db, validator=context.validator, account=account, draft=body)


@router.post("/import", status_code=201, response_model=QuestionCreated, responses=_REFUSED,
             summary="Import a zip of a question folder (the format of challenges/<id>/), validated like a create",
             openapi_extra={"requestBody": {"required": True, "description": "The zip file's bytes", "content": {
                 "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
             dependencies=[rate_limited("question_save")])
async def import_question(request: Request, account: LoggedIn, context: Context) -> QuestionCreated:
    data = await read_body(request, max_bytes=context.settings.max_question_zip_bytes)
    return await in_thread(questions.import_zip, db=context.db, validator=context.validator, account=account, data=data)


@router.get("/{question_id}", response_model=QuestionPublic, responses=_NOT_FOUND,
            summary="One of your questions: the whole draft and its last validation")
def get_question(question_id: str, account: LoggedIn, context: Context) -> QuestionPublic:
    return questions.get_question(db=context.db, account=account, question_id=question_id)


@router.put("/{question_id}", response_model=QuestionPublic, responses=_NOT_FOUND | _REFUSED,
            summary="Replace a question's draft (validated in the sandbox again; sessions use the new version)",
            dependencies=[rate_limited("question_save")])
def update_question(question_id: str, body: QuestionDraft, account: LoggedIn, context: Context) -> QuestionPublic:
    return questions.update_question(db=context.db, validator=context.validator, account=account,
                                     question_id=question_id, draft=body)


@router.delete("/{question_id}", response_model=QuestionDeleted, responses=_NOT_FOUND,
               summary="Delete a question (sessions that used it keep working, their reports too)")
def delete_question(question_id: str, account: LoggedIn, context: Context) -> QuestionDeleted:
    questions.delete_question(db=context.db, account=account, question_id=question_id)
    return QuestionDeleted(id=question_id, deleted=True)


@router.get("/{question_id}/export", response_class=Response, response_model=QuestionZip, responses=_NOT_FOUND | {
    200: {"content": {"application/zip": {"schema": {"$ref": "#/components/schemas/QuestionZip"}}}}},
            summary="Download a question as a zip of its challenge folder")
def export_question(question_id: str, account: LoggedIn, context: Context) -> Response:
    data = questions.export_zip(db=context.db, account=account, question_id=question_id)
    return Response(data, media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{question_id}.zip"'})
