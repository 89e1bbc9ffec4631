"""Helpers for the account tests: a fresh interviewer, logged in, on its own cookie jar."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

PASSWORD = "correct horse battery staple"


def new_email() -> str:
    return f"interviewer-{uuid.uuid4().hex[:12]}@example.com"


def sign_up(client: httpx.Client, *, email: str | None = None, password: str = PASSWORD,
            display_name: str = "Ada Lovelace") -> dict[str, Any]:
    response = client.post("/api/accounts", json={"email": email or new_email(), "password": password,
                                                  "display_name": display_name})
    assert response.status_code == 201, response.text
    account: dict[str, Any] = response.json()
    return account


def create_session(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"challenges": ["softmax"], "duration_minutes": 30} | fields
    response = client.post("/api/sessions", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
