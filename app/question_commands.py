"""`arraydojo questions export|import`: a question to a challenge folder and back, from the command line.

An operator's tool: it opens the database named by ARRAYDOJO_DATABASE_URL, so it may export any
question by id; an import belongs to the account named by email and is validated in the sandbox
exactly as the API validates it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.database import Database


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    questions = commands.add_parser("questions", help="export or import an author's question as a challenge folder")
    actions = questions.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write a question's folder (challenge.toml, tests.py, ...)")
    export.add_argument("id", help="the question's id, e.g. q_12")
    export.add_argument("folder", type=Path)
    load = actions.add_parser("import", help="validate a folder in the sandbox and save it as a question")
    load.add_argument("folder", type=Path)
    load.add_argument("--account", required=True, help="the email of the account that will own it")


def run(options: argparse.Namespace) -> int:
    from app.config import Settings
    from app.database import Database
    from app.errors import AppError

    db = Database(Settings().database_url)
    db.migrate()
    try:
        if options.action == "export":
            return _export(db, options.id, options.folder)
        return _import(db, options.folder, options.account)
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2


def _export(db: Database, question_id: str, folder: Path) -> int:
    from app import store
    from app.question_folder import folder_files, write_folder
    from app.questions_models import QuestionDraft
    from app.services.questions import parse_question_id, public_id

    with db.read() as conn:
        row = store.get_question(conn, question_id=parse_question_id(question_id))
    if row is None:
        print(f"error: no question {question_id!r}", file=sys.stderr)
        return 2
    write_folder(folder_files(QuestionDraft.model_validate(row.draft), public_id(row.id)), folder)
    print(f"{public_id(row.id)} written to {folder}")
    return 0


def _import(db: Database, folder: Path, email: str) -> int:
    from app import store
    from app.services.accounts import normalize_email
    from app.services.questions import LocalValidator, import_folder
    from sandbox import Sandbox

    with db.read() as conn:
        account = store.find_account(conn, email=normalize_email(email))
    if account is None:
        print(f"error: no account with the email {email!r}; sign up first", file=sys.stderr)
        return 2
    with Sandbox(slots=1) as sandbox:
        created = import_folder(db=db, validator=LocalValidator(sandbox), account=account, folder=folder)
    print(f"{created.id} imported for {account.email}")
    return 0
