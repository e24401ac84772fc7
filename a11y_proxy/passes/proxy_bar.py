"""The proxy's own bar at the top of every page: original page link, mode switch, notices.

"View original page" is always there, so a reader who needs something the
transformed page lacks is never stuck (WCAG 3.2.3 consistent navigation: same
place, same order on every page). The bar is a labelled region, in Chinese
with English beside it, and holds an empty status element that the web
layer fills when it has to serve a stored copy (stale-if-error).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..modes import LABELS_EN, LABELS_ZH, MODES
from ..urls import proxy_path

BAR_ID = "a11y-proxy-bar"
#: The exact bytes the web layer replaces to show a notice on a cached page.
NOTICE_PLACEHOLDER = b'<div id="a11y-proxy-notice" role="status"></div>'
STYLESHEET = "/static/proxy.css"


def _el(tree: LexborHTMLParser, tag: str, text: str | None = None, **attrs: str) -> LexborNode:
    node = tree.create_node(tag)
    for k, v in attrs.items():
        node.attrs[k.rstrip("_").replace("_", "-")] = v
    if text is not None:
        node.insert_child(text)
    return node


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    head, body = tree.head, tree.body
    if head is None or body is None:  # pragma: no cover - the parser always creates both
        return
    head.insert_child(_el(tree, "link", rel="stylesheet", href=STYLESHEET))

    bar = _el(
        tree,
        "div",
        id=BAR_ID,
        class_=BAR_ID,
        role="region",
        lang="zh-CN",
        aria_label="无障碍浏览服务 Accessibility proxy",
    )
    notice = _el(tree, "div", id="a11y-proxy-notice", role="status")
    bar.insert_child(notice)

    row = _el(tree, "p", class_="a11y-proxy-row")
    original = _el(
        tree, "a", "查看原网页", href=ctx.url, rel="noopener noreferrer", class_="a11y-proxy-original"
    )
    original.insert_child(_el(tree, "span", " View original page", lang="en"))
    row.insert_child(original)

    modes = _el(tree, "span", class_="a11y-proxy-modes")
    modes.insert_child(_el(tree, "span", "阅读模式:", class_="a11y-proxy-label"))
    for mode in MODES:
        attrs = {"href": proxy_path(mode, ctx.url), "hreflang": "zh-CN"}
        if mode == ctx.mode:
            attrs["aria-current"] = "page"
        link = _el(tree, "a", LABELS_ZH[mode], **attrs)
        link.insert_child(_el(tree, "span", f" {LABELS_EN[mode]}", lang="en"))
        modes.insert_child(link)
    row.insert_child(modes)
    row.insert_child(_el(tree, "a", "服务首页", href="/", class_="a11y-proxy-home"))
    bar.insert_child(row)

    first = body.child
    if first is not None:
        first.insert_before(bar)
    else:
        body.insert_child(bar)
    title = tree.css_first("title")
    ctx.title = title.text(deep=True).strip() if title is not None else ""
