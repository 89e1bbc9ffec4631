"""The catalog as the candidate sees it: public challenge data, progress, hints, giving up."""

from __future__ import annotations

from typing import Literal

from app import store
from app.catalog import Catalog, Challenge, UnknownChallengeError
from app.database import Database
from app.errors import BusyError, ChallengeNotFoundError, ConflictError, ForbiddenError, InvalidInputError
from app.grading.custom_input import CustomRunPublic, run_custom_input
from app.grading.grader import Grader, challenge_limits
from app.grading.preview import preview, preview_call
from app.models import ChallengePublic, ChallengeSummaryPublic, ExamplePublic
from app.questions_models import is_question_id
from sandbox import QueueFullError


def get_challenge(*, catalog: Catalog, challenge_id: str) -> Challenge:
    try:
        return catalog.get(challenge_id)
    except UnknownChallengeError as exc:
        raise ChallengeNotFoundError(challenge_id, exc.suggestions) from None


def get_session_challenge(*, catalog: Catalog, challenge_id: str) -> Challenge:
    """A session's challenge: a built-in one, or an author's question (sessions only: never practice)."""
    if is_question_id(challenge_id):
        found = catalog.get_question(challenge_id)
        if found is None:
            raise ChallengeNotFoundError(challenge_id, [])
        return found
    return get_challenge(catalog=catalog, challenge_id=challenge_id)


def challenge_title(*, catalog: Catalog, challenge_id: str) -> str:
    """A session's challenge's title; one removed since (from the catalog) is still listed, by its id."""
    if is_question_id(challenge_id):
        found = catalog.get_question(challenge_id)
        return found.config.title if found is not None else challenge_id
    return catalog.get(challenge_id).config.title if challenge_id in catalog.ids else challenge_id


def _status(progress: store.ChallengeProgress | None) -> Literal["solved", "attempted", "new"]:
    if progress is None:
        return "new"
    return "solved" if progress.is_solved else "attempted"


def list_challenges(*, db: Database, catalog: Catalog, token_hash: str) -> list[ChallengeSummaryPublic]:
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        progress = store.progress_by_challenge(conn, profile_id=profile_id) if profile_id is not None else {}
    return [
        ChallengeSummaryPublic(
            id=c.id, lesson=c.config.lesson, title=c.config.title, difficulty=c.config.difficulty,
            summary=c.config.summary, status=_status(progress.get(c.id)),
            best_score=progress[c.id].best_score if c.id in progress else None,
            criteria=list(c.config.rubric.applies),
            attempts=progress[c.id].attempts if c.id in progress else 0,
            last_activity=progress[c.id].last_at if c.id in progress else None,
        )
        for c in catalog
    ]


def examples(*, grader: Grader, challenge: Challenge) -> list[ExamplePublic]:
    """The visible cases with their expected answers (never the hidden ones)."""
    cases, expected = grader.cases_and_expected(challenge)
    shown = []
    for case in cases:
        if not case.visible:
            continue
        answer = expected[case.name]
        shown.append(ExamplePublic(
            name=case.name,
            call=f"{challenge.config.function}({preview_call(case.args, case.kwargs)})",
            expected=f"raises {answer.raises}" if answer.raises else preview(answer.value),
        ))
    return shown


def challenge_public(*, grader: Grader, challenge: Challenge) -> ChallengePublic:
    """What GET /api/challenges/{id} returns: no reference, no naive solution, no hidden case."""
    config = challenge.config
    return ChallengePublic(
        id=challenge.id, lesson=config.lesson, title=config.title, difficulty=config.difficulty,
        function=config.function, signature=config.signature, summary=config.summary, banned=list(config.banned),
        rubric_criteria=list(config.rubric.applies), statement=challenge.statement, starter=challenge.starter,
        examples=examples(grader=grader, challenge=challenge), hint_count=len(challenge.hints),
    )


def get_state(*, db: Database, token_hash: str, challenge_id: str) -> tuple[store.ChallengeState, bool]:
    """The profile's hints and give-up state, and whether an accepted submit unlocks the reference."""
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        if profile_id is None:
            return store.ChallengeState(challenge_id, 0, None), False
        state = store.get_state(conn, profile_id=profile_id, challenge_id=challenge_id)
        return state, store.has_accepted_submit(conn, profile_id=profile_id, challenge_id=challenge_id)


def refuse_practice_help(*, db: Database, token_hash: str, challenge_id: str, action: str) -> None:
    """403 while this profile is the candidate of a live session with hints off that includes the challenge."""
    with db.read() as conn:
        sessions = store.live_sessions_of_candidate(conn, token_hash=token_hash)
    if any(not s.hints_allowed and challenge_id in s.challenges for s in sessions):
        raise ForbiddenError(f"You are the candidate in a mock interview with hints off, and this challenge is "
                             f"part of it: {action} opens again once the interview ends.")


def reveal_hint(*, db: Database, challenge: Challenge, token_hash: str) -> list[str]:
    """Reveal the next hint tier (one at a time) and return every hint revealed so far."""
    refuse_practice_help(db=db, token_hash=token_hash, challenge_id=challenge.id, action="practice hints")
    with db.write() as conn:
        profile_id = store.ensure_profile(conn, token_hash=token_hash)
        state = store.get_state(conn, profile_id=profile_id, challenge_id=challenge.id)
        if state.hints_revealed >= len(challenge.hints):
            raise ConflictError(f"All {len(challenge.hints)} hints are already shown.")
        state = store.ChallengeState(challenge.id, state.hints_revealed + 1, state.gave_up_at)
        store.save_state(conn, profile_id=profile_id, state=state)
    return list(challenge.hints[: state.hints_revealed])


def give_up(*, db: Database, challenge: Challenge, token_hash: str) -> str:
    """Record that the candidate gave up, and return the reference solution."""
    refuse_practice_help(db=db, token_hash=token_hash, challenge_id=challenge.id, action="giving up")
    with db.write() as conn:
        profile_id = store.ensure_profile(conn, token_hash=token_hash)
        state = store.get_state(conn, profile_id=profile_id, challenge_id=challenge.id)
        if state.gave_up_at is None:
            store.save_state(conn, profile_id=profile_id,
                             state=store.ChallengeState(challenge.id, state.hints_revealed, store.utcnow()))
    return challenge.reference_code


def solution(*, db: Database, challenge: Challenge, token_hash: str) -> str:
    refuse_practice_help(db=db, token_hash=token_hash, challenge_id=challenge.id,
                                    action="the reference solution")
    state, solved = get_state(db=db, token_hash=token_hash, challenge_id=challenge.id)
    if not solved and state.gave_up_at is None:
        raise ForbiddenError("The reference solution opens after an accepted submit, or once you give up.")
    return challenge.reference_code


def check_arguments(arguments: str | None) -> str:
    """The custom input, refused before it reaches a sandbox when there is nothing to read."""
    if arguments is None or not arguments.strip():
        raise InvalidInputError('Type the arguments to call your function with, as in a call: '
                                '{"code": "...", "arguments": "np.array([[1.0, 2.0]]), axis=0"}.')
    if "\x00" in arguments:
        raise InvalidInputError("The arguments contain a NUL character; remove it.")
    try:
        arguments.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError("The arguments are not valid Unicode (an unpaired surrogate).") from None
    return arguments


def try_input(*, grader: Grader, challenge: Challenge, code: str, arguments: str) -> CustomRunPublic:
    """Blocking: call from a grading thread. Your function and the reference on your own input."""
    try:
        return run_custom_input(grader.sandbox, challenge, code, arguments, limits=challenge_limits(challenge))
    except QueueFullError:
        raise BusyError("Every sandbox slot is busy; retry in a few seconds.", retry_after_seconds=2,
                        queue_depth=grader.sandbox.queue_depth) from None
