"""A page that only its script sends on leads on without the script.

Portal roots and moved columns are often a page of nothing but
``<script>window.location.href = "/col/col1/index.html";</script>`` (or
``location.replace(…)``, ``top.location = …``, ``<body onload="…">``). With no
upstream script the reader gets an empty page under the proxy's bar: the
first page they open, the portal's address, shows nothing.

When an inline script is, all of it, one navigation to one literal address
in the same window (read by :func:`~.script_links.destination`, so nothing
built in script is guessed at, and nothing conditional: ``if (mobile)
location.href = …`` is more than one statement), the page gets what HTML
says for an instant redirect: ``<meta http-equiv="refresh" content="0;url=…">``
(WCAG technique G110), and a link to the same address first in the body,
for a reader whose browser does not follow refreshes. The link rewriter,
after this pass, sends both through the proxy in the same mode; an address
outside the proxy keeps only its link, marked as leaving.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext
from ..dom import ADDED_CLASS, append, before, element
from .script_links import destination

#: Comments around and inside an old inline script (``<!-- … //-->``, ``/* */``, ``//`` lines).
_COMMENTS = re.compile(r"/\*.*?\*/|^\s*//[^\n]*$|<!--|-->", re.DOTALL | re.MULTILINE)
#: A script of one navigation, with its comments, is short.
_MAX_SCRIPT_CHARS = 1000
#: Script types a browser runs (HTML "classic" and module scripts).
_RUNS = re.compile(r"^\s*(?:|(?:text|application)/(?:x-)?(?:java|ecma)script|module)\s*$", re.IGNORECASE)


def redirect_target(tree: LexborHTMLParser) -> str | None:
    """The address the page's own script sends the reader to at once, if it does only that."""
    for script in tree.css("script:not([src])"):
        if not _RUNS.match(script.attrs.get("type") or ""):
            continue
        code = script.text(deep=True) or ""
        if len(code) > _MAX_SCRIPT_CHARS or "location" not in code:
            continue  # the libraries and statistics scripts of every page: not one statement
        code = _COMMENTS.sub("", code).strip()
        found = destination(code) if code else None
        if found is not None and not found[1]:
            return found[0]
    body = tree.body
    onload = body.attrs.get("onload") if body is not None else None
    found = destination(onload) if onload else None
    return found[0] if found is not None and not found[1] else None


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    target = redirect_target(tree)
    head, body = tree.head, tree.body
    if target is None or head is None or body is None:
        return
    append(head, element(tree, "meta", http_equiv="refresh", content=f"0;url={target}"))
    note = element(
        tree, "p", "这个网页会自动转到另一个网页。没有转过去时,请", class_=ADDED_CLASS, lang="zh-CN"
    )
    append(note, element(tree, "a", "打开转到的网页", href=target))
    note.insert_child("。")
    first = body.child
    if first is None:
        append(body, note)
    else:
        before(first, note)
