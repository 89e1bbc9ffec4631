"""The API's public shapes: what every JSON route returns, so mypy and /openapi.json both know them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, RootModel

from app import store
from app.cases import Mode
from app.grading.report import GradeReport
from app.questions_models import MAX_STATEMENT_CHARS

AttemptStatus = Literal["grading", "graded", "interrupted"]
ClockStatus = Literal["waiting", "running", "time_up", "ended"]
Recommendation = Literal["strong_no", "no", "yes", "strong_yes"]


# Attempts: one graded piece of code, practice or interview

class AttemptResult(GradeReport):
    """A run's or submit's answer: the `arraydojo grade --json` report plus the stored attempt's id."""

    attempt_id: int


class AttemptStarted(BaseModel):
    """A submit taken in: its parts stream from `events` as they are graded."""

    attempt_id: int
    status: AttemptStatus
    events: str = Field(description="The attempt's event stream (text/event-stream): one `part` event per part")


class AttemptProgress(BaseModel):
    """One event of an attempt's stream: what is known so far, and the results panel showing it."""

    attempt_id: int
    status: AttemptStatus
    verdict: str | None = Field(description="Known once the tests have run, before the attempt is finished")
    parts: list[Literal["tests", "rubric", "timing"]] = Field(description="The report's parts known so far")
    report: dict[str, Any] | None = Field(description="The report so far; once graded, the final report")
    html: str = Field(description="The results panel, rendered as every page renders it")


class AttemptEventPublic(BaseModel):
    """One server-sent event of an interview attempt's stream, as an SSE parser reads it."""

    event: Literal["part", "done", "gone"]
    data: str = Field(description="JSON: an AttemptProgress for `part`, {attempt_id, status} for `done`, "
                                  "{message} for `gone` (the submit was dropped for want of a slot)")


class AttemptPublic(BaseModel):
    """A stored attempt with its code and, once graded, its report (as it was stored: any report version)."""

    id: int
    challenge: str
    mode: Mode
    automatic: bool = Field(description="Submitted for the candidate when an interview ended")
    status: AttemptStatus
    verdict: str | None
    score: float | None = Field(description="0-100; null until every test passes (not rated)")
    code: str
    report: dict[str, Any] | None
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, attempt: store.Attempt) -> AttemptPublic:
        return cls(id=attempt.id, challenge=attempt.challenge_id, mode=attempt.mode,  # type: ignore[arg-type]
                   automatic=attempt.is_automatic, status=attempt.status,  # type: ignore[arg-type]
                   verdict=attempt.verdict, score=attempt.score, code=attempt.code, report=attempt.report,
                   created_at=attempt.created_at, finished_at=attempt.finished_at)


class TimedAttemptPublic(AttemptPublic):
    at_seconds: float = Field(description="Seconds since the session started")


# Challenges and practice

class ChallengeSummaryPublic(BaseModel):
    id: str
    lesson: int
    title: str
    difficulty: str
    summary: str
    status: Literal["solved", "attempted", "new"]
    best_score: float | None = Field(description="The best rated submit's score; null when none is rated")
    criteria: list[str] = Field(default_factory=list, description="The rubric criteria it exercises (its tags)")
    attempts: int = Field(default=0, description="Runs and submits")
    last_activity: datetime | None = Field(default=None, description="When the latest run or submit was made")


class ExamplePublic(BaseModel):
    name: str
    call: str
    expected: str


class ChallengePublic(BaseModel):
    """A challenge's public parts: no reference, no naive solution, no hidden case."""

    id: str
    lesson: int
    title: str
    difficulty: str
    function: str
    signature: str
    summary: str
    banned: list[str]
    rubric_criteria: list[str]
    statement: str
    starter: str
    examples: list[ExamplePublic]
    hint_count: int


class HintsPublic(BaseModel):
    hints: list[str]
    revealed: int
    total: int


class ReferencePublic(BaseModel):
    reference: str


class DraftSaved(BaseModel):
    challenge: str
    saved_at: datetime


class DraftPublic(DraftSaved):
    code: str


class LessonProgress(BaseModel):
    number: int
    slug: str
    title: str
    challenges: int
    solved: int
    attempted: int


class ChallengeProgressPublic(BaseModel):
    id: str
    lesson: int
    status: Literal["solved", "attempted", "new"]
    best_score: float | None
    attempts: int = 0
    last_activity: datetime | None = None


class ProgressPublic(BaseModel):
    solved: int
    attempted: int
    total: int
    lessons: list[LessonProgress]
    challenges: list[ChallengeProgressPublic]


class ImportCounts(BaseModel):
    drafts: int = 0
    submissions: int = 0
    challenges: int = 0
    skipped: int = 0


class ImportResult(BaseModel):
    imported: ImportCounts


class QueueTicketPublic(BaseModel):
    state: Literal["queued", "running", "unknown"]
    position: int = Field(description="0 while running; 1 = next to get a slot")
    queue_depth: int


class HealthPublic(BaseModel):
    status: Literal["ok", "degraded"]
    isolation: str
    slots: int
    busy_slots: int
    queue_depth: int
    in_flight: int
    capacity: int
    database: str


class MarkdownPreviewRequest(BaseModel):
    markdown: str = Field(max_length=MAX_STATEMENT_CHARS, description="A statement's Markdown, at most as long as "
                                                                       "a question's statement may be",
                          examples=["# Softmax\n\nTurn `z` into probabilities."])


class MarkdownPreview(BaseModel):
    html: str = Field(description="The Markdown rendered as statements are: raw HTML escaped, unsafe links dropped")


# Mock-interview sessions

class SessionTimes(BaseModel):
    """A session's clock as stored: when it started, its deadline, its end, and how long it runs."""

    started_at: datetime | None
    deadline: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    duration_seconds: float
    extension_seconds: float


class ClockPublic(SessionTimes):
    """Everything a page needs to draw the countdown; `server_now` lets it ignore its own clock's error."""

    status: ClockStatus
    server_now: datetime
    remaining_seconds: float | None


class SessionCreated(BaseModel):
    id: str
    candidate_token: str
    interviewer_token: str
    candidate_url: str
    interviewer_url: str
    challenges: list[str]
    duration_seconds: float


class SessionChallengePublic(BaseModel):
    id: str
    title: str
    lesson: int
    difficulty: str
    signature: str
    statement_html: str
    starter: str
    hint_count: int
    rubric_criteria: list[str]
    followups: list[str] | None = Field(default=None, description="The interviewer's view only")


class EventPublic(BaseModel):
    """One event of a session; its kind's own fields (text, verdict, attempt_id, ...) sit beside these."""

    model_config = {"extra": "allow"}

    id: int
    kind: str
    challenge: str | None
    at: datetime


class TimedEventPublic(EventPublic):
    at_seconds: float


class SessionPublic(BaseModel):
    """What both roles see: the clock and, once started, the challenges with the latest code."""

    id: str
    role: Literal["candidate", "interviewer"]
    candidate_name: str | None
    hints_allowed: bool
    candidate_may_start: bool
    candidate_sees: Literal["tests", "tests_and_rubric"] = Field(
        description="What the candidate sees after a submit; fix advice never, while or after the session runs")
    clock: ClockPublic
    challenge_count: int
    challenge_ids: list[str]
    challenges: list[SessionChallengePublic]
    last_event_id: int
    code: dict[str, str] = Field(description="The shared document of each edited challenge (others: the starter)")
    versions: dict[str, int] = Field(default_factory=dict, description="Each shared document's version (0: starter)")
    interviewer_may_type: bool = True
    followups: list[EventPublic]


class CandidateSessionPublic(SessionPublic):
    role: Literal["candidate"]
    hints_revealed: dict[str, int]
    hints: dict[str, list[str]]
    latest_submit_id: int | None = Field(
        default=None, description="The latest submit (still grading or graded), so a reloaded page shows it again")


class InterviewerSessionPublic(SessionPublic):
    role: Literal["interviewer"]
    timeline: list[EventPublic]
    runs: list[AttemptPublic]
    notes: str


class SnapshotSaved(BaseModel):
    id: int
    saved_at: datetime


class FollowupPublic(BaseModel):
    id: int
    text: str
    challenge: str | None


class NotesPublic(BaseModel):
    notes: str
    notes_html: str


class NotesSaved(BaseModel):
    saved: bool
    notes_html: str


class ScorecardCriterion(BaseModel):
    key: str
    label: str
    rubric: bool
    anchors: list[str] = Field(description="What 1, 2, 3 and 4 mean, in that order")


class ScorecardEvidence(BaseModel):
    """An attempt that shows a criterion: where the interviewer can check the rating."""

    attempt_id: int
    challenge: str
    verdict: str | None
    rating: str | None = Field(description="The rubric's rating (pass, warn, fail) for rubric criteria")
    url: str


class Scorecard(BaseModel):
    criteria: dict[str, int | None] = Field(description="1-4 per criterion (4 is best), or null")
    recommendation: Recommendation | None
    summary: str
    saved_at: datetime | None = None
    template_id: str | None = Field(default=None, description="The account's template it was scored with")
    template_name: str | None = None
    definitions: list[ScorecardCriterion] | None = Field(
        default=None, description="The criteria and anchors it was scored against (a copy: editing the template "
                                  "later does not change a saved scorecard); null: the default criteria")


class ScorecardPublic(BaseModel):
    scorecard: Scorecard
    automatic: Scorecard
    is_prefilled: bool
    criteria: list[ScorecardCriterion] = Field(description="What to rate, with each rating's anchor text")
    evidence: dict[str, list[ScorecardEvidence]] = Field(description="Per criterion, the attempts that show it")
    recommendation_open: bool = Field(description="Whether the automatic recommendation may be shown: only once "
                                                  "the candidate has an accepted submit or the session has ended")


class ReportSessionPublic(SessionTimes):
    id: str
    candidate_name: str | None
    status: str
    created_at: datetime
    hints_allowed: bool
    candidate_sees: Literal["tests", "tests_and_rubric"] = Field(description="What the candidate saw after a submit")
    elapsed_seconds: float


class ReportChallengePublic(BaseModel):
    id: str
    title: str
    lesson: int
    difficulty: str
    signature: str
    final_code: str
    final_submit: AttemptPublic | None
    results_html: str | None = Field(description="The final submit's results, rendered as on the practice page")
    verdict: str | None
    score: float | None
    runs: int
    submits: int
    first_edit_seconds: float | None
    last_edit_seconds: float | None
    accepted_at_seconds: float | None


class PlaybackUpdate(BaseModel):
    """One keystroke-level update of the report's playback: apply `changes` to the text before it."""

    t: float = Field(description="Seconds since the session started")
    challenge: str
    version: int
    author: Literal["candidate", "interviewer"]
    changes: Any


class ReportScorecard(Scorecard):
    is_prefilled: bool
    recommendation_label: str | None
    evidence: dict[str, list[ScorecardEvidence]] = Field(
        default_factory=dict, description="Per criterion, the attempts that show it (ids of `runs`)")


class IntegrityRecorded(BaseModel):
    """A pasted-text or focus report, stamped with the server's time (the browser's clock is not used)."""

    id: int | None = Field(description="The stored event; null when nothing new was stored")
    recorded: bool = Field(description="False for an \"away\" while already away, or a \"back\" while back")
    at: datetime


class IntegritySummary(BaseModel):
    """The report's totals of the integrity signals: facts, not judgements."""

    pastes: int = Field(description="Large pastes into the editor")
    pasted_chars: int
    times_away: int = Field(description="Times the page was hidden or lost focus")
    away_seconds: float = Field(description="Total time away; one still open at the end runs to the end")
    description: str = Field(description="The totals in words")


class ReportPublic(BaseModel):
    """The interviewer's report: the same data as the downloadable JSON and HTML files."""

    version: int
    generated_at: datetime
    session: ReportSessionPublic
    challenges: list[ReportChallengePublic]
    runs: list[TimedAttemptPublic]
    timeline: list[TimedEventPublic]
    playback: list[PlaybackUpdate] = Field(description="The update log of every challenge, keystroke by keystroke")
    starters: dict[str, str] = Field(description="Each challenge's text before its first update")
    notes: str
    notes_html: str
    scorecard: ReportScorecard
    integrity: IntegritySummary
    labels: dict[str, dict[str, str]] = Field(description="Verdict, rating and criterion labels for the page")


class ReportFileHtml(RootModel[str]):
    """The report as one self-contained HTML file: styles, script and data inline; opens offline."""


class EventStreamPublic(RootModel[EventPublic | ClockPublic]):
    """A Server-Sent Events stream: each message's data is an event of the session, or the clock when it changes."""


# Pair programming: the shared document of each challenge of a session

class CollabUpdatePublic(BaseModel):
    """One update of a shared document, as the editor bundle's `receive` takes it, with who and when."""

    version: int = Field(description="The document's version once this update is applied (1 for the first)")
    clientID: str  # the name @codemirror/collab uses
    changes: Any = Field(description="CodeMirror ChangeSet JSON")
    author: Literal["candidate", "interviewer"]
    at: datetime


class PresencePublic(BaseModel):
    role: Literal["candidate", "interviewer"]
    status: Literal["connected", "idle", "away"]
    challenge: str | None
    ranges: list[dict[str, int]] = Field(description="[{anchor, head}] in the document at `version`")
    seen_at: datetime


class CollabPullPublic(BaseModel):
    """A pull: the updates after the asked version (possibly none when the wait ran out) and who is here."""

    challenge: str
    version: int = Field(description="The server's version now")
    updates: list[CollabUpdatePublic]
    presence: list[PresencePublic]
    interviewer_may_type: bool
    server_now: datetime
    presence_stamp: str = Field(description="Send it back as `presence` to wait for a change of presence too")


class CollabPushed(BaseModel):
    version: int = Field(description="The server's version after the push")


class PresenceSaved(BaseModel):
    seen_at: datetime


class PairingPublic(BaseModel):
    interviewer_may_type: bool


# Interviewer accounts, their dashboard, and scorecard templates

class AccountPublic(BaseModel):
    id: int
    email: str
    display_name: str
    created_at: datetime


class LoggedOut(BaseModel):
    logged_out: bool


class PasswordChanged(BaseModel):
    changed: bool
    other_sessions_ended: int = Field(description="Logins on other browsers that were ended")


class DashboardChallenge(BaseModel):
    id: str
    title: str
    verdict: str | None = Field(description="The last submit's verdict, or null if never submitted")
    score: float | None


class DashboardSessionPublic(BaseModel):
    """One row of the account's dashboard."""

    id: str
    status: ClockStatus
    candidate_name: str | None
    challenges: list[DashboardChallenge]
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    deadline: datetime | None
    score: float | None = Field(description="Mean of the rated final submits (0-100); null if none is rated")
    recommendation: Recommendation | None = Field(description="From the saved scorecard only")
    candidate_sees: Literal["tests", "tests_and_rubric"] = Field(description="What the candidate sees after a submit")
    interviewer_url: str = Field(description="Opens for the owner's login, without a token")
    report_url: str


class CandidateLinkIssued(BaseModel):
    """A new candidate link: the previous one stops working at once."""

    id: str
    candidate_token: str
    candidate_url: str


class TemplateDeleted(BaseModel):
    id: str
    deleted: bool


class ScorecardTemplatePublic(BaseModel):
    id: str
    name: str
    criteria: list[ScorecardCriterion]
    created_at: datetime
    updated_at: datetime
