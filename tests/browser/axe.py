"""Run axe-core (the pinned copy in tests/browser/node_modules) in a Playwright page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0/2.1/2.2 A and AA, plus best practice (issue #3's bar).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page: Page) -> list[dict[str, Any]]:
    """The violations axe-core finds in the page as it is now."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run scripts/install --test")
    # Added as an isolated script through CDP-free evaluation: the proxy's CSP
    # forbids page scripts, and Playwright's evaluate runs outside CSP.
    page.evaluate(AXE_JS.read_text("utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [
            ", ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
            for n in v["nodes"][:3]
        ]
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} -> {targets}")
    return "\n".join(lines)
