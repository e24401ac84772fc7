"""What a page's MVVM framework was to render from its data, left unrendered.

Fujian's provincial platform (pingtan.gov.cn, and every county site on it)
writes its pages as Avalon templates; newer portals use Vue, older ones
AngularJS. The server sends the template and the framework renders it in the
browser from data it fetches: rows repeated from a list (``ms-repeat``,
``v-for``, ``ng-repeat``) and blocks shown only while a condition holds
(``ms-if``, ``ms-visible``, ``v-if``, ``v-show``, ``ng-if``, ``ng-show``). No
upstream script runs here, so the template itself is what a reader got:

- A template row with nothing of its own (its words and its address bound to
  data: ``<p ms-repeat="list"><a ms-attr-href="el.url" ms-text="el.title"></a></p>``,
  or ``{{el.title}}``) goes. A page saved after its framework ran holds the
  rendered rows, each with its words: those stay.
- A conditional block that is the script's controls and nothing else (links
  that lead nowhere, a script's or an address bound to data, and a few
  words) goes: pingtan's "登录 登录 注册 注册" (the ``ms-if`` alternatives of two
  login systems, both written), its 全真版 | 文字版 switch and 文件下载 link,
  shown only when a scanned copy exists. So does a block left holding only
  its label once its rows went ("相关链接:"). The framework showed these
  working, or not at all; here they were words that do nothing, or a label
  over nothing, at which a screen reader still stops (WCAG 2.4.4, 1.3.1).
- A form whose address the framework was to fill in (``ms-attr-action``,
  ``:action``, ``ng-attr-action``) and that has none of its own goes: the
  link pass pointed it at the page itself, so it could only bring the same
  page back (pingtan's header search, beside its working one).

Runs after the link passes (a script's ``javascript:`` address is gone by
then, so a link to nowhere is an ``<a>`` without ``href``), after
:mod:`.portal_overlay` (pingtan's 长者模式 is such a link, shown while
``!isSlb``: it becomes the way to the proxy's 适老版) and before
:mod:`.links`, which would make the rest plain words.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import EMBEDDED_OR_CONTROLS, ancestor_ids, decompose_outermost, dense_len, inside_any
from ..link_policy import Kind

#: Directive attributes, asked of Lexbor by name (with AngularJS's ``data-``
#: form). ``ms-if-loop`` is not among them: it filters rows, it shows nothing.
_REPEATS = ("ms-repeat", "ms-each", "ms-for", "v-for", "ng-repeat", "ng-repeat-start", "data-ng-repeat")
_CONDITIONS = (
    "ms-if",
    "ms-visible",
    "v-if",
    "v-else-if",
    "v-else",
    "v-show",
    "ng-if",
    "ng-show",
    "ng-hide",
    "data-ng-if",
    "data-ng-show",
    "data-ng-hide",
)
#: Avalon 1 also names the row's variable in the attribute (``ms-repeat-item``).
_NAMED_REPEAT = re.compile(r"ms-(?:repeat|each)-[\w-]+")
#: What the source must hold for any of them to be there: plain substring
#: tests (a regex over the whole page cost more than the rest of the pass),
#: and few (each is ~0.08 ms on a 90 KB page), each with the space before an
#: attribute's name ("ng-" alone is in "loading-", "ms-" in "items-": the
#: selectors then cost 0.5-1 ms for nothing). A Vue template with neither
#: v-for nor v-if (v-show alone) is left as it is.
_AVALON_MARK = " ms-"
_MARKS = (" ng-", "data-ng-", " v-for", " v-if")
#: A value the framework was to put in: ``{{el.title}}``, also once the link
#: pass has resolved it into an address (``%7B%7Bel.url%7D%7D``).
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|%7B%7B.*?%7D%7D", re.IGNORECASE | re.DOTALL)
#: Embedded content a row may show without words, if its address is real.
_SOURCED = frozenset({"img", "video", "audio", "iframe", "embed", "object"})
#: A label is a few words ("相关链接:"), as in :mod:`.empty_sections`.
_LABEL_CHARS = 16
#: What a block of the script's controls never holds.
_CONTENT = "a[href], " + EMBEDDED_OR_CONTROLS
#: A form's address bound to data (Lexbor reads a colon as a namespace: escaped).
_BOUND_ACTION = (
    "form[ms-attr-action], form[v-bind\\:action], form[\\:action], form[ng-attr-action], "
    "form[data-ng-attr-action]"
)
#: Never the whole page, nor a form: its fields are the reader's to fill.
_KEPT = frozenset({"html", "head", "body", "main", "form"})


def _words(node: LexborNode) -> str:
    text = node.text(deep=True) or ""
    return _PLACEHOLDER.sub("", text).strip() if "{{" in text or "%7B" in text else text.strip()


def _shows_something(row: LexborNode) -> bool:
    """A row's own words, or a picture, a control, something embedded from a real address."""
    if _words(row):
        return True
    for item in row.css(EMBEDDED_OR_CONTROLS):
        if item.tag not in _SOURCED:
            return True  # svg, canvas, a control
        src = item.attrs.get("src") or item.attrs.get("data") or ""
        if src.strip() and not _PLACEHOLDER.search(src):
            return True
    return False


def _nowhere_link(node: LexborNode) -> bool:
    """A link a script was to act on or an address bound to data: words and no
    ``href`` (a fragment target, ``<a name="top"></a>``, has no words)."""
    return any("href" not in a.attrs and _words(a) for a in node.css("a"))


def _script_controls(node: LexborNode, held_rows: bool) -> bool:
    # The words first, in C: most conditional blocks of a rendered page hold a
    # paragraph or a list, and asking each for links cost more than the rest.
    if node.tag in _KEPT or dense_len(_words(node)) > _LABEL_CHARS:
        return False
    if node.css_first(_CONTENT) is not None:
        return False
    return held_rows or _nowhere_link(node)


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    source = ctx.source
    avalon = _AVALON_MARK in source
    if not avalon and not any(mark in source for mark in _MARKS):
        return  # most pages: no framework at all
    names = list(_REPEATS)
    # Two more scans of the page only where Avalon's own mark is (0.3 ms on
    # nfra's AngularJS page, which has none).
    if avalon and ("ms-repeat-" in source or "ms-each-" in source):
        names += sorted({m.lower() for m in _NAMED_REPEAT.findall(source)})
    repeat = ", ".join(f"[{name}]" for name in names)
    condition = ", ".join(f"[{name}]" for name in _CONDITIONS)
    rows = [row for row in tree.css(repeat) if not _shows_something(row)]
    row_ids = {row.mem_id for row in rows}
    blocks = [
        block
        for block in tree.css(condition)
        if block.mem_id not in row_ids and not (row_ids and inside_any(block, row_ids))
    ]
    held = ancestor_ids(rows)  # the blocks that held a row
    decompose_outermost(rows)
    doomed = [block for block in blocks if _script_controls(block, block.mem_id in held)]
    here = ctx.policy().href(ctx.url, Kind.NAVIGATION)
    doomed += [form for form in tree.css(_BOUND_ACTION) if form.attrs.get("action") == here]
    decompose_outermost(doomed)
