"""What the portal's header and footer scripts wrote is written where they were.

The pipeline fetched the page's parser-inserted scripts from the sites the
proxy serves and read the HTML their top-level ``document.write`` calls of
string literals write (:mod:`a11y_proxy.write_includes`); ``ctx.script_writes``
holds it by each script's ``src``. Here each such ``<script src>`` is replaced
by that HTML, parsed in the script's place, as the browser's parser inserts
what a script writes at the script (HTML "document.write()": the input is
inserted at the insertion point, just after the script element).

This is the first pass of all: everything after it (the other recoveries,
the removal of every upstream script, the link rewriting, the repairs) sees
the written header, menu, search and footer as part of the page.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext
from ..dom import before, children, element


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    if not ctx.script_writes:
        return
    for script in tree.css("script[src]"):
        written = ctx.script_writes.get(script.attrs.get("src") or "")
        if written is None:
            continue
        # Parsed inside a <div> of this page, then moved out: what a script in
        # <head> writes goes into <head> only as far as HTML lets it there.
        holder = element(tree, "div")
        holder.inner_html = written
        for node in children(holder):
            before(script, node)
        script.decompose()
