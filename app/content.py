"""Markdown to HTML for statements, hints and lessons (markdown-it-py), cached per text."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup


class MarkdownRenderer:
    """CommonMark plus tables; raw HTML in the source is escaped, never passed through."""

    def __init__(self) -> None:
        self._md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        self._md.enable("table")
        self.render = lru_cache(maxsize=512)(self._render)

    def render_once(self, text: str) -> Markup:
        """Render without caching: an author's preview text is new each keystroke and must not evict statements."""
        return self._render(text)

    def _render(self, text: str, drop_title: bool = False) -> Markup:
        if drop_title:  # the page shows the title itself
            text = re.sub(r"\A\s*# [^\n]*\n", "", text, count=1)
        html = self._md.render(text)
        # Tables scroll on their own on a narrow screen instead of widening the page.
        # Each is a scrollable region, so each can take the keyboard focus (to scroll it without a mouse).
        html = html.replace("<table>", '<div class="table-scroll" tabindex="0" role="region" aria-label="Table">'
                            "<table>").replace("</table>", "</table></div>")
        html = html.replace("<pre>", '<pre tabindex="0">')
        return Markup(html)  # safe: markdown-it escapes raw HTML (html=False)
