"""Pair programming in a mock interview: the server as the central authority of each shared document.

Each (session, challenge) document is an ordered log of CodeMirror updates. A push is accepted
only at the server's current version (else 409: pull, rebase, push again); the server applies every
ChangeSet to its own copy of the text with `app.collab`, so run, submit, the deadline's final
submit and the report use exactly the text both people see. Presence (cursor, heartbeat,
visibility) lives in the database too, so every web host answers the same.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from app import collab, store
from app.catalog import Catalog
from app.config import Settings
from app.database import Database
from app.errors import ConflictError, ForbiddenError, InvalidInputError, TooManyRequestsError
from app.models import CollabPullPublic, CollabPushed, CollabUpdatePublic, PairingPublic, PresencePublic, PresenceSaved
from app.services.attempts import check_code
from app.services.challenges import get_session_challenge
from app.services.interviews import (
    Access,
    check_challenge_in_session,
    refuse_unless_open,
    require_interviewer,
)

MAX_UPDATES_PER_PULL = 500
MAX_VERSION = 2**31 - 1  # the column is a 32-bit INTEGER on PostgreSQL
MAX_RANGES = 20
RATE_WINDOW_SECONDS = 10
# Presence: unseen for this long is "away"; seen but no edit or cursor move for this long is "idle".
AWAY_AFTER_SECONDS = 15.0
IDLE_AFTER_SECONDS = 60.0


class UpdateIn(BaseModel):
    clientID: str = Field(min_length=1, max_length=64)  # @codemirror/collab's name
    changes: list[Any] = Field(description="CodeMirror ChangeSet JSON")


class PushBody(BaseModel):
    """The body of POST /updates: the editor's pending updates, made at `version`."""

    challenge: str = Field(max_length=64, examples=["softmax"])
    version: int = Field(ge=0, le=MAX_VERSION, description="The server version the updates were made at")
    updates: list[UpdateIn] = Field(min_length=1, max_length=1000)


class SelectionRange(BaseModel):
    anchor: int = Field(ge=0, le=10_000_000)
    head: int = Field(ge=0, le=10_000_000)


class PresenceBody(BaseModel):
    """A heartbeat: which challenge this person is on, their selection, whether the tab is visible."""

    challenge: str | None = Field(default=None, max_length=64)
    ranges: list[SelectionRange] = Field(default_factory=list, max_length=MAX_RANGES)
    visible: bool = True
    active: bool = Field(default=False, description="Typed or moved the cursor since the last heartbeat")


class PairingUpdate(BaseModel):
    interviewer_may_type: bool


class PushRefused(ConflictError):
    """A push at an old version: another update got there first. Pull from `version`, rebase, push again."""

    code = "version_conflict"


def _check_may_write(*, conn: Any, access: Access, now: datetime, grace_seconds: float) -> None:
    # Read again inside the write: the interviewer may have ended the session since the token was checked.
    session = store.get_interview(conn, session_id=access.session.id) or access.session
    if access.role == "interviewer" and not store.interviewer_may_type(conn, session_id=session.id):
        raise ForbiddenError("Typing in the candidate's editor is off for the interviewer in this session; "
                             "turn on \"Interviewer may type\" in your view first.")
    # Keystrokes sent just before the deadline are still in flight at it: accept them for the grace.
    grace = timedelta(seconds=grace_seconds)
    if session.status != store.RUNNING or session.deadline is None or now >= session.deadline + grace:
        refuse_unless_open(session, now, action="edit the code")


def starting_text(catalog: Catalog, challenge_id: str) -> str:
    """Version 0 of a shared document: the starter, with CodeMirror's line breaks."""
    return collab.normalize_line_breaks(get_session_challenge(catalog=catalog, challenge_id=challenge_id).starter)


def push_updates(*, db: Database, catalog: Catalog, settings: Settings, access: Access, body: PushBody
                 ) -> CollabPushed:
    """Apply the updates to the server's text and log them, only at the current version (else 409)."""
    check_challenge_in_session(access.session, body.challenge)
    now = store.utcnow()
    with db.write() as conn:
        _check_may_write(conn=conn, access=access, now=now, grace_seconds=settings.session_grace_seconds)
        allowed = max(1, settings.collab_pushes_per_minute * RATE_WINDOW_SECONDS // 60)
        since = now - timedelta(seconds=RATE_WINDOW_SECONDS)
        if store.count_recent_pushes(conn, session_id=access.session.id, author=access.role, since=since) >= allowed:
            raise TooManyRequestsError(
                f"Too many edits: at most {settings.collab_pushes_per_minute} pushes a minute per person. The page "
                "keeps your typing and sends it in a moment.", retry_after_seconds=1)
        document = store.get_document(conn, session_id=access.session.id, challenge_id=body.challenge)
        version = document.version if document else 0
        if body.version != version:
            raise PushRefused(f"The document is at version {version}, not {body.version}: someone else's edit came "
                              "first. Pull the updates after your version, rebase yours on them and push again.",
                              extra={"version": version})
        text = document.text if document else starting_text(catalog, body.challenge)
        logged: list[tuple[Any, str]] = []
        for index, update in enumerate(body.updates):
            try:
                changes = collab.ChangeSet.from_json(update.changes)
                text = changes.apply(text)
            except ValueError as exc:
                raise InvalidInputError(f"Update {index} does not apply to the document at version "
                                        f"{version + index}: {exc}") from None
            logged.append((changes.to_json(), update.clientID))  # the log holds only what parsed, re-serialised
        # The text the push leaves is what counts: a paste over the limit and its undo, pushed together, pass.
        check_code(text, max_bytes=settings.max_code_bytes)
        if not store.append_updates(conn, session_id=access.session.id, challenge_id=body.challenge,
                                    from_version=version, text=text, author=access.role, now=now, updates=logged):
            raise PushRefused("Another edit was stored at the same moment. Pull, rebase and push again.",
                              extra={"version": version})
    return CollabPushed(version=version + len(body.updates))


def replace_text(*, db: Database, catalog: Catalog, settings: Settings, access: Access, challenge_id: str,
                 code: str, client_id: str) -> int:
    """One update that replaces the whole text (a client without a shared editor); returns the new version."""
    for _ in range(5):
        with db.read() as conn:
            document = store.get_document(conn, session_id=access.session.id, challenge_id=challenge_id)
        version = document.version if document else 0
        text = document.text if document else starting_text(catalog, challenge_id)
        code = collab.normalize_line_breaks(code)
        if text == code:
            return version
        changes: list[Any] = [[collab.utf16_length(text), *code.split("\n")]]
        body = PushBody(challenge=challenge_id, version=version, updates=[UpdateIn(clientID=client_id,
                                                                                    changes=changes)])
        try:
            return push_updates(db=db, catalog=catalog, settings=settings, access=access, body=body).version
        except PushRefused:
            continue
    raise ConflictError("The document keeps changing under this request; try again.")


def presence_status(presence: store.Presence, now: datetime) -> str:
    if not presence.is_visible or (now - presence.seen_at).total_seconds() > AWAY_AFTER_SECONDS:
        return "away"
    return "idle" if (now - presence.active_at).total_seconds() > IDLE_AFTER_SECONDS else "connected"


def _presence_public(presence: store.Presence, now: datetime) -> PresencePublic:
    return PresencePublic(role=presence.role, status=presence_status(presence, now),  # type: ignore[arg-type]
                          challenge=presence.challenge_id, ranges=presence.ranges, seen_at=presence.seen_at)


def _check_may_read(access: Access, challenge_id: str | None) -> None:
    # The waiting room names no challenge: a guessed id must not confirm itself or show its starter.
    if access.role == "candidate" and access.session.status == store.WAITING:
        raise ConflictError("The session has not started yet: the challenges open when the clock starts.")
    if challenge_id is not None:
        check_challenge_in_session(access.session, challenge_id)


def pull_updates(*, db: Database, access: Access, challenge_id: str, after_version: int) -> CollabPullPublic:
    """The updates after a version (at most MAX_UPDATES_PER_PULL: pull again from the last one)."""
    _check_may_read(access, challenge_id)
    if after_version < 0:
        raise InvalidInputError(f"version must be 0 or more; got {after_version}.")
    now = store.utcnow()
    with db.read() as conn:
        document = store.get_document(conn, session_id=access.session.id, challenge_id=challenge_id)
        updates = store.list_updates(conn, session_id=access.session.id, challenge_id=challenge_id,
                                     after_version=after_version, limit=MAX_UPDATES_PER_PULL)
        presence = store.list_presence(conn, session_id=access.session.id)
        may_type = store.interviewer_may_type(conn, session_id=access.session.id)
    version = document.version if document else 0
    if after_version > version:
        raise InvalidInputError(f"The document is at version {version}; version {after_version} is in its future. "
                                "Reload the page.")
    shown = [_presence_public(p, now) for p in presence]
    return CollabPullPublic(
        challenge=challenge_id, version=version, interviewer_may_type=may_type, server_now=now,
        updates=[CollabUpdatePublic(version=u.version, clientID=u.client_id, changes=u.changes,
                                    author=u.author, at=u.created_at) for u in updates],  # type: ignore[arg-type]
        presence=shown, presence_stamp=presence_stamp(shown, may_type=may_type))


def presence_stamp(presence: list[PresencePublic], *, may_type: bool) -> str:
    """What a long poll compares to notice that someone moved, came or left, or the toggle changed."""
    seen = "|".join(f"{p.role}:{p.status}:{p.challenge}:{p.ranges}" for p in presence) + f"|{may_type}"
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


def save_presence(*, db: Database, access: Access, body: PresenceBody) -> PresenceSaved:
    _check_may_read(access, body.challenge)
    now = store.utcnow()
    with db.write() as conn:
        previous = {p.role: p for p in store.list_presence(conn, session_id=access.session.id)}.get(access.role)
        moved = previous is None or previous.ranges != [r.model_dump() for r in body.ranges] \
            or previous.challenge_id != body.challenge
        store.save_presence(conn, session_id=access.session.id, presence=store.Presence(
            role=access.role, challenge_id=body.challenge, ranges=[r.model_dump() for r in body.ranges],
            is_visible=body.visible, seen_at=now,
            active_at=now if body.active or moved or previous is None else previous.active_at))
    return PresenceSaved(seen_at=now)


def set_pairing(*, db: Database, access: Access, update: PairingUpdate) -> PairingPublic:
    require_interviewer(access)
    with db.write() as conn:
        store.set_interviewer_may_type(conn, session_id=access.session.id, allowed=update.interviewer_may_type)
    return PairingPublic(interviewer_may_type=update.interviewer_may_type)


def document_text(*, db: Database, catalog: Catalog, session_id: str, challenge_id: str) -> tuple[str, int]:
    """The text both people see now and its version (the starter at version 0)."""
    with db.read() as conn:
        document = store.get_document(conn, session_id=session_id, challenge_id=challenge_id)
    if document is None:
        return starting_text(catalog, challenge_id), 0
    return document.text, document.version
