"""The parts of a portal's ``<title>``: the page's own title first, the site's name last.

Portal templates join them with a dash, an underscore or a bar
("2023年政府信息公开工作年度报告_昆都仑区人民政府", "通知 - 某市人民政府 | 首页").
Some templates write the title as a breadcrumb instead, site first
("国家统计局>>统计用区划和城乡划分代码", "首页 &gt; 政务公开"): split at the
arrows and read backwards, so the page's own part still comes first; a root
named 首页 names no site and is left out.
One reading serves the heading pass (which takes the first part as the
article title), the main-content finder (the heading that names a list page)
and the image pass (which takes the last part as the site name, for the
logo's alternative text), so all three read a title the same way.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .dom import clean_text, without_space

_SEPARATOR = re.compile(r"\s*[-_|｜—–]\s*")
_CRUMB = re.compile(r"\s*(?:>|»|›|&gt;)+\s*")
#: A breadcrumb's root names no site ("首页 > 政务公开"): it is not the site's name.
_ROOT = re.compile(r"^(?:网站)?首页$|^主页$|^home$", re.IGNORECASE)


def split_title(text: str) -> list[str]:
    """The non-empty parts of a title, the page's own first and the site's name last."""
    if _CRUMB.search(text):
        return [part for part in reversed(_CRUMB.split(text)) if part.strip() and not _ROOT.match(part)]
    return [part for part in _SEPARATOR.split(text) if part]


def title_parts(tree: LexborHTMLParser) -> list[str]:
    """The parts of the page's ``<title>`` (whitespace collapsed), or [] without one."""
    title = tree.css_first("title")
    return split_title(clean_text(title)) if title is not None else []


def site_part(tree: LexborHTMLParser) -> str:
    """The site's name as the title gives it: its last part, or "" when it has one part.

    Nor when the page shows its whole title as a heading: then the title is the
    page's own, dash and all (camacau.com's "Traffic Statistics - Passengers",
    its h2 too, named its site "Passengers" in 适老版's header).
    """
    title = tree.css_first("title")
    if title is None:
        return ""
    text = clean_text(title)
    parts = split_title(text)
    if len(parts) < 2:
        return ""
    whole = without_space(text)
    if any(without_space(clean_text(h)) == whole for h in tree.css("h1, h2, h3, h4, h5, h6")):
        return ""
    return parts[-1]
