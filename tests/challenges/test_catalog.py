"""The catalog matches the contract in ../shared/CATALOG.md, and every folder loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.catalog import CatalogError, load_catalog, load_challenge

# The contract lives in shared/, beside the repository (CI lays a copy there too).
_CANDIDATES = [Path(__file__).resolve().parents[3] / "shared" / "CATALOG.md", Path("/work/shared/CATALOG.md")]
CONTRACT = next((p for p in _CANDIDATES if p.is_file()), _CANDIDATES[0])


def _contract_rows() -> dict[str, tuple[int, str]]:
    """id -> (lesson, signature) as the contract writes them."""
    rows: dict[str, tuple[int, str]] = {}
    lesson = 0
    for line in CONTRACT.read_text().splitlines():
        heading = re.match(r"^## Lesson (\d+)", line)
        if heading:
            lesson = int(heading[1])
        row = re.match(r"^\| `([a-z0-9-]+)` \| `([^`]+)` \|", line)
        if row:
            rows[row[1]] = (lesson, row[2])
    return rows


@pytest.fixture(scope="module")
def contract() -> dict[str, tuple[int, str]]:
    if not CONTRACT.is_file():
        pytest.fail(f"the catalog contract is missing; looked in {', '.join(map(str, _CANDIDATES))}")
    return _contract_rows()


def test_contract_lists_33_challenges(contract: dict[str, tuple[int, str]]) -> None:
    assert len(contract) == 33


def test_catalog_has_exactly_the_contracts_ids(contract: dict[str, tuple[int, str]]) -> None:
    assert sorted(load_catalog().ids) == sorted(contract)


def test_every_signature_and_lesson_matches_the_contract(contract: dict[str, tuple[int, str]]) -> None:
    for challenge in load_catalog():
        lesson, signature = contract[challenge.id]
        assert challenge.config.signature == signature, challenge.id
        assert challenge.config.lesson == lesson, challenge.id
        assert signature.startswith(challenge.config.function + "("), challenge.id


def test_every_starter_defines_the_function_with_the_contracts_parameters() -> None:
    import ast

    for challenge in load_catalog():
        tree = ast.parse(challenge.starter)
        functions = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == challenge.config.function]
        assert functions, challenge.id
        contract_args = ast.parse(f"def {challenge.config.signature}: pass").body[0].args  # type: ignore[attr-defined]
        assert ast.dump(functions[0].args) == ast.dump(contract_args), challenge.id


def test_eight_lessons_load_with_titles() -> None:
    lessons = load_catalog().lessons()
    assert [lesson.number for lesson in lessons] == list(range(1, 9))
    assert all(lesson.title for lesson in lessons)


def test_every_lesson_2_to_7_links_each_of_its_challenges() -> None:
    catalog = load_catalog()
    for number in range(2, 8):
        body = catalog.lesson(number).body
        for challenge in catalog.in_lesson(number):
            assert f"/challenges/{challenge.id}" in body, (number, challenge.id)


def test_malformed_folder_fails_naming_file_and_field(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "challenges" / "softmax"
    folder = tmp_path / "softmax"
    folder.mkdir()
    for item in source.iterdir():
        (folder / item.name).write_text(item.read_text())
    toml = folder / "challenge.toml"
    toml.write_text(toml.read_text().replace('difficulty = "easy"', 'difficulty = "trivial"'))
    with pytest.raises(CatalogError, match=r"challenge.toml: field 'difficulty'"):
        load_challenge(folder)


def test_missing_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "softmax"
    folder.mkdir()
    with pytest.raises(CatalogError, match=r"softmax/challenge.toml: missing required file"):
        load_challenge(folder)
