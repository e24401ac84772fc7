"""The proxy's own bar at the top of every page: original page link, mode switch, notices.

"View original page" is always there, so a reader who needs something the
transformed page lacks is never stuck (WCAG 3.2.3 consistent navigation: same
place, same order on every page). The bar is a labelled region, in Chinese
with English beside it, and holds an empty status element that the web
layer fills when it has to serve a stored copy (stale-if-error).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext
from ..dom import append, element, prepend
from ..modes import LABELS_EN, LABELS_ZH, MODES
from ..urls import proxy_path

BAR_ID = "a11y-proxy-bar"
#: The exact bytes the web layer replaces to show a notice on a cached page.
NOTICE_PLACEHOLDER = b'<div id="a11y-proxy-notice" role="status"></div>'
STYLESHEET = "/static/proxy.css"


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    head, body = tree.head, tree.body
    if head is None or body is None:  # pragma: no cover - the parser always creates both
        return
    append(head, element(tree, "link", rel="stylesheet", href=STYLESHEET))

    bar = element(
        tree,
        "div",
        id=BAR_ID,
        class_=BAR_ID,
        role="region",
        lang="zh-CN",
        aria_label="无障碍浏览服务 Accessibility proxy",
    )
    if ctx.skip_target:
        # WCAG 2.4.1: the first focusable element on the page skips to the content.
        append(bar, element(tree, "a", "跳到主要内容", href=f"#{ctx.skip_target}", class_="a11y-proxy-skip"))
    for sheet in ctx.stylesheets:
        append(head, element(tree, "link", rel="stylesheet", href=sheet))
    notice = element(tree, "div", id="a11y-proxy-notice", role="status")
    append(bar, notice)

    row = element(tree, "p", class_="a11y-proxy-row")
    original = element(
        tree, "a", "查看原网页", href=ctx.url, rel="noopener noreferrer", class_="a11y-proxy-original"
    )
    append(original, element(tree, "span", " View original page", lang="en"))
    append(row, original)

    modes = element(tree, "span", class_="a11y-proxy-modes")
    append(modes, element(tree, "span", "阅读模式:", class_="a11y-proxy-label"))
    for mode in MODES:
        attrs = {"href": proxy_path(mode, ctx.url), "hreflang": "zh-CN"}
        if mode == ctx.mode:
            attrs["aria-current"] = "page"
        link = element(tree, "a", LABELS_ZH[mode], **attrs)
        append(link, element(tree, "span", f" {LABELS_EN[mode]}", lang="en"))
        append(modes, link)
    append(row, modes)
    append(row, element(tree, "a", "服务首页", href="/", class_="a11y-proxy-home"))
    append(bar, row)

    prepend(body, bar)
    title = tree.css_first("title")
    ctx.title = title.text(deep=True).strip() if title is not None else ""
