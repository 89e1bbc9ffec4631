"""The question library and editor pages: shells that the pages' scripts fill from the questions API."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from app.questions_models import QUESTION_ID_PATTERN
from app.routes._deps import Context, MaybeAccount
from app.services import questions
from app.services.question_editor import new_question_template

router = APIRouter(include_in_schema=False)
QuestionId = Annotated[str, Path(pattern=QUESTION_ID_PATTERN)]


def _to_login(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


@router.get("/questions")
def library(request: Request, context: Context, account: MaybeAccount) -> Response:
    if account is None:
        return _to_login(request)
    return context.templates.TemplateResponse(request, "questions.html", {"account": account})


def _editor(request: Request, context: Context, account: MaybeAccount, question_id: str | None) -> Response:
    if account is None:
        return _to_login(request)
    # A new question starts from the worked example; an existing one from the account's own copy
    # (another account's is a 404 page, as in the API). The page's script takes either from the page.
    if question_id is None:
        start, validation = new_question_template(), None
    else:
        question = questions.get_question(db=context.db, account=account, question_id=question_id)
        start, validation = question.draft, question.validation
    return context.templates.TemplateResponse(request, "question_edit.html", {
        "account": account, "question_id": question_id, "data": {
            "id": question_id, "start": start.model_dump(mode="json"),
            "validation": validation.model_dump(mode="json") if validation else None}})


@router.get("/questions/new")
def new_question(request: Request, context: Context, account: MaybeAccount) -> Response:
    return _editor(request, context, account, None)


@router.get("/questions/{question_id}/edit")
def edit_question(question_id: QuestionId, request: Request, context: Context, account: MaybeAccount) -> Response:
    return _editor(request, context, account, question_id)
