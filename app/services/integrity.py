"""Integrity signals of an interview: large pastes into the editor and the page losing focus, as neutral facts.

The candidate's page reports them; the server stamps every time (the browser's clock is not
trusted), works out how long the page was away from its own stamps, and words each one once, here.
They are interview events the candidate's views never carry; the interviewer sees them live and
in the report, with totals. Facts, never verdicts: a paste may be the candidate's own snippet, a
lost focus a notification.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from app import store
from app.database import Database
from app.errors import ConflictError
from app.models import IntegrityRecorded, IntegritySummary
from app.services.interviews import Access, check_challenge_in_session, refuse_unless_open, require_candidate

# A paste is "large" from this size on: the candidate's page gets these figures and reports only such pastes.
LARGE_PASTE_CHARS = 200
LARGE_PASTE_LINES = 5
MAX_SIGNALS_PER_SESSION = 2000  # past this a session stores no more (the rate limit makes it take hours)
SIGNAL_KINDS = ("paste", "away", "back")
_MAX_PASTE_CHARS = 10_000_000


class PasteSignal(BaseModel):
    """A large paste into the editor: its size only, never its text."""

    model_config = ConfigDict(extra="ignore")  # a client's own "at" or "duration" is dropped, never stored

    kind: Literal["paste"]
    challenge: str | None = Field(default=None, max_length=64)
    chars: int = Field(ge=1, le=_MAX_PASTE_CHARS, description="Characters pasted")
    lines: int = Field(default=1, ge=1, le=_MAX_PASTE_CHARS, description="Lines pasted")


class AwaySignal(BaseModel):
    """The page was hidden (another tab, minimised) or the window lost focus (another application)."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["away"]
    how: Literal["hidden", "blur"] = "hidden"


class BackSignal(BaseModel):
    """The page is visible and focused again; the server measures the time since the matching "away"."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["back"]


Signal = Annotated[PasteSignal | AwaySignal | BackSignal, Field(discriminator="kind")]


class SignalBody(BaseModel):
    """The body of POST /api/sessions/{id}/integrity."""

    signal: Signal


def duration_words(seconds: float) -> str:
    """"45 s", "1 min 12 s", "1 h 3 min": the one wording of a stretch of time for these signals."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def paste_words(chars: int, lines: int) -> str:
    return f"pasted {_count(chars, 'character')}" + (f" ({_count(lines, 'line')})" if lines > 1 else "")


def away_words(how: str) -> str:
    return "page hidden" if how == "hidden" else "window lost focus"


def back_words(how: str, seconds: float) -> str:
    return f"{away_words(how)} for {duration_words(seconds)}"


@dataclass(frozen=True)
class _Away:
    event: store.InterviewEvent
    back: store.InterviewEvent | None


def _open_away(events: list[store.InterviewEvent]) -> store.InterviewEvent | None:
    """The last "away" not yet followed by a "back", if any."""
    last = next((e for e in reversed(events) if e.kind in ("away", "back")), None)
    return last if last is not None and last.kind == "away" else None


def record_signal(*, db: Database, access: Access, signal: PasteSignal | AwaySignal | BackSignal) -> IntegrityRecorded:
    """Store one signal at the server's time; an "away" while away, or a "back" while back, adds nothing."""
    require_candidate(access, action="reports pastes and focus")
    session = access.session
    now = store.utcnow()
    refuse_unless_open(session, now, action="report activity")
    if isinstance(signal, PasteSignal) and signal.challenge is not None:
        check_challenge_in_session(session, signal.challenge)
    with db.write() as conn:
        events = store.list_interview_events(conn, session_id=session.id, kinds=list(SIGNAL_KINDS))
        if len(events) >= MAX_SIGNALS_PER_SESSION:
            raise ConflictError(f"This session has stored {MAX_SIGNALS_PER_SESSION:,} activity reports, the most "
                                "it keeps; nothing more is stored.")
        open_away = _open_away(events)
        if isinstance(signal, PasteSignal):
            event_id = store.add_interview_event(
                conn, session_id=session.id, kind="paste", challenge_id=signal.challenge, created_at=now,
                payload={"chars": signal.chars, "lines": signal.lines,
                         "description": paste_words(signal.chars, signal.lines)})
        elif isinstance(signal, AwaySignal):
            if open_away is not None:
                return IntegrityRecorded(id=open_away.id, recorded=False, at=open_away.created_at)
            event_id = store.add_interview_event(
                conn, session_id=session.id, kind="away", created_at=now,
                payload={"how": signal.how, "description": away_words(signal.how)})
        else:
            if open_away is None:
                return IntegrityRecorded(id=None, recorded=False, at=now)
            seconds = round((now - open_away.created_at).total_seconds(), 3)
            how = str(open_away.payload.get("how", "hidden"))
            event_id = store.add_interview_event(
                conn, session_id=session.id, kind="back", created_at=now,
                payload={"how": how, "away_id": open_away.id, "left_at": open_away.created_at.isoformat(),
                         "seconds": seconds, "description": back_words(how, seconds)})
    return IntegrityRecorded(id=event_id, recorded=True, at=now)


def summarize(events: list[store.InterviewEvent], *, end: datetime) -> IntegritySummary:
    """Totals for the report: pastes and their size, times away and for how long (an open one runs to `end`)."""
    pastes = [e for e in events if e.kind == "paste"]
    aways: list[_Away] = []
    for event in events:
        if event.kind == "away":
            aways.append(_Away(event, None))
        elif event.kind == "back" and aways and aways[-1].back is None:
            aways[-1] = _Away(aways[-1].event, event)
    away_seconds = sum(((a.back.created_at if a.back else max(end, a.event.created_at)) - a.event.created_at)
                       .total_seconds() for a in aways)
    chars = sum(int(e.payload.get("chars", 0)) for e in pastes)
    summary = IntegritySummary(pastes=len(pastes), pasted_chars=chars, times_away=len(aways),
                               away_seconds=round(away_seconds, 3), description="")
    parts = [f"{_count(summary.pastes, 'large paste')} ({_count(chars, 'character')})" if pastes
             else "no large paste",
             f"away from the page {_count(summary.times_away, 'time')} ({duration_words(away_seconds)})" if aways
             else "never away from the page"]
    return summary.model_copy(update={"description": "; ".join(parts).capitalize() + "."})
