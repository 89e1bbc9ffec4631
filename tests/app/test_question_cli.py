"""`arraydojo questions export|import` on a real SQLite file, validated in the real sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.catalog import DEFAULT_CHALLENGES_DIR
from app.database import Database
from app.services.accounts import AccountCreate, create_account

EMAIL = "author@example.com"


def arraydojo(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARRAYDOJO_DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run([sys.executable, "-m", "app.cli", "questions", *args], env=env, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "arraydojo.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    create_account(db=db, body=AccountCreate(email=EMAIL, password="correct horse battery staple",
                                             display_name="Ada"), session_days=1)
    return path


@pytest.mark.slow
def test_a_built_in_folder_imports_then_exports_to_the_same_files(database: Path, tmp_path: Path) -> None:
    source = DEFAULT_CHALLENGES_DIR / "cosine-similarity-matrix"
    imported = arraydojo(database, "import", str(source), "--account", EMAIL)
    assert imported.returncode == 0, imported.stderr
    question_id = imported.stdout.split()[0]
    assert question_id.startswith("q_")
    out = tmp_path / "exported"
    exported = arraydojo(database, "export", question_id, str(out))
    assert exported.returncode == 0, exported.stderr
    for name in ("statement.md", "starter.py", "reference.py", "tests.py", "naive.py"):
        assert (out / name).read_text() == (source / name).read_text(), name
    again = arraydojo(database, "import", str(out), "--account", EMAIL)  # what it exports imports again
    assert again.returncode == 0, again.stderr


def test_an_import_is_refused_with_the_reason_and_exit_code_2(database: Path, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "challenge.toml").write_text('title = "T"\nsummary = "S"\nfunction = "f"\nsignature = "f(x)"\n'
                                           '[rubric]\napplies = []\n')
    (folder / "statement.md").write_text("Do it.")
    (folder / "reference.py").write_text("def f(x):\n    return x +\n")
    (folder / "tests.py").write_text("from app.cases import Case\n\n\ndef cases():\n"
                                     "    return [Case('one', (1,), visible=True)]\n")
    result = arraydojo(database, "import", str(folder), "--account", EMAIL)
    assert result.returncode == 2
    assert "does not compile" in result.stderr


def test_a_symlinked_file_is_refused(database: Path, tmp_path: Path) -> None:
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "challenge.toml").symlink_to("/etc/hostname")
    result = arraydojo(database, "import", str(folder), "--account", EMAIL)
    assert result.returncode == 2
    assert "symbolic link" in result.stderr


@pytest.mark.slow
def test_unknown_account_and_unknown_question_exit_2(database: Path, tmp_path: Path) -> None:
    assert "no account" in arraydojo(database, "import", str(tmp_path), "--account", "x@example.com").stderr
    assert "no question" in arraydojo(database, "export", "q_404", str(tmp_path / "out")).stderr
