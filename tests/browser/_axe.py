"""axe-core in a page: the pinned npm copy (frontend/node_modules) when installed, else the committed one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

REPO = Path(__file__).resolve().parent.parent.parent
INSTALLED = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
COMMITTED = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_source() -> str:
    return (INSTALLED if INSTALLED.exists() else COMMITTED).read_text()


def violations(page: Page) -> list[dict[str, Any]]:
    """Every serious or critical axe-core violation on the page as it is now, with its nodes."""
    page.add_script_tag(content=axe_source())
    found: list[dict[str, Any]] = page.evaluate("""async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })) }));
    }""")
    return [v for v in found if v["impact"] in BLOCKING]


def describe(found: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['impact']} {v['id']} ({v['help']}): " + "; ".join(
        f"{n['target']} -> {n['summary']}" for n in v["nodes"][:6]) for v in found)
