"""An account's interview sessions: the dashboard, the owner's own way in, and re-issuing the candidate link.

Only hashes of the links' tokens are stored, so a lost link cannot be shown again. Instead the owner
opens the interviewer view through their login (no token needed), and the candidate's link is
re-issued: a new token replaces the old one's hash, so the old link stops working at once.
"""

from __future__ import annotations

import secrets

from app import store
from app.catalog import Catalog
from app.database import Database
from app.errors import NotFoundError
from app.models import CandidateLinkIssued, DashboardChallenge, DashboardSessionPublic
from app.services.challenges import challenge_title
from app.services.interviews import Access, clock
from app.services.profiles import hash_token


def _not_yours(session_id: str) -> NotFoundError:
    # The same answer as for a missing session: nobody learns which ids exist in other accounts.
    return NotFoundError(f"No interview session {session_id!r} in your account. See your sessions at /sessions.")


def owned_session(*, db: Database, account: store.Account, session_id: str) -> store.InterviewSession:
    with db.read() as conn:
        session = store.get_interview(conn, session_id=session_id)
    if session is None or session.owner_id != account.id:
        raise _not_yours(session_id)
    return session


def owner_access(*, db: Database, account: store.Account, session_id: str) -> Access:
    """The interviewer's access to a session, through the account that created it."""
    return Access(owned_session(db=db, account=account, session_id=session_id), "interviewer")


def _title(catalog: Catalog, challenge_id: str) -> str:
    return challenge_title(catalog=catalog, challenge_id=challenge_id)


def _row(session: store.InterviewSession, outcomes: dict[str, store.SubmitOutcome], catalog: Catalog
         ) -> DashboardSessionPublic:
    rated = [o.score for o in outcomes.values() if o.score is not None]
    saved = session.scorecard or {}
    return DashboardSessionPublic(
        id=session.id, status=clock(session, store.utcnow()).status, candidate_name=session.candidate_name,
        challenges=[DashboardChallenge(id=c, title=_title(catalog, c),
                                       verdict=outcomes[c].verdict if c in outcomes else None,
                                       score=outcomes[c].score if c in outcomes else None) for c in session.challenges],
        created_at=session.created_at, started_at=session.started_at, ended_at=session.ended_at,
        deadline=session.deadline, score=round(sum(rated) / len(rated), 1) if rated else None,
        recommendation=saved.get("recommendation"), candidate_sees=session.candidate_sees,  # type: ignore[arg-type]
        interviewer_url=f"/sessions/{session.id}/interviewer", report_url=f"/sessions/{session.id}/report")


def list_sessions(*, db: Database, catalog: Catalog, account: store.Account) -> list[DashboardSessionPublic]:
    with db.read() as conn:
        sessions = store.list_owned_interviews(conn, owner_id=account.id)
        found = store.last_submit_outcomes(conn, session_ids=[s.id for s in sessions])
    outcomes: dict[str, dict[str, store.SubmitOutcome]] = {}
    for outcome in found:
        outcomes.setdefault(outcome.session_id, {})[outcome.challenge_id] = outcome
    return [_row(s, outcomes.get(s.id, {}), catalog) for s in sessions]


def reissue_candidate_link(*, db: Database, account: store.Account, session_id: str, base_url: str
                           ) -> CandidateLinkIssued:
    session = owned_session(db=db, account=account, session_id=session_id)
    token = secrets.token_urlsafe(32)
    with db.write() as conn:
        store.set_candidate_token_hash(conn, session_id=session.id, token_hash=hash_token(token))
    return CandidateLinkIssued(id=session.id, candidate_token=token,
                               candidate_url=f"{base_url}/sessions/{session.id}/candidate#{token}")
