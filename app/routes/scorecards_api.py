"""JSON API of scorecard templates, private to the logged-in account."""

from __future__ import annotations

from fastapi import APIRouter

from app.models import ScorecardCriterion, ScorecardTemplatePublic, TemplateDeleted
from app.routes._deps import Context, LoggedIn
from app.services import scorecards

router = APIRouter(prefix="/api/scorecard-templates", tags=["scorecards"])


@router.get("/default", response_model=list[ScorecardCriterion],
            summary="The default criteria with their anchors (where a new template starts)")
def default_criteria() -> list[ScorecardCriterion]:
    return scorecards.default_definitions()


@router.get("", response_model=list[ScorecardTemplatePublic], summary="Your scorecard templates")
def list_templates(account: LoggedIn, context: Context) -> list[ScorecardTemplatePublic]:
    return scorecards.list_templates(db=context.db, account=account)


@router.post("", status_code=201, response_model=ScorecardTemplatePublic,
             summary="Create a template (the default criteria unless `criteria` is given)")
def create_template(body: scorecards.TemplateBody, account: LoggedIn, context: Context) -> ScorecardTemplatePublic:
    return scorecards.create_template(db=context.db, account=account, body=body)


@router.get("/{template_id}", response_model=ScorecardTemplatePublic, summary="One of your templates")
def get_template(template_id: str, account: LoggedIn, context: Context) -> ScorecardTemplatePublic:
    return scorecards.get_template(db=context.db, account=account, template_id=template_id)


@router.put("/{template_id}", response_model=ScorecardTemplatePublic,
            summary="Replace a template's name and criteria (saved scorecards keep their own copy)")
def update_template(template_id: str, body: scorecards.TemplateBody, account: LoggedIn, context: Context
                    ) -> ScorecardTemplatePublic:
    return scorecards.update_template(db=context.db, account=account, template_id=template_id, body=body)


@router.delete("/{template_id}", response_model=TemplateDeleted,
               summary="Delete a template (scorecards saved with it keep their copy)")
def delete_template(template_id: str, account: LoggedIn, context: Context) -> TemplateDeleted:
    scorecards.delete_template(db=context.db, account=account, template_id=template_id)
    return TemplateDeleted(id=template_id, deleted=True)
