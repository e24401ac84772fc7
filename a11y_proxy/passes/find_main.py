"""Find the main content block once, for the passes that follow (landmarks, headings, elder layout)."""

from __future__ import annotations

from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext
from ..main_content import find_main


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    found = find_main(tree, ctx.main_selector, urlsplit(ctx.url).hostname or "")
    if found is not None:
        ctx.main = found.node
        ctx.main_source = found.source
