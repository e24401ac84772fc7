"""Links that say where they go (WCAG 2.4.4, 4.1.2) and when they open a new window (3.2.5).

- "更多", "more", "详细", ">>" next to a block title become "更多:要闻动态";
- a link with no text and no named image is named from its ``title``, or
  removed from the tab order's way if it has nothing at all;
- ``target="_blank"`` is announced with "(在新窗口打开)" in the link text;
- links whose ``javascript:`` action was removed (font size, print, close,
  favourite, share) are dropped: the browser and the proxy's own controls do
  these things; any other former script link keeps its words as plain text.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, append_copy, clean_text, element

_AMBIGUOUS = re.compile(
    r"^\s*(?:更多|更多>+|more|more>+|>>|»|详细|详情|查看更多|点击查看|点击这里|这里|here|进入)\s*[>》»]*\s*$",
    re.I,
)
NEW_WINDOW = "(在新窗口打开)"
_SCRIPT_ONLY = re.compile(
    r"^\s*(?:大|中|小|打印|打印本页|关闭|关闭窗口|收藏|加入收藏|分享|分享到|返回顶部|顶部|字体|\[?字号|默认|"
    r"设为首页|放大|缩小|复位|重置|\[?\s*[大中小]\s*\]?)\s*$"
)
_BLOCK_TITLE = "h1, h2, h3, h4, [class*=tit], [class*=title], [class*=hd], [class*=head], span, strong, b"


def _section_title(link: LexborNode) -> str:
    """The title of the block a "more" link belongs to: nearest preceding title-like text."""
    container = link.parent
    for _ in range(4):
        if container is None:
            return ""
        for candidate in container.css(_BLOCK_TITLE):
            if candidate.mem_id == link.mem_id or candidate.css_first("a") is not None:
                continue
            text = clean_text(candidate)
            if 2 <= len(text) <= 20 and not _AMBIGUOUS.match(text):
                return text
        container = container.parent
    return ""


def _has_name(link: LexborNode, text: str) -> bool:
    """Whether the link has an accessible name: ``text`` (its visible text), a label, an image's alt."""
    if text:
        return True
    if (link.attrs.get("aria-label") or "").strip():
        return True
    return any((img.attrs.get("alt") or "").strip() for img in link.css("img"))


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    new_window: LexborNode | None = None
    svg_links = {a.mem_id for a in tree.css("svg a")} if tree.css_first("svg") is not None else set()
    for link in tree.css("a"):
        if link.mem_id in svg_links:
            continue  # SVG links (xlink:href) are graphics, named by their text
        href = link.attrs.get("href")
        if href is None:
            text = clean_text(link)
            if not text and (link.attrs.get("name") or link.attrs.get("id")):
                continue  # a fragment target (<a name="top">), not a control
            if not text or _SCRIPT_ONLY.match(text):
                link.decompose()
            else:
                link.unwrap()
            continue
        text = clean_text(link)
        if text and _AMBIGUOUS.match(text):
            section = _section_title(link)
            if section:
                append(link, element(tree, "span", f":{section}", class_="a11y-proxy-context"))
        if not _has_name(link, text):
            title = (link.attrs.get("title") or "").strip()
            if title:
                append(link, element(tree, "span", title, class_="a11y-proxy-sr"))
            else:
                # Nothing to say where it goes: not a link worth stopping on.
                link.decompose()
                continue
        if (link.attrs.get("target") or "").strip().lower() == "_blank":
            if new_window is None:
                new_window = element(tree, "span", NEW_WINDOW, class_="a11y-proxy-sr", lang="zh-CN")
            append_copy(link, new_window)
