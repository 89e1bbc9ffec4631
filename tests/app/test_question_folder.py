"""The question folder format: a draft to files and back, and what a hostile zip cannot do (no server needed)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from app.catalog import DEFAULT_CHALLENGES_DIR
from app.question_folder import (
    MAX_FILE_BYTES,
    FolderRefused,
    draft_from_files,
    folder_files,
    read_folder,
    read_zip,
    zip_files,
)
from app.questions_models import QuestionDraft
from tests.app._questions import draft


@pytest.mark.parametrize("changes", [
    {},
    {"naive": None, "hints": [], "followups": [], "starter": "", "criteria": [], "probes": {}},
    {"title": 'Quotes " and \\ backslashes, ünïcode, and a tab\t', "rtol": 0.0, "atol": 1.5e-300},
    {"hints": ["  one  ", "two\n\nparagraphs"], "followups": ["  a follow-up  "]},
])
def test_a_draft_survives_the_folder_and_the_zip(changes: dict[str, object]) -> None:
    original = QuestionDraft.model_validate(draft(**changes))
    files = folder_files(original, "q_3")
    assert draft_from_files(files) == original
    assert draft_from_files(read_zip(zip_files(files, "q_3"))) == original


def test_every_built_in_folder_reads_as_a_draft() -> None:
    for folder in sorted(p for p in DEFAULT_CHALLENGES_DIR.iterdir() if p.is_dir()):
        question = draft_from_files(read_folder(folder))
        assert question.reference == (folder / "reference.py").read_text()
        assert len(question.hints) == 3


def test_a_blank_naive_loop_is_no_naive_loop() -> None:
    assert QuestionDraft.model_validate(draft(naive="  \n")).naive is None


@pytest.mark.parametrize(("changes", "words"), [
    ({"followups": ["two\nlines"]}, "one line"),
    ({"hints": ["text\n## a heading"]}, "heading"),
])
def test_what_the_folder_cannot_carry_is_refused_in_the_draft(changes: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        QuestionDraft.model_validate(draft(**changes))


def test_a_zip_bomb_is_stopped_at_the_limit_whatever_its_header_says() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("q/tests.py", b"#" * (200 * 1024 * 1024))  # 200 MB that compress to about 200 KB
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    # Lie in the central directory: claim the entry is small.
    patched = data.replace((200 * 1024 * 1024).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    for payload in (data, patched):
        with pytest.raises(FolderRefused, match=r"larger than|cannot be read"):
            read_zip(payload)


def test_a_file_just_under_the_limit_is_read() -> None:
    files = read_zip(zip_files({"tests.py": "#" * (MAX_FILE_BYTES - 1)}, "q"))
    assert len(files["tests.py"]) == MAX_FILE_BYTES - 1


def test_a_folder_with_a_symlink_or_a_subfolder_in_place_of_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reference.py").symlink_to("/etc/hostname")
    with pytest.raises(FolderRefused, match="symbolic link"):
        read_folder(tmp_path)
    (tmp_path / "reference.py").unlink()
    (tmp_path / "reference.py").mkdir()
    with pytest.raises(FolderRefused, match="not a regular file"):
        read_folder(tmp_path)
