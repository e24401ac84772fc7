"""What the portal's header and footer scripts wrote is written where they were.

The pipeline fetched the page's parser-inserted scripts from the sites the
proxy serves and read the HTML their top-level ``document.write`` calls of
string literals write (:mod:`a11y_proxy.write_includes`); ``ctx.script_writes``
holds it by each script's ``src``. Here each such ``<script src>`` is replaced
by that HTML, parsed in the script's place, as the browser's parser inserts
what a script writes at the script (HTML "document.write()": the input is
inserted at the insertion point, just after the script element). What a
script in ``<head>`` writes that cannot stay there (a ``<div>`` of menu)
starts the body instead, as the browser's parser puts it ("in head"
insertion mode: such a tag ends the head).

This is the first pass of all: everything after it (the other recoveries,
the removal of every upstream script, the link rewriting, the repairs) sees
the written header, menu, search and footer as part of the page. Each
written element carries a mark: the main-content finder does not take a
script's 热点专题 box for the column's list.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, before, children, element
from ..main_content import WRITTEN_MARK

#: What may stay in <head> (HTML "in head" insertion mode); anything else a
#: head script writes starts the body, as the browser's parser makes it.
_HEAD_ELEMENTS = frozenset(("meta", "link", "style", "title", "base", "script", "noscript", "template"))


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    if not ctx.script_writes:
        return
    to_body: list[LexborNode] = []
    for script in tree.css("script[src]"):
        written = ctx.script_writes.get(script.attrs.get("src") or "")
        if written is None:
            continue
        holder = element(tree, "div")
        holder.inner_html = written
        in_head = script.parent is not None and script.parent.tag == "head"
        for node in children(holder):
            if node.is_element_node:
                node.attrs[WRITTEN_MARK] = ""
            if (
                in_head
                and node.tag not in _HEAD_ELEMENTS
                and not (node.is_text_node or node.tag == "-comment")
            ):
                to_body.append(node)
            else:
                before(script, node)
        script.decompose()
    body = tree.body
    if to_body and body is not None:
        first = body.child
        for node in to_body:
            if first is None:
                append(body, node)
            else:
                before(first, node)
