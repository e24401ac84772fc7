"""Links whose address only a script knew lead there again.

Portals write many links as ``<a href="javascript:void(0)"
onclick="window.open('/zwgk/tzgg/202101/t20210105_1.html')">`` (to count a
click, to open a new window, out of habit), and make whole list items, cells
or pictures clickable with ``onclick="location.href='…'"``. With no upstream
script such a link goes nowhere: its words stay, its destination is lost, and
a reader who follows it is stuck (WCAG 2.1.1, 2.4.4, 4.1.2). When the script
is a single navigation to one literal address (``window.open``,
``location.href =``, ``location.assign``/``replace``, ``window.location =``,
with ``top``/``parent``/``self``/``document`` in front), that address becomes
the link's ``href``; an element that is not a link and holds none becomes one
(its content inside an ``<a>``). ``window.open`` to a new window keeps
``target="_blank"``, which the links pass announces or removes as each mode
does. Addresses built in script (``'…?id=' + id``), templates (``${path}``) and
``javascript:`` addresses are not guessed at. This pass runs before
neutralise_scripts, which removes the handlers it reads, and before the link
rewriter, which sends the new addresses through the proxy like any other.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, before, children, element

#: A whole string literal: no concatenation, no escapes, no spaces.
_QUOTED = r"""(['"])([^'"\\\s]{1,2000})\1"""
_START = r"^\s*(?:javascript:\s*)?"
_HOST = r"(?:(?:window|top|parent|self|document)\s*\.\s*)?"
_END = r"\s*(?:;\s*(?:return\s+false\s*;?\s*)?)?$"
_OPEN = re.compile(
    rf"{_START}(?:window\s*\.\s*)?open\s*\(\s*{_QUOTED}\s*([,)])(.*)$", re.IGNORECASE | re.DOTALL
)
_ASSIGN = re.compile(rf"{_START}{_HOST}location(?:\s*\.\s*href)?\s*=\s*{_QUOTED}{_END}", re.IGNORECASE)
_CALL = re.compile(
    rf"{_START}{_HOST}location\s*\.\s*(?:assign|replace)\s*\(\s*{_QUOTED}\s*\){_END}", re.IGNORECASE
)
#: window.open's second argument when it names the same window.
_SAME_WINDOW = re.compile(r"""^\s*(['"])_(?:self|top|parent)\1""", re.IGNORECASE)
_NOT_AN_ADDRESS = re.compile(r"^\s*(?:javascript:|vbscript:|data:|#)|[{}<>$`]|%>", re.IGNORECASE)
#: Elements made clickable whole; their content goes inside a new <a>.
_CLICKABLE = frozenset(("li", "td", "div", "span", "p", "img", "font"))
_INTERACTIVE = "a, button, input, select, textarea, iframe, label"


def destination(script: str) -> tuple[str, bool] | None:
    """The one literal address a script navigates to, and whether to a new window."""
    new_window = False
    match = _OPEN.match(script)
    if match is not None:
        new_window = not (match.group(3) == "," and _SAME_WINDOW.match(match.group(4)))
    else:
        match = _ASSIGN.match(script) or _CALL.match(script)
    if match is None:
        return None
    url = match.group(2)
    if _NOT_AN_ADDRESS.search(url):
        return None
    return url, new_window


def _link_destination(link: LexborNode) -> tuple[str, bool] | None:
    """Where a link's ``javascript:`` address, else its handler, goes."""
    href = (link.attrs.get("href") or "").strip()
    found = destination(href) if href.lower().startswith("javascript:") else None
    return found or destination(link.attrs.get("onclick") or "")


def _dead_href(node: LexborNode) -> bool:
    href = (node.attrs.get("href") or "").strip().lower()
    return href in ("", "#") or href.startswith("javascript:")


def _point(link: LexborNode, found: tuple[str, bool]) -> None:
    link.attrs["href"] = found[0]
    if found[1]:
        link.attrs["target"] = "_blank"


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    # One walk for every element with a handler or a script address (a few
    # dozen on a page); what each is decides what is done.
    for node in tree.css('[onclick], a[href^="javascript:" i]'):
        if node.tag == "a":
            if not _dead_href(node):
                continue  # a link that goes somewhere already: its handler only counted a click
            found = _link_destination(node)
            if found is not None:
                _point(node, found)
            continue
        if node.tag not in _CLICKABLE or node.css_first(_INTERACTIVE) is not None:
            continue
        found = destination(node.attrs.get("onclick") or "")
        if found is None:
            continue
        link = element(tree, "a")
        _point(link, found)
        if node.tag == "img":
            before(node, link)
            append(link, node)
        else:
            for child in children(node):
                append(link, child)
            append(node, link)
