"""Export and import of a profile's progress as one JSON file."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest


def test_export_then_import_restores_everything_in_a_new_profile(client: httpx.Client, server_url: str) -> None:
    client.put("/api/drafts/softmax", json={"code": "# my draft\n"})
    client.post("/api/challenges/softmax/hints")
    run = client.post("/api/challenges/one-hot/run", json={"code": "def one_hot(labels, num_classes):\n    pass\n"})
    exported = client.get("/api/progress/export")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    data = exported.json()
    assert data["format"] == "arraydojo-progress"
    assert [s["challenge"] for s in data["submissions"]] == ["one-hot"]
    assert data["submissions"][0]["report"]["verdict"] == run.json()["verdict"]

    with httpx.Client(base_url=server_url) as other_computer:
        response = other_computer.post("/api/progress/import", json=data)
        assert response.status_code == 200
        assert response.json()["imported"] == {"drafts": 1, "submissions": 1, "challenges": 1, "skipped": 0}
        assert other_computer.get("/api/drafts/softmax").json()["code"] == "# my draft\n"
        progress = other_computer.get("/api/progress").json()
        assert {row["id"]: row["status"] for row in progress["challenges"]}["one-hot"] == "attempted"
        # Importing the same file again adds nothing twice.
        again = other_computer.post("/api/progress/import", json=data).json()["imported"]
        assert again["submissions"] == 0
        assert again["drafts"] == 0


def test_import_refuses_a_file_that_is_not_an_export(client: httpx.Client) -> None:
    response = client.post("/api/progress/import", json={"hello": "world"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert "not an ArrayDojo progress file" in error["message"]
    assert any(detail.startswith("format:") for detail in error["details"])


def test_import_skips_unknown_challenges(client: httpx.Client) -> None:
    data = {"format": "arraydojo-progress", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
            "drafts": [{"challenge": "no-such-challenge", "code": "x", "updated_at": "2026-01-01T00:00:00Z"}]}
    assert client.post("/api/progress/import", json=data).json()["imported"]["skipped"] == 1


def _exported_run(client: httpx.Client) -> dict[str, Any]:
    client.post("/api/challenges/one-hot/run", json={"code": "def one_hot(labels, num_classes):\n    pass\n"})
    data: dict[str, Any] = client.get("/api/progress/export").json()
    return data


@pytest.mark.parametrize(("damage", "words"), [
    (lambda s: s.update(score=float("inf")), "score"),
    (lambda s: s.update(score=1e309), "score"),
    (lambda s: s.update(score=250.0), "score"),
    (lambda s: s.update(created_at="2026-01-01T00:00:00"), "timezone"),
    (lambda s: s["report"].pop("summary"), "report"),
    (lambda s: s["report"].update(tests=[{"name": 1}]), "report"),
    (lambda s: s.update(report=None), "verdict, report"),
    (lambda s: s.update(verdict="accepted"), "differ"),
    (lambda s: s.update(code="x = 1\n" * 400_000), "limit"),
    (lambda s: s.update(verdict="totally_fine"), "verdict"),
])
def test_a_crafted_progress_file_is_rejected_whole_and_leaves_the_profile_working(
        client: httpx.Client, server_url: str, damage: Callable[[dict[str, Any]], None], words: str) -> None:
    data = _exported_run(client)
    damage(data["submissions"][0])
    body = json.dumps(data, allow_nan=True)  # Infinity and 1e309 as a crafted file would spell them
    with httpx.Client(base_url=server_url, timeout=60) as victim:
        victim.put("/api/drafts/softmax", json={"code": "# mine\n"})
        response = victim.post("/api/progress/import", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text[:300]
        assert words in json.dumps(response.json()["error"]), response.json()
        # Nothing of the file landed, and the importer's own profile still exports and renders.
        assert victim.get("/api/progress").json()["challenges"]
        assert victim.get("/api/progress/export").status_code == 200
        assert victim.get("/challenges/one-hot").status_code == 200
        assert victim.get("/api/progress/export").json()["submissions"] == []
