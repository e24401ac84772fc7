"""Write the page links a portal's script would have written (TRS ``createPageHTML``).

TRS WCM, the content system most government portals are built with,
publishes a column's list of notices as ``index.html``, ``index_1.html`` …
``index_{n-1}.html`` and writes the links between those pages with a script
at the foot of the list::

    <script>createPageHTML(25, 0, "index", "html");</script>

(the number of pages, the current page counted from 0, the file name and its
extension; an article split over pages uses its own name the same way,
``t20190918_693227_1.shtml``). No upstream script runs under the proxy, so
without this pass a reader would get page 1 alone and never reach an older
notice: the mirror proxies' "lost dynamic content". The proxy writes the
same links in HTML where the call was, as a navigation region named 分页
(WCAG 1.3.1, 2.4.5), the current page marked ``aria-current="page"``
(WAI-ARIA 1.2) and told in words ("第 3 页,共 25 页"), 上一页/下一页 with
``rel=prev/next`` (HTML "link types"). Later passes send the links through
the proxy like any other.

TRS's older pager writes the same links from variables in the page itself
(``var currentPage = 0; var countPage = 10``, ``"index" + "_" + i + "." +
"html"``); it is read when the script also names the first page outright.

Only a call whose page count and index are whole numbers (literal, or names
the same script sets to one) and whose name and extension are plain file
name parts is taken; anything else stays a script, which neutralise_scripts
removes. This pass must run before it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import ADDED_CLASS, append, element, place_block

CLASS = "a11y-proxy-pager"
_NUMBER_OR_NAME = r"(\d{1,6}|[A-Za-z_$][\w$]{0,40})"
_CALL = re.compile(
    r"createPageHTML\s*\(\s*" + _NUMBER_OR_NAME + r"\s*,\s*" + _NUMBER_OR_NAME + r"\s*,\s*"
    r"([\"'])([A-Za-z0-9_.\-]{1,120})\3\s*,\s*([\"'])([A-Za-z0-9]{1,8})\5\s*\)"
)
#: The older TRS pager's settings and the pieces its links are built from.
_COUNT_PAGE = re.compile(r"\bvar\s+countPage\s*=\s*(\d{1,6})\b")
_CURRENT_PAGE = re.compile(r"\bvar\s+currentPage\s*=\s*(\d{1,6})\b")
_BUILT_NAME = re.compile(r"([A-Za-z0-9_\-]{1,120})\"\s*\+\s*\"_\"\s*\+")
_BUILT_EXT = re.compile(r"\"\.\"\s*\+\s*\"([A-Za-z0-9]{1,8})\\?\"")
#: More pages than this and the numbers shown are a window around the
#: current one (a screen reader user tabs through every number).
_ALL_NUMBERS_UP_TO = 9
_WINDOW = 2
_MAX_PAGES = 100_000


def _value(token: str, script: str) -> int | None:
    if token.isdigit():
        return int(token)
    # The name's last whole-number assignment before the call in the same script
    # (TRS templates: var countPage = 25).
    found = re.findall(rf"(?<![\w$.]){re.escape(token)}\s*=\s*(\d{{1,6}})(?!\s*[\w.(])", script)
    return int(found[-1]) if found else None


def _page_file(name: str, ext: str, index: int) -> str:
    return f"{name}.{ext}" if index == 0 else f"{name}_{index}.{ext}"


def _numbers(count: int, current: int) -> list[int | None]:
    """Page indexes to link, with None where a run of them is left out."""
    if count <= _ALL_NUMBERS_UP_TO:
        return list(range(count))
    shown = {0, count - 1, *range(max(0, current - _WINDOW), min(count, current + _WINDOW + 1))}
    out: list[int | None] = []
    last = -1
    for index in sorted(shown):
        if last >= 0 and index - last > 1:
            out.append(None)
        out.append(index)
        last = index
    return out


def pager(tree: LexborHTMLParser, count: int, current: int, name: str, ext: str) -> LexborNode:
    """The navigation the script would have written, in HTML."""
    nav = element(tree, "nav", class_=CLASS, aria_label="分页")
    append(nav, element(tree, "p", f"第 {current + 1} 页,共 {count} 页", class_=ADDED_CLASS))
    items = append(nav, element(tree, "ul"))

    def item(text: str, index: int, **attrs: str) -> None:
        li = append(items, element(tree, "li"))
        append(li, element(tree, "a", text, href=_page_file(name, ext, index), **attrs))

    if current > 0:
        item("首页", 0)
        item("上一页", current - 1, rel="prev")
    for index in _numbers(count, current):
        if index is None:
            append(items, element(tree, "li", "…", aria_hidden="true"))
        elif index == current:
            item(str(index + 1), index, aria_current="page", aria_label=f"第{index + 1}页,当前页")
        else:
            item(str(index + 1), index, aria_label=f"第{index + 1}页")
    if current < count - 1:
        item("下一页", current + 1, rel="next")
        item("尾页", count - 1)
    return nav


def _call_pager(code: str) -> tuple[int, int, str, str] | None:
    """createPageHTML(count, index, "name", "ext"), with its counts read."""
    match = _CALL.search(code)
    if match is None:
        return None
    count = _value(match.group(1), code[: match.start()])
    current = _value(match.group(2), code[: match.start()])
    if count is None or current is None:
        return None
    return count, current, match.group(4), match.group(6)


def _variable_pager(code: str) -> tuple[int, int, str, str] | None:
    """The older TRS pager, written out in the page: ``var currentPage = 0;``,
    ``var countPage = 10``, and links built as ``"index" + "_" + i + "." + "html"``
    (page 0 is ``index.html``, which the script also names outright)."""
    count = _COUNT_PAGE.search(code)
    current = _CURRENT_PAGE.search(code)
    name = _BUILT_NAME.search(code)
    ext = _BUILT_EXT.search(code)
    if not (count and current and name and ext):
        return None
    first = f"{name.group(1)}.{ext.group(1)}"
    if first not in code:
        return None  # the first page's own address confirms how the others are named
    return int(count.group(1)), int(current.group(1)), name.group(1), ext.group(1)


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    # Asked of the page's scripts, not of its whole source: Lexbor keeps their
    # texts (one scan of a few KB, reused by the next pass while the tree is
    # unchanged), where each word asked of a 340 KB page cost 0.1-0.15 ms.
    if not tree.scripts_contain("createPageHTML") and not tree.scripts_contain("countPage"):
        return
    for script in tree.css("script"):
        code = script.text(deep=True)
        found = _call_pager(code) or _variable_pager(code)
        if found is None:
            continue
        count, current, name, ext = found
        if not 1 < count <= _MAX_PAGES or not 0 <= current < count:
            continue  # one page writes nothing (as the script does); nonsense is left alone
        place_block(script, pager(tree, count, current, name, ext))
