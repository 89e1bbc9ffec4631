"""Authors' own questions: validated in the sandbox before every save, private to their account.

The author's generator and reference run only in sandbox jobs (app/question_jobs.py); what they
derive (the cases and the reference's answers) is stored with the draft, so grading a question
later runs no author code in the server either. Deleting a question marks it deleted: sessions
that used it keep grading and reporting with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app import store
from app.database import Database
from app.errors import BusyError, ConflictError, InvalidInputError, NotFoundError
from app.question_challenge import QuestionChallenge, StoredQuestion, question_challenge
from app.question_folder import FolderRefused, draft_from_files, folder_files, read_folder, read_zip, zip_files
from app.question_validation import Derived, QuestionRefused, derive_question
from app.questions_models import (
    QUESTION_ID_PREFIX,
    QuestionCreated,
    QuestionDraft,
    QuestionPublic,
    QuestionSummary,
    QuestionValidation,
    is_question_id,
)
from sandbox import QueueFullError, Sandbox

MAX_QUESTIONS_PER_ACCOUNT = 200


class QuestionValidator(Protocol):
    """Where a draft's code runs to be validated: this host's sandbox, or a grading worker's."""

    def __call__(self, draft: QuestionDraft) -> Derived:
        """What the sandbox derived; raises QuestionRefused (the author's fault) or QueueFullError / TimeoutError."""


@dataclass(frozen=True)
class LocalValidator:
    """Validates in this process's own sandbox (the embedded default, and the CLI)."""

    sandbox: Sandbox

    def __call__(self, draft: QuestionDraft) -> Derived:
        return derive_question(self.sandbox, draft)


def validate_question(*, validator: QuestionValidator, draft: QuestionDraft) -> Derived:
    """Run the author's generator and reference in the sandbox; refuse (422) with the reason when they fail."""
    try:
        return validator(draft)
    except QuestionRefused as refused:
        raise InvalidInputError(f"The question was not saved: {refused}", extra={"reason": str(refused)}) from None
    except (QueueFullError, TimeoutError):
        raise BusyError("Every sandbox slot is busy checking code; retry in a few seconds.",
                        retry_after_seconds=2, queue_depth=0) from None


def parse_question_id(question_id: str) -> int:
    """The row id of `q_<n>`; anything else is a question that does not exist."""
    if not is_question_id(question_id):
        raise _not_found(question_id)
    return int(question_id[len(QUESTION_ID_PREFIX):])


def _not_found(question_id: str) -> NotFoundError:
    return NotFoundError(f"No question {question_id[:40]!r} in your account. Your questions are listed at "
                         "/api/questions.")


def public_id(row_id: int) -> str:
    return f"{QUESTION_ID_PREFIX}{row_id}"


def create_question(*, db: Database, validator: QuestionValidator, account: store.Account, draft: QuestionDraft
                    ) -> QuestionCreated:
    with db.read() as conn:
        count = store.count_questions(conn, account_id=account.id)
    if count >= MAX_QUESTIONS_PER_ACCOUNT:
        raise ConflictError(f"Your account has {count} questions, the most it may keep; delete one first.")
    derived = validate_question(validator=validator, draft=draft)
    with db.write() as conn:
        row_id = store.create_question(conn, account_id=account.id, draft=draft.model_dump(mode="json"),
                                       validation=_stored_validation(derived), cases=derived.cases_bytes(),
                                       expected=derived.expected_bytes())
    return QuestionCreated(id=public_id(row_id))


def update_question(*, db: Database, validator: QuestionValidator, account: store.Account, question_id: str,
                    draft: QuestionDraft) -> QuestionPublic:
    row_id = parse_question_id(question_id)
    with db.read() as conn:
        if store.get_question(conn, question_id=row_id, account_id=account.id) is None:
            raise _not_found(question_id)  # before the sandbox runs: another account's id costs no jobs
    derived = validate_question(validator=validator, draft=draft)
    with db.write() as conn:
        if not store.update_question(conn, account_id=account.id, question_id=row_id,
                                     draft=draft.model_dump(mode="json"), validation=_stored_validation(derived),
                                     cases=derived.cases_bytes(), expected=derived.expected_bytes()):
            raise _not_found(question_id)
    return get_question(db=db, account=account, question_id=question_id)


def _stored_validation(derived: Derived) -> dict[str, object]:
    return derived.validation.model_dump(mode="json") | {
        "has_sized_input": derived.has_sized_input, "has_loop_input": derived.has_loop_input}


def _own_row(db: Database, account: store.Account, question_id: str) -> store.Question:
    row_id = parse_question_id(question_id)
    with db.read() as conn:
        row = store.get_question(conn, question_id=row_id, account_id=account.id)
    if row is None:
        raise _not_found(question_id)
    return row


def get_question(*, db: Database, account: store.Account, question_id: str) -> QuestionPublic:
    row = _own_row(db, account, question_id)
    return QuestionPublic(id=public_id(row.id), draft=QuestionDraft.model_validate(row.draft),
                          validation=QuestionValidation.model_validate(row.validation),
                          created_at=row.created_at, updated_at=row.updated_at)


def list_questions(*, db: Database, account: store.Account) -> list[QuestionSummary]:
    with db.read() as conn:
        rows = store.list_questions(conn, account_id=account.id)
    return [QuestionSummary(id=public_id(row.id), title=row.draft["title"], summary=row.draft["summary"],
                            difficulty=row.draft["difficulty"], function=row.draft["function"],
                            case_count=row.validation["case_count"], visible_count=row.validation["visible_count"],
                            created_at=row.created_at, updated_at=row.updated_at) for row in rows]


def delete_question(*, db: Database, account: store.Account, question_id: str) -> None:
    """Marked deleted, not removed: sessions that used it keep working (their reports too)."""
    row_id = parse_question_id(question_id)
    with db.write() as conn:
        if not store.delete_question(conn, account_id=account.id, question_id=row_id):
            raise _not_found(question_id)


def owned_question_ids(*, db: Database, owner_id: int | None, ids: list[str]) -> frozenset[str]:
    """Which of these ids are the owner's live questions (a session may use only those)."""
    if owner_id is None:
        return frozenset()
    owned = set()
    with db.read() as conn:
        for question_id in ids:
            if is_question_id(question_id) and store.get_question(
                    conn, question_id=parse_question_id(question_id), account_id=owner_id) is not None:
                owned.add(question_id)
    return frozenset(owned)


# Export and import

def export_files(*, db: Database, account: store.Account, question_id: str) -> dict[str, str]:
    row = _own_row(db, account, question_id)
    return folder_files(QuestionDraft.model_validate(row.draft), public_id(row.id))


def export_zip(*, db: Database, account: store.Account, question_id: str) -> bytes:
    return zip_files(export_files(db=db, account=account, question_id=question_id), question_id)


def import_zip(*, db: Database, validator: QuestionValidator, account: store.Account, data: bytes
               ) -> QuestionCreated:
    """A zip of a question folder (or of a built-in challenge's), validated in the sandbox like a create."""
    return _import(db=db, validator=validator, account=account, read=lambda: read_zip(data), source="zip")


def import_folder(*, db: Database, validator: QuestionValidator, account: store.Account, folder: Path
                  ) -> QuestionCreated:
    return _import(db=db, validator=validator, account=account, read=lambda: read_folder(folder), source="folder")


def _import(*, db: Database, validator: QuestionValidator, account: store.Account,
            read: Callable[[], dict[str, str]], source: str) -> QuestionCreated:
    try:
        draft = draft_from_files(read())
    except FolderRefused as refused:
        raise InvalidInputError(f"The {source} was not imported: {refused}.") from None
    return create_question(db=db, validator=validator, account=account, draft=draft)


# Sessions and grading

def stored_question(row: store.Question) -> StoredQuestion:
    return StoredQuestion(
        id=public_id(row.id), revision=row.revision, draft=QuestionDraft.model_validate(row.draft),
        cases=StoredQuestion.pack(row.cases), expected=StoredQuestion.pack(row.expected),
        has_sized_input=bool(row.validation.get("has_sized_input")),
        has_loop_input=bool(row.validation.get("has_loop_input")),
        has_memory_probe=bool(row.validation.get("has_memory_probe")))


class QuestionLoader:
    """Finds a question by id for sessions and grading (deleted ones too), cached per revision."""

    def __init__(self, db: Database, sandbox: Sandbox, *, max_cached: int = 16) -> None:
        self.db, self.sandbox, self.max_cached = db, sandbox, max_cached
        self._cache: dict[str, QuestionChallenge] = {}
        self._lock = threading.Lock()

    def __call__(self, question_id: str) -> QuestionChallenge | None:
        if not is_question_id(question_id):
            return None
        row_id = parse_question_id(question_id)
        with self.db.read() as conn:
            revision = store.question_revision(conn, question_id=row_id)
        if revision is None:
            return None
        with self._lock:
            cached = self._cache.get(question_id)
        if cached is not None and cached.question.revision == revision:
            return cached
        with self.db.read() as conn:
            row = store.get_question(conn, question_id=row_id, include_deleted=True)
        if row is None:
            return None
        challenge = question_challenge(stored_question(row), self.sandbox)
        with self._lock:
            if len(self._cache) >= self.max_cached:
                self._cache.pop(next(iter(self._cache)))
            self._cache[question_id] = challenge
        return challenge
