"""The question editor's live preview: Markdown rendered by the same renderer, and sanitising, as statements."""

from __future__ import annotations

from fastapi import APIRouter

from app.models import MarkdownPreview, MarkdownPreviewRequest
from app.rate_limit import rate_limited
from app.routes._deps import Context, LoggedIn

router = APIRouter(prefix="/api/markdown", tags=["questions"])


# Logged in and rate-limited: the renderer is cheap, but an open endpoint would be a free CPU for anyone.
# The body's ceiling is the default JSON one (app/body_limits.py); the text's own is the model's.
@router.post("/preview", response_model=MarkdownPreview, dependencies=[rate_limited("markdown_preview")],
             summary="Render a statement's Markdown as a question's page will show it (login required)")
def preview(body: MarkdownPreviewRequest, account: LoggedIn, context: Context) -> MarkdownPreview:
    return MarkdownPreview(html=str(context.markdown.render_once(body.markdown)))
