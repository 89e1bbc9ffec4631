"""Structured scorecards: criteria rated 1-4 against anchors, evidence from the attempts, and templates.

The automatic pre-fill rates the rubric criteria from the last rated submit of each challenge. It
never suggests a recommendation before the candidate has an accepted submit or the session has
ended: a "strong no" 17 seconds into a session, after one wrong submit, says nothing about them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from app import store
from app.cases import CRITERIA
from app.database import Database
from app.errors import InvalidInputError, NotFoundError, UnauthorizedError
from app.models import (
    Scorecard,
    ScorecardCriterion,
    ScorecardEvidence,
    ScorecardPublic,
    ScorecardTemplatePublic,
)
from app.scorecard import MAX_CRITERIA, CriterionDefinition, default_criteria
from app.services.accounts import check_text
from app.services.interviews import Access, require_interviewer

RATING_SCORES = {"pass": 4, "warn": 2.5, "fail": 1}
DEFAULT_TEMPLATE = "default"
MAX_TEMPLATES = 50


class TemplateBody(BaseModel):
    """A template: its name and criteria (the default seven when `criteria` is left out)."""

    name: str = Field(min_length=1, max_length=100, examples=["Senior ML engineer"])
    criteria: list[CriterionDefinition] | None = Field(default=None, min_length=1, max_length=MAX_CRITERIA)

    @field_validator("name")
    @classmethod
    def _strip_name(cls, value: str) -> str:
        name = " ".join(value.split())
        if not name:
            raise ValueError("the name is blank")
        return name

    @field_validator("criteria")
    @classmethod
    def _unique_keys(cls, value: list[CriterionDefinition] | None) -> list[CriterionDefinition] | None:
        keys = [c.key for c in value or []]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"each criterion key appears once; {twice} appear more often")
        for criterion in value or []:
            if criterion.rubric and criterion.key not in CRITERIA:
                raise ValueError(f"{criterion.key!r} is marked rubric but the rubric criteria are {list(CRITERIA)}")
        return value


class ScorecardUpdate(BaseModel):
    criteria: dict[str, int | None] = Field(description="1-4 per criterion (4 is best), or null")
    recommendation: Literal["strong_no", "no", "yes", "strong_yes"] | None = None
    summary: str = Field(default="", max_length=10_000)
    template_id: str | None = Field(default=None, max_length=32, description=(
        "Score with one of your templates ('default': the default criteria); left out: the criteria the "
        "scorecard already uses"))

    @field_validator("criteria")
    @classmethod
    def _in_range(cls, value: dict[str, int | None]) -> dict[str, int | None]:
        bad = {k: v for k, v in value.items() if v is not None and not 1 <= v <= 4}
        if bad:
            raise ValueError(f"scores are 1 to 4 (4 is best); got {bad}")
        return value


def _criterion(definition: CriterionDefinition | ScorecardCriterion) -> ScorecardCriterion:
    return ScorecardCriterion(key=definition.key, label=definition.label, rubric=definition.rubric,
                              anchors=list(definition.anchors))


def default_definitions() -> list[ScorecardCriterion]:
    return [_criterion(c) for c in default_criteria()]


# The automatic pre-fill and its evidence

def _last_submits(attempts: list[store.Attempt]) -> tuple[dict[str, store.Attempt], dict[str, store.Attempt]]:
    """The last graded submit of each challenge, and the last rated one (every test passed)."""
    last: dict[str, store.Attempt] = {}
    rated: dict[str, store.Attempt] = {}
    for attempt in attempts:
        if attempt.mode == "submit" and attempt.status == store.GRADED:
            last[attempt.challenge_id] = attempt
            # Accepted as well as rated: the rubric says something only about working code.
            if attempt.is_rated and attempt.is_accepted:
                rated[attempt.challenge_id] = attempt
    return last, rated


def _rating(attempt: store.Attempt, criterion: str) -> str | None:
    rating = ((attempt.report or {}).get("rubric") or {}).get(criterion, {}).get("rating")
    return rating if isinstance(rating, str) else None


def is_recommendation_open(attempts: list[store.Attempt], *, session_ended: bool) -> bool:
    return session_ended or any(a.mode == "submit" and a.is_accepted for a in attempts)


def automatic_scorecard(attempts: list[store.Attempt], *, session_ended: bool,
                        definitions: list[ScorecardCriterion] | None = None) -> Scorecard:
    """Each rubric criterion's rating on the last rated submits, as 1-4; a recommendation only once open.

    Only rated submits (every test passed) say anything about the rubric; an unrated one counts for
    the recommendation only, as a challenge not solved.
    """
    last_submits, last_rated = _last_submits(attempts)
    criteria: dict[str, int | None] = {}
    for definition in definitions or default_definitions():
        scores = [RATING_SCORES[r] for a in last_rated.values()
                  if (r := _rating(a, definition.key)) in RATING_SCORES] if definition.rubric else []
        criteria[definition.key] = round(sum(scores) / len(scores)) if scores else None
    recommendation = None
    if last_submits and is_recommendation_open(attempts, session_ended=session_ended):
        rated = [v for k, v in criteria.items() if v is not None and k in CRITERIA]
        accepted = sum(a.verdict == "accepted" for a in last_submits.values())
        mean = sum(rated) / len(rated) if rated else 1.0
        solved_all = accepted == len(last_submits)
        recommendation = ("strong_yes" if mean >= 3.5 and solved_all else "yes" if mean >= 2.75 and solved_all
                          else "no" if accepted else "strong_no")
    return Scorecard(criteria=criteria, recommendation=recommendation, summary="")  # type: ignore[arg-type]


def evidence(session_id: str, attempts: list[store.Attempt], definitions: list[ScorecardCriterion]
             ) -> dict[str, list[ScorecardEvidence]]:
    """Per criterion, the attempts that show it: the rated submits for a rubric criterion, the last
    submit of each challenge for problem solving; nothing for what only the interviewer saw."""
    last_submits, last_rated = _last_submits(attempts)

    def item(attempt: store.Attempt, rating: str | None) -> ScorecardEvidence:
        return ScorecardEvidence(attempt_id=attempt.id, challenge=attempt.challenge_id, verdict=attempt.verdict,
                                 rating=rating, url=f"/sessions/{session_id}/attempts/{attempt.id}/results")

    found: dict[str, list[ScorecardEvidence]] = {}
    for definition in definitions:
        if definition.rubric:
            found[definition.key] = [item(a, r) for a in last_rated.values()
                                     if (r := _rating(a, definition.key)) in RATING_SCORES]
        elif definition.key == "problem_solving":
            found[definition.key] = [item(a, None) for a in last_submits.values()]
        else:
            found[definition.key] = []
    return found


def session_scorecard(session: store.InterviewSession, attempts: list[store.Attempt]) -> tuple[Scorecard, bool]:
    """The saved scorecard, or the automatic one; always with its definitions; and whether it is pre-filled."""
    saved = Scorecard.model_validate(session.scorecard) if session.scorecard else None
    definitions = (saved.definitions if saved else None) or default_definitions()
    card = saved or automatic_scorecard(attempts, session_ended=session.status == store.ENDED,
                                        definitions=definitions)
    return card.model_copy(update={"definitions": definitions}), saved is None


def get_scorecard(*, db: Database, access: Access) -> ScorecardPublic:
    require_interviewer(access)
    with db.read() as conn:
        attempts = store.list_attempts(conn, owner=store.Owner(session_id=access.session.id), newest_first=False)
        session = store.get_interview(conn, session_id=access.session.id)
    assert session is not None
    card, is_prefilled = session_scorecard(session, attempts)
    definitions = card.definitions or default_definitions()
    ended = session.status == store.ENDED
    return ScorecardPublic(
        scorecard=card, automatic=automatic_scorecard(attempts, session_ended=ended, definitions=definitions),
        is_prefilled=is_prefilled, criteria=definitions, evidence=evidence(session.id, attempts, definitions),
        recommendation_open=is_recommendation_open(attempts, session_ended=ended))


def _definitions_for(*, db: Database, account: store.Account | None, template_id: str | None,
                     session: store.InterviewSession) -> tuple[list[ScorecardCriterion], str | None, str | None]:
    if template_id is None:
        saved = Scorecard.model_validate(session.scorecard) if session.scorecard else None
        if saved and saved.definitions:
            return saved.definitions, saved.template_id, saved.template_name
        return default_definitions(), None, None
    if template_id == DEFAULT_TEMPLATE:
        return default_definitions(), None, None
    if account is None:
        raise UnauthorizedError("Scorecard templates belong to an account: log in at /login to use one.")
    with db.read() as conn:
        template = store.get_scorecard_template(conn, account_id=account.id, template_id=template_id)
    if template is None:
        raise NotFoundError(f"No scorecard template {template_id!r} in your account. See GET /api/scorecard-templates.")
    return [ScorecardCriterion.model_validate(c) for c in template.criteria], template.id, template.name


def save_scorecard(*, db: Database, access: Access, account: store.Account | None, update: ScorecardUpdate
                   ) -> ScorecardPublic:
    require_interviewer(access)
    definitions, template_id, template_name = _definitions_for(db=db, account=account, template_id=update.template_id,
                                                               session=access.session)
    keys = [d.key for d in definitions]
    unknown = sorted(set(update.criteria) - set(keys))
    if unknown:
        raise InvalidInputError(f"The scorecard got unknown criteria {unknown}; it rates {keys}.")
    value = Scorecard(criteria={k: update.criteria.get(k) for k in keys}, recommendation=update.recommendation,
                      summary=update.summary, saved_at=store.utcnow(), template_id=template_id,
                      template_name=template_name, definitions=definitions)
    with db.write() as conn:
        store.save_interview_scorecard(conn, session_id=access.session.id, scorecard=value.model_dump(mode="json"))
    return get_scorecard(db=db, access=access)


# Templates: private to their account (another account's is a 404, the same as a missing one)

def _template_public(template: store.ScorecardTemplate) -> ScorecardTemplatePublic:
    return ScorecardTemplatePublic(id=template.id, name=template.name,
                                   criteria=[ScorecardCriterion.model_validate(c) for c in template.criteria],
                                   created_at=template.created_at, updated_at=template.updated_at)


def _criteria_json(body: TemplateBody) -> list[dict[str, object]]:
    chosen = body.criteria or list(default_criteria())
    check_text(body.name, *(text for c in chosen for text in (c.label, *c.anchors)))
    return [_criterion(c).model_dump() for c in chosen]


def _not_found(template_id: str) -> NotFoundError:
    return NotFoundError(f"No scorecard template {template_id!r} in your account. See GET /api/scorecard-templates.")


def list_templates(*, db: Database, account: store.Account) -> list[ScorecardTemplatePublic]:
    with db.read() as conn:
        return [_template_public(t) for t in store.list_scorecard_templates(conn, account_id=account.id)]


def get_template(*, db: Database, account: store.Account, template_id: str) -> ScorecardTemplatePublic:
    with db.read() as conn:
        template = store.get_scorecard_template(conn, account_id=account.id, template_id=template_id)
    if template is None:
        raise _not_found(template_id)
    return _template_public(template)


def create_template(*, db: Database, account: store.Account, body: TemplateBody) -> ScorecardTemplatePublic:
    with db.write() as conn:
        if len(store.list_scorecard_templates(conn, account_id=account.id)) >= MAX_TEMPLATES:
            raise InvalidInputError(f"An account keeps at most {MAX_TEMPLATES} templates; delete one first.")
        template_id = store.create_scorecard_template(conn, account_id=account.id, name=body.name,
                                                      criteria=_criteria_json(body))
    return get_template(db=db, account=account, template_id=template_id)


def update_template(*, db: Database, account: store.Account, template_id: str, body: TemplateBody
                    ) -> ScorecardTemplatePublic:
    with db.write() as conn:
        if not store.update_scorecard_template(conn, account_id=account.id, template_id=template_id,
                                               name=body.name, criteria=_criteria_json(body)):
            raise _not_found(template_id)
    return get_template(db=db, account=account, template_id=template_id)


def delete_template(*, db: Database, account: store.Account, template_id: str) -> None:
    with db.write() as conn:
        if not store.delete_scorecard_template(conn, account_id=account.id, template_id=template_id):
            raise _not_found(template_id)
