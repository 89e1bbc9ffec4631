"""app/collab.py computes what @codemirror/state computes, and refuses hostile ChangeSets with ValueError only."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.collab import ChangeSet, apply_changes, compose_changes, normalize_line_breaks, utf16_length
from tests._frontend import node_run

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES: list[dict[str, Any]] = json.loads((ROOT / "tests" / "app" / "fixtures" / "changesets.json")
                                            .read_text(encoding="utf-8"))


def _cases(*kinds: str) -> list[Any]:
    return [pytest.param(case, id=f"{case['kind']}-{index}") for index, case in enumerate(FIXTURES)
            if case["kind"] in kinds]


def _is_unicode(text: str) -> bool:
    """False when CodeMirror's result holds half a surrogate pair (JSON carried it as a lone \\ud83d)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def test_fixtures_cover_the_cases_that_matter() -> None:
    kinds = [case["kind"] for case in FIXTURES]
    assert len(FIXTURES) >= 300
    assert {"apply", "compose", "refused", "malformed", "load"} <= set(kinds)
    docs = [case["doc"] for case in FIXTURES]
    assert "" in docs
    assert any(utf16_length(doc) > len(doc) for doc in docs), "no astral character in any document"
    assert any(not _is_unicode(case["result"]) for case in FIXTURES if case["kind"] == "apply")
    assert any(sum(isinstance(part, list) for part in case["changes"]) > 1 for case in FIXTURES
               if case["kind"] == "apply"), "no multi-range ChangeSet"


@pytest.mark.parametrize("case", _cases("apply"))
def test_applying_a_changeset_gives_codemirrors_text(case: dict[str, Any]) -> None:
    changes = ChangeSet.from_json(case["changes"])
    assert changes.to_json() == case["changes"]
    if _is_unicode(case["result"]):
        assert changes.apply(case["doc"]) == case["result"]
        assert changes.new_length == utf16_length(case["result"])
    else:
        with pytest.raises(ValueError, match="split a character"):
            changes.apply(case["doc"])


@pytest.mark.parametrize("case", _cases("apply", "compose"))
def test_mapped_positions_are_codemirrors(case: dict[str, Any]) -> None:
    changes = (ChangeSet.from_json(case["changes"]) if case["kind"] == "apply"
               else ChangeSet.from_json(case["composed"]))
    assert [[pos, assoc, changes.map_pos(pos, assoc)] for pos, assoc, _ in case["mapped"]] == case["mapped"]


@pytest.mark.parametrize("case", _cases("compose"))
def test_a_composed_log_is_codemirrors_changeset(case: dict[str, Any]) -> None:
    log = [ChangeSet.from_json(changes) for changes in case["log"]]
    composed = compose_changes(log)
    assert composed.to_json() == case["composed"]
    assert composed.apply(case["doc"]) == case["result"]
    text = case["doc"]
    for changes in log:
        text = changes.apply(text)
    assert text == case["result"]


@pytest.mark.parametrize("case", _cases("refused"))
def test_changes_made_for_another_version_of_the_text_are_refused(case: dict[str, Any]) -> None:
    assert case["refused"]
    with pytest.raises(ValueError, match="pull the updates you are missing"):
        apply_changes(case["doc"], case["changes"])


@pytest.mark.parametrize("case", _cases("malformed"))
def test_json_codemirror_rejects_is_rejected(case: dict[str, Any]) -> None:
    assert case["refused"]
    with pytest.raises(ValueError, match="ChangeSet"):
        ChangeSet.from_json(case["changes"])


@pytest.mark.parametrize("case", _cases("load"))
def test_line_breaks_are_normalized_as_codemirror_loads_a_text(case: dict[str, Any]) -> None:
    assert normalize_line_breaks(case["doc"]) == case["result"]


@pytest.mark.parametrize("changes", [
    [-1], [[-2, "a"]], [1.0], [[1.5]], [False], [[True, "a"]], [float("nan")], [[0, "a\nb"]], [[0, "a\rb"]],
    [[0, ["a"]]], [[0, None]], [[0, 1]], [None], "[1]", {"0": 1}, [[[0]]],
])
def test_hostile_changeset_json_codemirror_would_take_is_refused(changes: object) -> None:
    # CodeMirror accepts any JavaScript number and trusts lines; a client can send anything.
    with pytest.raises(ValueError, match="ChangeSet"):
        ChangeSet.from_json(changes)


def test_random_json_raises_nothing_but_value_error() -> None:
    rng = random.Random(17)
    atoms: list[object] = [0, 1, 2, 3, -1, 10**30, 0.5, True, None, "", "a", "😀", "\ud83d", "\n", {}, []]

    def value(depth: int) -> object:
        if depth > 2 or rng.random() < 0.4:
            return rng.choice(atoms)
        return [value(depth + 1) for _ in range(rng.randrange(4))]

    docs = ["", "a", "ab", "😀", "a\nb", "\ud83d"]
    for _ in range(3000):
        candidate = value(0)
        try:
            changes = ChangeSet.from_json(candidate)
            changes.apply(rng.choice(docs))
            changes.map_pos(rng.randrange(4), rng.choice((-1, 1)))
        except ValueError:
            continue


def test_positions_count_utf16_code_units() -> None:
    assert utf16_length("a😀b") == 4
    assert apply_changes("a😀b", [3, [0, "!"], 1]) == "a😀!b"
    assert apply_changes("a😀b", [1, [2, "🧮"], 1]) == "a🧮b"
    assert ChangeSet.from_json([1, [2], 1]).map_pos(3) == 1


def test_a_change_that_cuts_an_emoji_in_two_is_refused() -> None:
    with pytest.raises(ValueError, match="split a character"):
        apply_changes("a😀b", [2, [1], 1])
    with pytest.raises(ValueError, match="split a character"):
        apply_changes("ab", [1, [0, "\ud83d"], 1])


def test_inserted_lines_join_with_line_feeds() -> None:
    assert apply_changes("", [[0, "def f(x):", "    return x", ""]]) == "def f(x):\n    return x\n"


def test_a_document_with_carriage_returns_is_refused_until_normalized() -> None:
    with pytest.raises(ValueError, match="normalize_line_breaks"):
        apply_changes("a\r\nb", [4])
    assert normalize_line_breaks("a\r\nb\rc\n") == "a\nb\nc\n"
    assert apply_changes(normalize_line_breaks("a\r\nb"), [3]) == "a\nb"


def test_composing_changes_of_mismatched_lengths_is_refused() -> None:
    with pytest.raises(ValueError, match="Cannot compose"):
        ChangeSet.from_json([1, [0, "x"]]).compose(ChangeSet.from_json([1]))
    with pytest.raises(ValueError, match="empty list"):
        compose_changes([])


def test_mapping_a_position_outside_the_document_is_refused() -> None:
    changes = ChangeSet.from_json([2, [0, "x"]])
    assert changes.map_pos(2, -1) == 2
    assert changes.map_pos(2, 1) == 3
    for pos in (3, -1):
        with pytest.raises(ValueError, match="Position"):
            changes.map_pos(pos)


def test_empty_changes_keep_the_text() -> None:
    assert ChangeSet.empty(0).apply("") == ""
    assert ChangeSet.empty(3).apply("a😀") == "a😀"
    assert ChangeSet.empty(3).is_empty
    assert compose_changes([ChangeSet.empty(2), ChangeSet.from_json([2, [0, "!"]])]).apply("ab") == "ab!"


def test_committed_fixtures_match_a_fresh_generation_by_codemirror() -> None:
    result = node_run("gen_changeset_fixtures.mjs", "--check")
    assert result.returncode == 0, result.stderr


def test_the_module_imports_only_the_standard_library() -> None:
    # The server's copy of the text must not depend on web or NumPy code: it is pure and easy to trust.
    # The package's own __init__ is skipped: it imports `sandbox` on purpose, first, to pin NumPy's
    # BLAS kernels before anything loads NumPy (sandbox/blas.py); this is about app.collab's imports.
    script = ("import sys, types; package = types.ModuleType('app'); package.__path__ = ['app']; "
              "sys.modules['app'] = package; import app.collab; "
              "print('\\n'.join(sorted({name.split('.')[0] for name in sys.modules})))")
    # -S: no site hooks (editable-install finders), so whatever is loaded is the import chain of app.collab.
    loaded = subprocess.run([sys.executable, "-S", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            check=True).stdout.split()
    assert [name for name in loaded if name not in sys.stdlib_module_names and name not in {"app", "__main__"}] == []
