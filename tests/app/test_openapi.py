"""The OpenAPI document names a response schema for every success of every /api route."""

from __future__ import annotations

from typing import Any, get_args

import httpx

from app.cases import CRITERIA
from app.grading.report import Rating, Verdict
from app.labels import load_labels

HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


def _named_schemas(schema: dict[str, Any]) -> list[str]:
    """The component names a response schema points at (directly, as array items, or as alternatives)."""
    if "$ref" in schema:
        return [schema["$ref"].rsplit("/", 1)[-1]]
    if "items" in schema:
        return _named_schemas(schema["items"])
    alternatives = schema.get("anyOf") or schema.get("oneOf") or []
    names = [name for option in alternatives for name in _named_schemas(option)]
    return names if alternatives and len(names) == len(alternatives) else []


def test_every_api_success_response_names_a_schema(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    components = document["components"]["schemas"]
    unnamed = []
    checked = 0
    for path, operations in document["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            successes = {code: r for code, r in operation["responses"].items() if code.startswith("2")}
            if not successes:
                unnamed.append(f"{method.upper()} {path}: no 2xx response")
            for code, response in successes.items():
                contents = response.get("content") or {}
                names = [name for content in contents.values() for name in _named_schemas(content.get("schema", {}))]
                if not contents or not names or any(name not in components for name in names):
                    unnamed.append(f"{method.upper()} {path} {code}: {contents}")
                checked += 1
    assert unnamed == []
    assert checked >= 30  # every route was walked, not an empty document


def test_attempts_and_sessions_form_a_ladder_of_named_models(client: httpx.Client) -> None:
    components = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"AttemptPublic", "AttemptResult", "CandidateSessionPublic", "InterviewerSessionPublic",
            "ReportPublic", "ClockPublic", "ProgressPublic"} <= set(components)
    # Datetimes are datetimes in the schema, not free strings.
    assert components["AttemptPublic"]["properties"]["created_at"]["format"] == "date-time"
    assert components["ClockPublic"]["properties"]["server_now"]["format"] == "date-time"


def test_every_verdict_rating_and_criterion_has_a_label() -> None:
    labels = load_labels()
    assert set(get_args(Verdict)) | {"compile_error"} <= set(labels.verdicts)
    assert set(get_args(Verdict)) <= set(labels.explanations)
    assert set(get_args(Rating)) <= set(labels.ratings)
    assert set(CRITERIA) <= set(labels.criteria)
    assert set(CRITERIA) <= set(labels.criterion_weights)
