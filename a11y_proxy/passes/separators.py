"""The characters drawn between links (>, >>, |, 丨, /), out of what a screen reader says.

当前位置：首页 > 政务公开 > 年报 is read "首页 大于 政务公开 大于 年报" by a screen
reader that speaks symbols (NVDA's Chinese symbol table says 大于 for ``>``,
竖线 for ``|``; VoiceOver and Orca read them too), and a footer's
关于我们 丨 网站地图 丨 联系我们 puts a word between every two links. The
characters only draw the list; that it is a trail the navigation landmark
says, that they are links the reader hears (WAI-ARIA APG breadcrumb
pattern: separators are decoration, left out of the accessibility tree).
Each run standing alone is put in a ``<span aria-hidden="true">``: still
seen, never said.

- Between two links anywhere, in every mode: a text of nothing but
  separators, the only thing between them (``</a> 丨 <a>``).
- In the breadcrumb trail (:func:`a11y_proxy.crumbs.find_trail`), in 无障碍
  and 纯文本, also before a step that is not a link and at the start of a
  cell (zjfgw's ``<td> &gt;<a>``), and a separator in an element of its own
  (shanxi's ``<span>&gt;</span>``). 适老版 rebuilt its trail with hidden
  separators of its own (``elder_layout``).
"""

from __future__ import annotations

import functools
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..crumbs import find_trail
from ..dom import before, element, wrap

#: Characters portals draw between links and a trail's steps. Not "-" or
#: "—", which stand between the two ends of a range as well.
_SEPARATOR_CHARS = r">»›〉》→＞/\\|｜丨·"
#: A run of them standing alone: at an end of its text or between spaces.
_ALONE_RUN = rf"(?:(?<=\s)|^)[{_SEPARATOR_CHARS}]+(?=\s|$)"
_SEPARATOR = re.compile(_ALONE_RUN)
_HAS_SEPARATOR = re.compile(rf"[{_SEPARATOR_CHARS}]")
#: A text of nothing but one run of them (the no-break spaces of
#: &nbsp;&gt;&nbsp; are \s).
_ALONE = re.compile(rf"\s*[{_SEPARATOR_CHARS}]+\s*")
#: Elements a separator of its own is drawn in.
_INLINE = frozenset(("span", "font", "i", "em", "b", "strong", "small"))


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    if ctx.mode != "elder":
        trail = find_trail(tree)
        if trail is not None:
            hide_in_trail(tree, trail)
    _hide_between_links(tree)


def _hide_between_links(tree: LexborHTMLParser) -> None:
    # "a + a" is a link whose element sibling before it is a link, whatever
    # text stands between: Lexbor finds the few a page has (8-48 on the
    # corpus pages but for stats.gov.cn's 153) without a walk from Python.
    for link in tree.css("a + a"):
        text = link.prev
        if text is None or not text.is_text_node or not _ALONE.fullmatch(text.text() or ""):
            continue
        previous = text.prev
        if previous is not None and previous.tag == "a":
            # The whole text, its spaces too: one element, no text split (stats.gov.cn
            # has 140 of these a page).
            wrap(tree, text, "span", aria_hidden="true")


def hide_in_trail(tree: LexborHTMLParser, trail: LexborNode) -> None:
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
        _wrap(tree, node, text, _runs(_is_link(node.prev), _is_link(node.next)))


@functools.cache
def _runs(after_link: bool, before_link: bool) -> re.Pattern[str]:
    """The separator runs to hide in a text of a trail: those standing alone, and,
    in a text right after a link or right before one, the run joined to its words
    at that end (ccgp-hebei's 采购公告</a>&gt;中标公告)."""
    runs = [_ALONE_RUN]
    if after_link:
        runs.insert(0, rf"^[{_SEPARATOR_CHARS}]+")
    if before_link:
        runs.append(rf"[{_SEPARATOR_CHARS}]+$")
    return re.compile("|".join(runs))


def _is_link(node: LexborNode | None) -> bool:
    return node is not None and node.tag == "a"


def _wrap(tree: LexborHTMLParser, node: LexborNode, text: str, pattern: re.Pattern[str] = _SEPARATOR) -> None:
    """The text node ``node`` as its words, each separator run ``pattern`` finds hidden."""
    pieces: list[tuple[str, str]] = []
    end = 0
    for m in pattern.finditer(text):
        pieces.append((text[end : m.start()], m.group()))
        end = m.end()
    if not pieces:
        return
    pieces.append((text[end:], ""))
    for words, separator in pieces:
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
