"""The separators of the breadcrumb trail, out of what a screen reader says.

当前位置：首页 > 政务公开 > 年报 is read "首页 大于 政务公开 大于 年报" by a screen
reader that speaks symbols (NVDA's Chinese symbol table says 大于 for ``>``;
VoiceOver and Orca read it too), and ``>>`` twice over. The separators only
draw the trail; that it is a trail the navigation landmark says (WAI-ARIA
APG breadcrumb pattern: separators are decoration, left out of the
accessibility tree). Each run of ``>``, ``»``, ``›``, ``/``… standing alone
between the steps is put in a ``<span aria-hidden="true">``: still seen,
never said. 适老版 rebuilds its trail with hidden separators of its own.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..crumbs import find_trail
from ..dom import before, element

#: Characters portals draw between a trail's steps.
_SEPARATOR_CHARS = r">»›〉》→＞/\\|\-－"
#: A run of them standing alone: at an end of its text or between spaces.
_SEPARATOR = re.compile(rf"(?:(?<=\s)|^)[{_SEPARATOR_CHARS}]+(?=\s|$)")
_HAS_SEPARATOR = re.compile(rf"[{_SEPARATOR_CHARS}]")
#: A text of nothing but one separator.
_ALONE = re.compile(rf"\s*[{_SEPARATOR_CHARS}]+\s*")
#: Elements a separator of its own is drawn in.
_INLINE = frozenset(("span", "font", "i", "em", "b", "strong", "small"))


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    trail = find_trail(tree)
    if trail is not None:
        hide_separators(tree, trail)


def hide_separators(tree: LexborHTMLParser, trail: LexborNode) -> None:
    texts = [
        node
        for node in trail.traverse(include_text=True)
        if node.is_text_node and _HAS_SEPARATOR.search(node.text() or "")
    ]
    for node in texts:
        parent = node.parent
        if parent is None or "aria-hidden" in parent.attrs or _in_link(node, trail):
            continue  # hidden already, or a step's own words ("A/B 类")
        text = node.text() or ""
        if parent.tag in _INLINE and _ALONE.fullmatch(text) and _only_child(node, parent):
            parent.attrs["aria-hidden"] = "true"  # shanxi's <span>&gt;</span>
            continue
        parts = _split(text)
        if parts is None:
            continue
        for words, separator in parts:
            if words:
                node.insert_before(words)
            if separator:
                before(node, element(tree, "span", separator, aria_hidden="true"))
        node.decompose()


def _in_link(node: LexborNode, trail: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != trail.mem_id:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _only_child(node: LexborNode, parent: LexborNode) -> bool:
    return parent.child is not None and parent.child.mem_id == node.mem_id and node.next is None


def _split(text: str) -> list[tuple[str, str]] | None:
    """``text`` as (words, separator) pairs, or None when no separator stands alone in it."""
    # The spaces a trail has are mostly no-break ones (&nbsp;&gt;&nbsp;): \s takes them.
    pieces: list[tuple[str, str]] = []
    end = 0
    for m in _SEPARATOR.finditer(text):
        pieces.append((text[end : m.start()], m.group()))
        end = m.end()
    if not pieces:
        return None
    pieces.append((text[end:], ""))
    return pieces
