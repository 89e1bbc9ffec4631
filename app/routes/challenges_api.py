"""JSON API of the challenges: list, detail (public parts only), run, submit, hints, give up."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, Request

from app.cases import Mode
from app.grading.custom_input import CustomRunPublic
from app.models import (
    AttemptResult,
    AttemptStarted,
    ChallengePublic,
    ChallengeSummaryPublic,
    HintsPublic,
    ReferencePublic,
)
from app.rate_limit import client_address
from app.routes._deps import CODE_BODY_DOC, Context, GradeTicket, TokenHash, read_code, start_submit_in_background
from app.services import attempts, challenges, remote_grading

router = APIRouter(prefix="/api/challenges", tags=["challenges"])


@router.get("", response_model=list[ChallengeSummaryPublic],
            summary="Every challenge, with this profile's status and best rubric score")
def list_challenges(context: Context, token_hash: TokenHash) -> list[ChallengeSummaryPublic]:
    return challenges.list_challenges(db=context.db, catalog=context.catalog, token_hash=token_hash)


@router.get("/{challenge_id}", response_model=ChallengePublic,
            summary="One challenge: statement, signature, starter, visible examples")
def get_challenge(challenge_id: str, context: Context) -> ChallengePublic:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    return challenges.challenge_public(grader=context.grader, challenge=challenge)


async def grade_practice(request: Request, context: Context, *, token_hash: str, challenge_id: str, mode: Mode,
                         ticket: str | None) -> attempts.Graded:
    """Read the code, then grade it as this profile's attempt in a grading thread (the page routes too)."""
    challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)  # 404 before reading the body
    body = await read_code(request, max_bytes=context.settings.max_code_bytes)
    work = partial(attempts.grade_attempt, db=context.db, grading=context.grading, catalog=context.catalog,
                   seat=attempts.PracticeSeat(token_hash), challenge_id=challenge_id, code=body.code, mode=mode)
    return await context.queue.run(work, ticket=ticket, client=client_address(request))


@router.post("/{challenge_id}/run", openapi_extra=CODE_BODY_DOC, response_model=AttemptResult,
             summary="Run the code on the visible examples only (fast); stored as a run")
async def run(challenge_id: str, request: Request, context: Context, token_hash: TokenHash,
              ticket: GradeTicket) -> AttemptResult:
    graded = await grade_practice(request, context, token_hash=token_hash, challenge_id=challenge_id, mode="run",
                                  ticket=ticket)
    return attempts.result_of(graded)


@router.post("/{challenge_id}/submit", openapi_extra=CODE_BODY_DOC, response_model=AttemptResult,
             summary="Grade on every test with the rubric: the `arraydojo grade --json` report plus attempt_id")
async def submit(challenge_id: str, request: Request, context: Context, token_hash: TokenHash,
                 ticket: GradeTicket) -> AttemptResult:
    graded = await grade_practice(request, context, token_hash=token_hash, challenge_id=challenge_id,
                                  mode="submit", ticket=ticket)
    return attempts.result_of(graded)


async def start_practice_submit(request: Request, context: Context, *, token_hash: str, challenge_id: str,
                                ticket: str | None) -> AttemptStarted:
    """Store the submit and answer at once; it grades in the background and its parts stream as they come."""
    challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    body = await read_code(request, max_bytes=context.settings.max_code_bytes)
    attempt = await start_submit_in_background(context, seat=attempts.PracticeSeat(token_hash),
                                               challenge_id=challenge_id, code=body.code,
                                               client=client_address(request), ticket=ticket)
    return AttemptStarted(attempt_id=attempt.id, status="grading", events=f"/api/submissions/{attempt.id}/events")


@router.post("/{challenge_id}/submissions", openapi_extra=CODE_BODY_DOC, response_model=AttemptStarted,
             status_code=202, summary="Submit and answer at once with the attempt id; follow its event stream")
async def start_submit(challenge_id: str, request: Request, context: Context, token_hash: TokenHash,
                       ticket: GradeTicket) -> AttemptStarted:
    return await start_practice_submit(request, context, token_hash=token_hash, challenge_id=challenge_id,
                                       ticket=ticket)


@router.post("/{challenge_id}/try", openapi_extra=CODE_BODY_DOC, response_model=CustomRunPublic,
             summary="Run on your own input (`arguments`): your output beside the reference's, and whether they match")
async def try_input(challenge_id: str, request: Request, context: Context, ticket: GradeTicket) -> CustomRunPublic:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    body = await read_code(request, max_bytes=context.settings.max_code_bytes)
    arguments = challenges.check_arguments(body.arguments)
    work: Callable[[], CustomRunPublic]
    if context.celery is not None:  # this host's sandbox does not run: the input goes to the workers
        work = partial(remote_grading.try_on_workers, celery=context.celery, challenge=challenge, code=body.code,
                       arguments=arguments, wait_seconds=context.settings.broker_wait_seconds)
    else:
        work = partial(challenges.try_input, grader=context.grader, challenge=challenge, code=body.code,
                       arguments=arguments)
    return await context.queue.run(work, ticket=ticket, client=client_address(request))


@router.post("/{challenge_id}/hints", response_model=HintsPublic,
             summary="Reveal the next hint tier; returns every hint revealed so far")
def reveal_hint(challenge_id: str, context: Context, token_hash: TokenHash) -> HintsPublic:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    hints = challenges.reveal_hint(db=context.db, challenge=challenge, token_hash=token_hash)
    return HintsPublic(hints=hints, revealed=len(hints), total=len(challenge.hints))


@router.post("/{challenge_id}/give-up", response_model=ReferencePublic,
             summary="Give up: records it and returns the reference solution")
def give_up(challenge_id: str, context: Context, token_hash: TokenHash) -> ReferencePublic:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    return ReferencePublic(reference=challenges.give_up(db=context.db, challenge=challenge, token_hash=token_hash))


@router.get("/{challenge_id}/solution", response_model=ReferencePublic,
            summary="The reference solution, once solved or given up (403 before)")
def solution(challenge_id: str, context: Context, token_hash: TokenHash) -> ReferencePublic:
    challenge = challenges.get_challenge(catalog=context.catalog, challenge_id=challenge_id)
    return ReferencePublic(reference=challenges.solution(db=context.db, challenge=challenge, token_hash=token_hash))
