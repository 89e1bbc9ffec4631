"""A profile's progress: drafts, per-lesson and per-challenge summaries, export and import as JSON."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from app import store
from app.cases import Mode
from app.catalog import Catalog
from app.database import Database
from app.errors import InvalidInputError
from app.grading.report import GradeReport, Verdict
from app.models import ChallengeProgressPublic, ChallengeSummaryPublic, ImportCounts, LessonProgress, ProgressPublic
from app.services.challenges import list_challenges

log = logging.getLogger("arraydojo.progress")

EXPORT_FORMAT: Literal["arraydojo-progress"] = "arraydojo-progress"
EXPORT_VERSION: Literal[1] = 1


def save_draft(*, db: Database, token_hash: str, challenge_id: str, code: str) -> datetime:
    with db.write() as conn:
        profile_id = store.ensure_profile(conn, token_hash=token_hash)
        return store.save_draft(conn, profile_id=profile_id, challenge_id=challenge_id, code=code)


def get_draft(*, db: Database, token_hash: str, challenge_id: str) -> store.Draft | None:
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        if profile_id is None:
            return None
        return store.get_draft(conn, profile_id=profile_id, challenge_id=challenge_id)


def lesson_progress(*, catalog: Catalog, summaries: list[ChallengeSummaryPublic]) -> list[LessonProgress]:
    lessons = []
    for lesson in catalog.lessons():
        mine = [s for s in summaries if s.lesson == lesson.number]
        lessons.append(LessonProgress(
            number=lesson.number, slug=lesson.slug, title=lesson.title, challenges=len(mine),
            solved=sum(s.status == "solved" for s in mine), attempted=sum(s.status == "attempted" for s in mine),
        ))
    return lessons


def progress_summary(*, db: Database, catalog: Catalog, token_hash: str) -> ProgressPublic:
    summaries = list_challenges(db=db, catalog=catalog, token_hash=token_hash)
    return ProgressPublic(
        solved=sum(s.status == "solved" for s in summaries),
        attempted=sum(s.status == "attempted" for s in summaries),
        total=len(summaries),
        lessons=lesson_progress(catalog=catalog, summaries=summaries),
        challenges=[ChallengeProgressPublic(id=s.id, lesson=s.lesson, status=s.status, best_score=s.best_score,
                                            attempts=s.attempts, last_activity=s.last_activity)
                    for s in summaries],
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _code_within_limit(code: str, info: ValidationInfo) -> str:
    """Imported code obeys the live requests' size limit (the importer passes it as validation context)."""
    limit = (info.context or {}).get("max_code_bytes")
    size = len(code.encode("utf-8", "replace"))
    if limit is not None and size > limit:
        raise ValueError(f"the code is {size:,} bytes; the limit is {limit:,}")
    return code


ImportedCode = Annotated[str, AfterValidator(_code_within_limit)]
# The most rows one file may carry: a real export of years of practice is far below it.
MAX_IMPORT_ROWS = 20_000


class DraftExport(_Strict):
    challenge: str = Field(max_length=64)
    code: ImportedCode
    updated_at: AwareDatetime


class SubmissionExport(_Strict):
    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    challenge: str = Field(max_length=64)
    mode: Mode
    status: Literal["graded", "interrupted", "grading"]
    code: ImportedCode
    verdict: Verdict | None = None
    score: float | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)
    report: GradeReport | None = None
    created_at: AwareDatetime
    finished_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _graded_ones_are_complete(self) -> SubmissionExport:
        """A graded submission carries its verdict and a whole report, agreeing with each other."""
        if self.status == "graded":
            if self.verdict is None or self.report is None or self.finished_at is None:
                raise ValueError("a graded submission needs its verdict, report and finished_at")
            if self.report.verdict != self.verdict or self.report.score != self.score:
                raise ValueError("the report's verdict and score differ from the submission's")
        return self


class StateExport(_Strict):
    challenge: str = Field(max_length=64)
    hints_revealed: int = Field(ge=0, le=3)
    gave_up_at: AwareDatetime | None = None


class ProgressExport(_Strict):
    """The export file: a profile's drafts, submissions (with reports) and hint state."""

    format: Literal["arraydojo-progress"]
    version: Literal[1]
    exported_at: AwareDatetime
    drafts: list[DraftExport] = Field(default=[], max_length=MAX_IMPORT_ROWS)
    submissions: list[SubmissionExport] = Field(default=[], max_length=MAX_IMPORT_ROWS)
    challenges: list[StateExport] = Field(default=[], max_length=MAX_IMPORT_ROWS)


def _exported(attempt: store.Attempt) -> SubmissionExport | None:
    """An attempt as the export file writes it; None for a row the import would refuse (never written by us)."""
    try:
        return SubmissionExport.model_validate({
            "id": attempt.public_id, "challenge": attempt.challenge_id, "mode": attempt.mode,
            "status": attempt.status, "code": attempt.code, "verdict": attempt.verdict, "score": attempt.score,
            "report": attempt.report, "created_at": attempt.created_at, "finished_at": attempt.finished_at})
    except ValidationError:
        log.warning("attempt %s left out of an export: its stored report does not validate", attempt.public_id)
        return None


def export_progress(*, db: Database, token_hash: str) -> ProgressExport:
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        drafts = store.list_drafts(conn, profile_id=profile_id) if profile_id is not None else []
        submissions = store.list_attempts(conn, owner=store.Owner(profile_id=profile_id)) \
            if profile_id is not None else []
        states = store.list_states(conn, profile_id=profile_id) if profile_id is not None else []
    export = ProgressExport(
        format=EXPORT_FORMAT, version=EXPORT_VERSION, exported_at=store.utcnow(),
        drafts=[DraftExport(challenge=d.challenge_id, code=d.code, updated_at=d.updated_at) for d in drafts],
        submissions=[exported for s in reversed(submissions) if (exported := _exported(s)) is not None],
        challenges=[StateExport(challenge=s.challenge_id, hints_revealed=s.hints_revealed, gave_up_at=s.gave_up_at)
                    for s in states],
    )
    return export


def import_progress(*, db: Database, catalog: Catalog, token_hash: str, data: Any, max_code_bytes: int
                    ) -> ImportCounts:
    """Merge an export into this profile: newer drafts win, submissions are added once, hints only grow."""
    try:
        export = ProgressExport.model_validate(data, context={"max_code_bytes": max_code_bytes})
    except ValidationError as exc:
        details = [f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()[:10]]
        raise InvalidInputError("This is not an ArrayDojo progress file (export one from the Progress page).",
                                details=details) from None
    known = set(catalog.ids)
    counts = ImportCounts()
    with db.write() as conn:
        profile_id = store.ensure_profile(conn, token_hash=token_hash)
        for draft in export.drafts:
            if draft.challenge not in known:
                counts.skipped += 1
                continue
            current = store.get_draft(conn, profile_id=profile_id, challenge_id=draft.challenge)
            if current is None or current.updated_at < draft.updated_at:
                store.save_draft(conn, profile_id=profile_id, challenge_id=draft.challenge, code=draft.code,
                                 updated_at=draft.updated_at)
                counts.drafts += 1
        for item in export.submissions:
            if item.challenge not in known:
                counts.skipped += 1
                continue
            status = store.INTERRUPTED if item.status == store.GRADING else item.status
            attempt = store.Attempt(
                id=0, public_id=item.id, owner=store.Owner(profile_id=profile_id), challenge_id=item.challenge,
                mode=item.mode, is_automatic=False, status=status, code=item.code, verdict=item.verdict,
                score=item.score, report=item.report.public_dict() if item.report else None,
                created_at=item.created_at, finished_at=item.finished_at)
            counts.submissions += store.import_attempt(conn, attempt=attempt)
        for state in export.challenges:
            if state.challenge not in known:
                counts.skipped += 1
                continue
            current_state = store.get_state(conn, profile_id=profile_id, challenge_id=state.challenge)
            gave_up = [t for t in (current_state.gave_up_at, state.gave_up_at) if t is not None]
            store.save_state(conn, profile_id=profile_id, state=store.ChallengeState(
                state.challenge, max(current_state.hints_revealed, state.hints_revealed),
                min(gave_up) if gave_up else None))
            counts.challenges += 1
    return counts
