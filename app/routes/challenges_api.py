"""JSON API of the challenges: list, detail (public parts only), run, submit, hints, give up."""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

from fastapi import APIRouter, Header, Request

from app.routes._deps import CODE_BODY_DOC, Context, TokenHash, read_code
from app.services import challenges, grading

router = APIRouter(prefix="/api/challenges", tags=["challenges"])


@router.get("", summary="Every challenge, with this profile's status and best rubric score")
def list_challenges(context: Context, token_hash: TokenHash) -> list[dict[str, Any]]:
    summaries = challenges.list_challenges(db=context.db, catalog=context.catalog, token_hash=token_hash)
    return [s.__dict__ for s in summaries]


@router.get("/{challenge_id}", summary="One challenge: statement, signature, starter, visible examples")
def get_challenge(challenge_id: str, context: Context) -> dict[str, Any]:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    return challenges.challenge_public(grader=context.grader, challenge=challenge)


async def grade(request: Request, context: Context, token_hash: str, challenge_id: str, mode: Literal["run", "submit"],
                ticket: str | None) -> dict[str, Any]:
    challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)  # 404 before reading the body
    code = await read_code(request, context)
    work = partial(grading.grade_and_store, db=context.db, grader=context.grader, catalog=context.catalog,
                   token_hash=token_hash, challenge_id=challenge_id, code=code, mode=mode)
    outcome = await context.queue.run(work, ticket=ticket)
    return outcome.public_dict()


@router.post("/{challenge_id}/run", openapi_extra=CODE_BODY_DOC,
             summary="Run the code on the visible examples only (fast); stored as a run")
async def run(challenge_id: str, request: Request, context: Context, token_hash: TokenHash,
              x_grade_ticket: str | None = Header(default=None, max_length=64)) -> dict[str, Any]:
    return await grade(request, context, token_hash, challenge_id, "run", x_grade_ticket)


@router.post("/{challenge_id}/submit", openapi_extra=CODE_BODY_DOC,
             summary="Grade on every test with the rubric: the `arraydojo grade --json` report plus submission_id")
async def submit(challenge_id: str, request: Request, context: Context, token_hash: TokenHash,
                 x_grade_ticket: str | None = Header(default=None, max_length=64)) -> dict[str, Any]:
    return await grade(request, context, token_hash, challenge_id, "submit", x_grade_ticket)


@router.post("/{challenge_id}/hints", summary="Reveal the next hint tier; returns every hint revealed so far")
def reveal_hint(challenge_id: str, context: Context, token_hash: TokenHash) -> dict[str, Any]:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    hints = challenges.reveal_hint(db=context.db, challenge=challenge, token_hash=token_hash)
    return {"hints": hints, "revealed": len(hints), "total": len(challenge.hints)}


@router.post("/{challenge_id}/give-up", summary="Give up: records it and returns the reference solution")
def give_up(challenge_id: str, context: Context, token_hash: TokenHash) -> dict[str, Any]:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    return {"reference": challenges.give_up(db=context.db, challenge=challenge, token_hash=token_hash)}


@router.get("/{challenge_id}/solution", summary="The reference solution, once solved or given up (403 before)")
def solution(challenge_id: str, context: Context, token_hash: TokenHash) -> dict[str, Any]:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    return {"reference": challenges.solution(db=context.db, challenge=challenge, token_hash=token_hash)}
