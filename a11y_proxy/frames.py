"""A frameset page, unfolded into a page that links to each of its frames.

Old county portals and many 依申请公开 systems still serve a ``<frameset>``
page: a header frame, a menu frame and a content frame, each its own
document. HTML makes ``<frameset>`` and ``<frame>`` obsolete and
non-conforming (HTML Standard §16.2); a frameset document has no body
("the body element" is then the frameset), so there is nowhere to put a skip
link, the mode switch or the phone code, and each frame would carry the
proxy's bar of its own. A screen reader announces frames one by one by their
``title`` (WCAG 4.1.2, technique H64), which portals leave out.

Read through the proxy, the page becomes what Lynx makes of it: its title,
and a list of links to its frames in their order, each named by its
``title``, else by what its ``name`` says it is (main → 主要内容部分, left → 导航部分),
else by its place. Each link opens the frame's document as a page of its own
in the same mode (the links are rewritten like any other); blank, script and
``data:`` frames are left out. The ``<noframes>``
text ("您的浏览器不支持框架") is not carried over: it speaks to browsers
without frames, and the list replaces it.

This runs between parse and the passes (:func:`a11y_proxy.pipeline.render_html`):
the unfolded page is parsed again, so every pass finds a body.
"""

from __future__ import annotations

import re
from html import escape

from selectolax.lexbor import LexborHTMLParser

from .urls import scheme_of

#: What a frame's ``name`` (or ``id``) says it holds, in the words a reader knows.
_NAMED = (
    (re.compile(r"main|content|zhengwen|zw", re.IGNORECASE), "主要内容部分"),
    (re.compile(r"top|head|banner", re.IGNORECASE), "页头部分"),
    (re.compile(r"left|menu|nav|tree|side", re.IGNORECASE), "导航部分"),
    (re.compile(r"bottom|foot", re.IGNORECASE), "页脚部分"),
)


def _shows_nothing(src: str) -> bool:
    """No document, a blank one, or one no page of the proxy can be (script,
    ``data:``): only a relative or an http(s) address is a frame to read."""
    return not src.strip() or scheme_of(src) not in ("", "http", "https")


def _frame_name(title: str, name: str, place: int) -> str:
    if title.strip():
        return " ".join(title.split())
    for pattern, words in _NAMED:
        if pattern.search(name):
            return words
    return f"第 {place} 部分"


def unfold(tree: LexborHTMLParser) -> str | None:
    """The HTML of a page listing a frameset document's frames; None for a page with a body."""
    if tree.body is not None:
        return None
    links: list[str] = []
    for frame in tree.css("frame"):
        src = frame.attrs.get("src") or ""
        if _shows_nothing(src):
            continue
        attrs = frame.attrs
        name = f"{attrs.get('name') or ''} {attrs.get('id') or ''}"
        label = _frame_name(attrs.get("title") or "", name, len(links) + 1)
        links.append(f'<li><a href="{escape(src)}">{escape(label)}</a></li>')
    head = tree.head
    title_el = tree.css_first("title")
    title = " ".join(title_el.text().split()) if title_el is not None else ""
    html_el = tree.css_first("html")
    lang = (html_el.attrs.get("lang") or "") if html_el is not None else ""
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    if links:
        intro = f"这个网页由 {len(links)} 个部分组成,每个部分是一个单独的网页,请选择要阅读的部分:"
        listing = f"<ul>{''.join(links)}</ul>"
    else:
        intro, listing = "这个网页由框架组成,但其中没有可以打开的内容。", ""
    return (
        f"<!DOCTYPE html><html{lang_attr}>{head.html if head is not None else '<head></head>'}"
        f"<body><div><h1>{escape(title) or '网页框架'}</h1>"
        f'<p class="a11y-proxy-added" lang="zh-CN">{intro}</p>{listing}</div></body></html>'
    )
