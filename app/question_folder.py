"""A question as a challenge folder (files, or a zip of them) and back: the format of `challenges/<id>/`.

Imports are hostile: a zip is read entry by entry with every size counted as it is inflated
(never trusting the sizes its headers claim), only the folder's known file names are taken, and
a path out of the folder, a link, a duplicate, an encrypted entry or one file too many is refused.
"""

from __future__ import annotations

import io
import json
import re
import stat
import tomllib
import zipfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.questions_models import QuestionDraft

FILE_NAMES = ("challenge.toml", "statement.md", "starter.py", "reference.py", "tests.py", "naive.py", "hints.md",
              "followups.md")
REQUIRED_NAMES = ("challenge.toml", "statement.md", "reference.py", "tests.py")
MAX_FILE_BYTES = 256 * 1024
MAX_TOTAL_BYTES = 1024 * 1024
MAX_ENTRIES = 32  # the eight files, a folder entry, and room for stray files a zip tool adds (refused by name)
_CHUNK = 64 * 1024


class FolderRefused(Exception):
    """The folder or zip cannot be read as a question; the message says which file and why."""


def folder_files(draft: QuestionDraft, question_id: str) -> dict[str, str]:
    """The challenge folder's files for this draft (naive.py only when it has one)."""
    files = {
        "challenge.toml": _challenge_toml(draft, question_id),
        "statement.md": draft.statement,
        "starter.py": draft.starter,
        "reference.py": draft.reference,
        "tests.py": draft.generator,
        "hints.md": "".join(f"## Hint {n}\n\n{text.strip()}\n\n" for n, text in enumerate(draft.hints, 1)),
        "followups.md": "".join(f"- {text}\n" for text in draft.followups),
    }
    if draft.naive:
        files["naive.py"] = draft.naive
    return files


def _challenge_toml(draft: QuestionDraft, question_id: str) -> str:
    def q(value: str) -> str:  # a JSON string is a valid TOML basic string
        return json.dumps(value)

    lines = [
        f"# Exported from ArrayDojo question {question_id}.",
        f"id = {q(question_id.replace('_', '-'))}",
        f"title = {q(draft.title)}",
        f"difficulty = {q(draft.difficulty)}",
        f"function = {q(draft.function)}",
        f"signature = {q(draft.signature)}",
        f"summary = {q(draft.summary)}",
        f"rtol = {draft.rtol!r}",
        f"atol = {draft.atol!r}",
        "",
        "[rubric]",
        f"applies = [{', '.join(q(c) for c in draft.criteria)}]",
        "",
        "[rubric.probes]",
        *(f"{criterion} = [{', '.join(q(n) for n in names)}]" for criterion, names in draft.probes.items()),
        "",
        "[timing]",
        f"sizes = [{', '.join(map(str, draft.timing_sizes))}]",
        f"loop_sizes = [{', '.join(map(str, draft.loop_sizes))}]",
    ]
    return "\n".join(lines) + "\n"


def draft_from_files(files: dict[str, str]) -> QuestionDraft:
    """A draft from a folder's files; a built-in challenge folder reads too (its lesson, banned names,
    limits and offset probe are not part of a question and are left out)."""
    missing = [name for name in REQUIRED_NAMES if name not in files]
    if missing:
        raise FolderRefused(f"missing {', '.join(missing)}: a question folder has {', '.join(REQUIRED_NAMES)} "
                            "(and optionally starter.py, naive.py, hints.md, followups.md)")
    try:
        config = tomllib.loads(files["challenge.toml"])
    except tomllib.TOMLDecodeError as exc:
        raise FolderRefused(f"challenge.toml: invalid TOML: {exc}") from None
    rubric = _table(config, "rubric")
    timing = _table(config, "timing")
    fields: dict[str, Any] = {
        key: config[key] for key in ("title", "summary", "difficulty", "function", "signature", "rtol", "atol")
        if key in config
    }
    fields |= {
        "statement": files["statement.md"], "starter": files.get("starter.py", ""),
        "reference": files["reference.py"], "generator": files["tests.py"], "naive": files.get("naive.py") or None,
        "hints": _sections(files.get("hints.md", "")), "followups": _bullets(files.get("followups.md", "")),
    }
    if "applies" in rubric:
        fields["criteria"] = rubric["applies"]
    if "probes" in rubric:
        fields["probes"] = rubric["probes"]
    if "sizes" in timing:
        fields["timing_sizes"] = timing["sizes"]
    if "loop_sizes" in timing:
        fields["loop_sizes"] = timing["loop_sizes"]
    try:
        return QuestionDraft.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "challenge.toml"
        raise FolderRefused(f"{where}: {first['msg']}") from None


def _table(config: dict[str, Any], name: str) -> dict[str, Any]:
    value = config.get(name, {})
    if not isinstance(value, dict):
        raise FolderRefused(f"challenge.toml: [{name}] must be a table")
    return value


def _sections(text: str) -> list[str]:
    parts = re.split(r"^## .*$", text, flags=re.MULTILINE)[1:]
    return [part.strip() for part in parts if part.strip()]


def _bullets(text: str) -> list[str]:
    return [m.strip() for m in re.findall(r"^- (.+)$", text, flags=re.MULTILINE)]


def zip_files(files: dict[str, str], folder: str) -> bytes:
    """The files as a zip of one folder (what GET /api/questions/{id}/export sends)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            entry = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2026, 1, 1, 0, 0, 0))
            entry.external_attr = (stat.S_IFREG | 0o644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text)
    return buffer.getvalue()


def read_zip(data: bytes) -> dict[str, str]:
    """The question files in a hostile zip: every entry checked before a byte of it is trusted."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise FolderRefused(f"not a readable zip file ({exc})") from None
    if len(entries) > MAX_ENTRIES:
        raise FolderRefused(f"the zip has {len(entries)} entries; a question folder has at most {len(FILE_NAMES)} "
                            f"files (limit {MAX_ENTRIES} entries)")
    files: dict[str, str] = {}
    total = 0
    with archive:
        for entry in entries:
            name = _entry_name(entry)
            if name is None:
                continue  # the folder itself
            if name in files:
                raise FolderRefused(f"{name} appears twice in the zip")
            data_read = _read_entry(archive, entry, name, MAX_TOTAL_BYTES - total)
            total += len(data_read)
            files[name] = _text(data_read, name)
    return files


def _entry_name(entry: zipfile.ZipInfo) -> str | None:
    """The file's name inside the one folder; refuses paths out of it, links, devices and unknown files."""
    raw = entry.filename
    if "\\" in raw or "\x00" in raw or raw.startswith("/") or re.match(r"^[A-Za-z]:", raw):
        raise FolderRefused(f"{raw[:80]!r}: absolute paths and backslashes are not allowed in the zip")
    parts = [part for part in raw.split("/") if part]
    if any(part in (".", "..") for part in parts):
        raise FolderRefused(f"{raw[:80]!r}: a path out of the folder is not allowed")
    mode = entry.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise FolderRefused(f"{raw[:80]!r} is a symbolic link; put the file itself in the zip")
    if entry.flag_bits & 0x1:
        raise FolderRefused(f"{raw[:80]!r} is encrypted")
    if entry.is_dir():
        if len(parts) > 1:
            raise FolderRefused(f"{raw[:80]!r}: a question folder has no subfolders")
        return None
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # zip tools often leave the type bits unset
        raise FolderRefused(f"{raw[:80]!r} is not a regular file")
    if len(parts) > 2 or not parts:
        raise FolderRefused(f"{raw[:80]!r}: files must be at the top of the zip or in one folder")
    if parts[-1] not in FILE_NAMES:
        raise FolderRefused(f"{parts[-1][:80]!r} is not a question file; expected only {', '.join(FILE_NAMES)}")
    return parts[-1]


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, room: int) -> bytes:
    """Inflate at most the limit (+1 byte to know it was passed), whatever the header claims."""
    limit = min(MAX_FILE_BYTES, room)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(entry) as stream:
            while size <= limit:
                chunk = stream.read(min(_CHUNK, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise FolderRefused(f"{name} cannot be read from the zip ({exc})") from None
    if size > limit:
        raise FolderRefused(f"{name} is larger than {MAX_FILE_BYTES // 1024} KiB, or the files together are larger "
                            f"than {MAX_TOTAL_BYTES // 1024} KiB")
    return b"".join(chunks)


def _text(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FolderRefused(f"{name} is not UTF-8 text") from None
    if "\x00" in text:
        raise FolderRefused(f"{name} contains a NUL character")
    return text


def read_folder(folder: Path) -> dict[str, str]:
    """The question files of a folder on disk (the CLI's import): regular files only, each bounded."""
    if not folder.is_dir():
        raise FolderRefused(f"{folder} is not a folder")
    files: dict[str, str] = {}
    total = 0
    for name in FILE_NAMES:
        path = folder / name
        if path.is_symlink():
            raise FolderRefused(f"{path} is a symbolic link; copy the file itself into the folder")
        if not path.exists():
            continue
        if not path.is_file():
            raise FolderRefused(f"{path} is not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        total += len(data)
        if len(data) > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
            raise FolderRefused(f"{path} is larger than {MAX_FILE_BYTES // 1024} KiB, or the files together are "
                                f"larger than {MAX_TOTAL_BYTES // 1024} KiB")
        files[name] = _text(data, name)
    return files


def write_folder(files: dict[str, str], folder: Path) -> None:
    """Write the files into `folder` (created; an existing file there is replaced, nothing else is touched)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
