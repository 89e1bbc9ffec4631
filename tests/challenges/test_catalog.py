"""The catalog stands alone: every challenge folder's own challenge.toml is the source of truth.

Nothing here names a count, a lesson range or a file outside the repository: the numbers
come from the folders themselves, so adding a challenge or a lesson needs no edit here.
"""

from __future__ import annotations

import ast
import re
import typing
from collections import Counter
from pathlib import Path

import pytest

from app.catalog import (
    DEFAULT_CHALLENGES_DIR,
    DEFAULT_LESSONS_DIR,
    CatalogError,
    Challenge,
    ChallengeConfig,
    load_catalog,
    load_challenge,
)

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = sorted(p for p in DEFAULT_CHALLENGES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
CATALOG = load_catalog()
CHALLENGES = list(CATALOG)
IDS = [c.id for c in CHALLENGES]


def _parameters(source: str, function: str, where: str) -> ast.arguments:
    """The parameter list of `function` as defined at the top level of `source`."""
    tree = ast.parse(source, filename=where)
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
    assert found, f"{where} defines no top-level function {function}()"
    return found[0].args


def _signature_parameters(challenge: Challenge) -> ast.arguments:
    return _parameters(f"def {challenge.config.signature}: pass", challenge.config.function, "challenge.toml")


def test_every_folder_loads_into_the_catalog() -> None:
    assert FOLDERS, f"no challenge folders under {DEFAULT_CHALLENGES_DIR.name}/"
    for folder in FOLDERS:
        load_challenge(folder)  # raises CatalogError naming the file and the field
    assert sorted(IDS) == sorted(folder.name for folder in FOLDERS)


def test_ids_are_unique_and_match_their_folder_names() -> None:
    duplicates = [name for name, count in Counter(IDS).items() if count > 1]
    assert not duplicates
    for challenge in CHALLENGES:
        assert challenge.folder.name == challenge.id


def test_function_names_are_unique() -> None:
    functions = Counter(c.config.function for c in CHALLENGES)
    assert not [name for name, count in functions.items() if count > 1]


@pytest.mark.parametrize("challenge", CHALLENGES, ids=IDS)
@pytest.mark.parametrize("file", ["starter.py", "reference.py", "naive.py"])
def test_every_solution_file_takes_exactly_the_signatures_parameters(challenge: Challenge, file: str) -> None:
    source = (challenge.folder / file).read_text()
    defined = _parameters(source, challenge.config.function, f"{challenge.id}/{file}")
    assert ast.dump(defined) == ast.dump(_signature_parameters(challenge)), (
        f"{challenge.id}/{file}: parameters differ from challenge.toml's {challenge.config.signature}"
    )


@pytest.mark.parametrize("challenge", CHALLENGES, ids=IDS)
def test_probes_name_cases_that_exist(challenge: Challenge) -> None:
    names = {case.name for case in challenge.cases()}
    probe = challenge.memory_probe()
    if probe is not None:
        names.add(probe.name)
    for criterion, probes in challenge.config.rubric.probes.items():
        missing = sorted(set(probes) - names)
        assert not missing, f"{challenge.id}: [rubric.probes] {criterion} names no case {missing}"


def test_lessons_are_numbered_from_one_without_gaps() -> None:
    numbers = [lesson.number for lesson in CATALOG.lessons()]
    assert numbers, f"no lesson files under {DEFAULT_LESSONS_DIR.name}/"
    assert numbers == list(range(1, max(numbers) + 1))
    assert all(lesson.title for lesson in CATALOG.lessons())


def test_every_lesson_with_challenges_exists_and_links_each_of_them() -> None:
    lessons = {lesson.number: lesson for lesson in CATALOG.lessons()}
    for number in sorted({c.config.lesson for c in CHALLENGES}):
        assert number in lessons, f"challenges {[c.id for c in CATALOG.in_lesson(number)]} name lesson {number}, " \
            f"which has no file in {DEFAULT_LESSONS_DIR.name}/"
        unlinked = [c.id for c in CATALOG.in_lesson(number) if f"/challenges/{c.id}" not in lessons[number].body]
        assert not unlinked, f"lesson {number} does not link {unlinked}"


def test_lessons_link_only_challenges_that_exist() -> None:
    for lesson in CATALOG.lessons():
        linked = set(re.findall(r"/challenges/([a-z0-9]+(?:-[a-z0-9]+)*)", lesson.body))
        assert not sorted(linked - set(IDS)), f"lesson {lesson.number} links unknown challenges"


def test_every_difficulty_the_schema_allows_has_challenges() -> None:
    # Filters and the new-session form offer every level of the schema: none may be empty.
    levels = set(typing.get_args(ChallengeConfig.model_fields["difficulty"].annotation))
    assert levels == {c.config.difficulty for c in CHALLENGES}


def test_catalog_files_refer_to_nothing_outside_the_repository() -> None:
    # The catalog's data must stand alone: no sibling folder and no path of one machine.
    outside = re.compile(r"\.\./" + "shared" + r"|(?<![\w.])/(?:work|home|root)/")
    files = [ROOT / "README.md", *DEFAULT_LESSONS_DIR.glob("*.md"),
             *(p for folder in FOLDERS for p in folder.iterdir() if p.suffix in (".md", ".py", ".toml"))]
    offenders = [str(p.relative_to(ROOT)) for p in files if outside.search(p.read_text())]
    assert not offenders


def _copied_challenge(tmp_path: Path, challenge_id: str, folder_name: str | None = None) -> Path:
    """A copy of a built-in challenge's folder, to break one thing in."""
    folder = tmp_path / (folder_name or challenge_id)
    folder.mkdir()
    for item in (DEFAULT_CHALLENGES_DIR / challenge_id).iterdir():
        if item.is_file():
            (folder / item.name).write_text(item.read_text())
    return folder


def test_malformed_folder_fails_naming_file_and_field(tmp_path: Path) -> None:
    folder = _copied_challenge(tmp_path, CHALLENGES[0].id)
    toml = folder / "challenge.toml"
    toml.write_text(re.sub(r'(?m)^difficulty = ".*"$', 'difficulty = "trivial"', toml.read_text()))
    with pytest.raises(CatalogError, match=r"challenge.toml: field 'difficulty'"):
        load_challenge(folder)


def test_folder_whose_id_differs_from_its_name_is_refused(tmp_path: Path) -> None:
    folder = _copied_challenge(tmp_path, CHALLENGES[0].id, f"{CHALLENGES[0].id}-copy")
    with pytest.raises(CatalogError, match=r"field 'id'.*does not match the folder name"):
        load_challenge(folder)


def test_missing_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "softmax"
    folder.mkdir()
    with pytest.raises(CatalogError, match=r"softmax/challenge.toml: missing required file"):
        load_challenge(folder)


def test_an_axis_probe_without_a_middle_axis_is_refused(tmp_path: Path) -> None:
    folder = _copied_challenge(tmp_path, "softmax")
    toml = folder / "challenge.toml"
    toml.write_text(re.sub(r"(?m)^ranks = \[4, 5\]", "ranks = [2, 5]", toml.read_text()))
    with pytest.raises(CatalogError, match=r"challenge.toml.*at least 3"):
        load_challenge(folder)
