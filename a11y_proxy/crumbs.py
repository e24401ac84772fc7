"""The page's breadcrumb trail (当前位置:首页 > 政务公开 > 年报): how it starts, and finding it.

One definition for every pass that treats the trail: ``landmarks`` makes it
a navigation named 当前位置 (WAI-ARIA APG breadcrumb pattern), ``elder_layout``
rebuilds it above the content, ``separators`` keeps its ``>`` out of
what a screen reader says, and ``main_content`` keeps it with a column's list.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dom import class_and_id, clean_text

#: How a breadcrumb trail begins: 当前位置：首页 > 政务公开 > 年报 (您当前位置：, ccgp-hebei's).
CRUMB_TEXT = re.compile(r"^\s*(?:您?当前(?:所在)?位置|您的位置|您现在的位置|所在位置|当前页面)")
#: What a trail with no such words reads as: three or more steps of a few words,
#: each pointing on to the next (gd.gov.cn's 首页 > 要闻动态 > 政务专题 > 要闻报道,
#: in a <div class="pos">), two or more of them links. Not "|", which a row of
#: menu links has between them.
_STEPS = re.compile(r"^[^>»›→〉]{1,40}(?:[>»›→〉]+[^>»›→〉]{1,40}){2,}$")
#: A breadcrumb trail is no longer than this.
TRAIL_CHARS = 200
# The class and id patterns are matched on lower-cased text, not with re.I,
# under which Python's re tries every alternative at every position (2.6 µs
# a block; nfra has 391 that could be a breadcrumb).
_NAMED = re.compile(r"position|crumb|bread|location|dqwz|weizhi|path|curr")
_NOT_IN_TRAIL = "table:not([data-a11y-layout]), ul ul"
#: Blocks with a link and no data table or nested list inside (a menu is no
#: trail; a layout table, zjfgw's trail of one cell a step, may be), found by
#: Lexbor: the only ones that can be a breadcrumb trail. Asking each block of
#: a page from Python cost ~2 ms on a page of 700 blocks.
_CANDIDATES = ", ".join(
    f"{tag}:has(a[href]):not(:has({_NOT_IN_TRAIL}))" for tag in ("div", "p", "span", "td", "nav", "ul", "ol")
)


def find_trail(tree: LexborHTMLParser) -> LexborNode | None:
    """The first block that reads as a breadcrumb trail: short, with links, no data
    table or nested list, starting with 当前位置, its steps one > the next, or named so."""
    candidates = tree.css(_CANDIDATES)
    # Texts are read innermost first (reversed document order puts every block
    # after the blocks inside it): a block around one too long to be a trail
    # is too long itself, since its text holds the other's, so the page's
    # wrappers, each holding the whole page's text, are never read (they were
    # half this search on nfra's 340 KB page).
    too_long: set[int] = set()
    texts: dict[int, str] = {}
    for node in reversed(candidates):
        key = node.mem_id
        if key not in too_long:
            text = clean_text(node)
            if len(text) <= TRAIL_CHARS:
                texts[key] = text
                continue
        parent = node.parent
        while parent is not None and parent.mem_id not in too_long:
            too_long.add(parent.mem_id)
            parent = parent.parent
    for node in candidates:
        text = texts.get(node.mem_id, "")
        if not text:
            continue
        if not reads_as_trail(node, text):
            continue
        # The selector's :has(ul ul) looks only inside the block; a list inside
        # it nested in a list around it counts too.
        if node.css_first(_NOT_IN_TRAIL) is None:
            return node
    return None


def reads_as_trail(node: LexborNode, text: str) -> bool:
    """Whether a block with the words ``text`` (collapsed, no longer than a trail)
    starts like a trail, reads as its steps, or is named for one."""
    if CRUMB_TEXT.match(text) or _NAMED.search(class_and_id(node).lower()):
        return True
    # Steps of links, at least two of them: "甲 > 乙 > 丙" in a sentence is no trail.
    return _STEPS.match(text) is not None and len(node.css("a[href]")) >= 2


#: Blocks a trail can be wrapped in a landmark as: not a table's rows or cells.
_BLOCKS = frozenset(("div", "p", "span", "nav", "ul", "ol", "table", "section"))


def trail_around(node: LexborNode, within: LexborNode) -> LexborNode | None:
    """``node`` or the block around it, inside ``within``, that is a breadcrumb
    trail: a header's nested table of steps is the trail's, not a menu."""
    block: LexborNode | None = node
    while block is not None and block.mem_id != within.mem_id:
        text = clean_text(block)
        if len(text) > TRAIL_CHARS:
            return None
        if block.tag in _BLOCKS and text and reads_as_trail(block, text):
            return block
        block = block.parent
    return None
