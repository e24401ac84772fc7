"""Declare the page's language (WCAG 3.1.1) so screen readers pick a Chinese voice.

Portal templates ship ``<html>`` with no ``lang``, ``lang="en"`` from a
copied template, or ``zh-Hans``. A page whose text is mostly Han characters
gets ``lang="zh-CN"``; an explicit non-Chinese language on a page that is not
mostly Chinese is kept.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    html = tree.css_first("html")
    if html is None:  # pragma: no cover - the parser always creates <html>
        return
    declared = (html.attrs.get("lang") or "").strip().lower()
    body = tree.body
    text = body.text(deep=True)[:20000] if body is not None else ""
    han = len(_HAN.findall(text))
    mostly_chinese = han > 0 and han >= len(_LATIN.findall(text)) / 4
    if (mostly_chinese and not declared.startswith("zh")) or (
        mostly_chinese and declared in ("zh", "zh-hans", "zh-cn", "zh-hans-cn")
    ):
        html.attrs["lang"] = "zh-CN"
    elif not declared:
        html.attrs["lang"] = "zh-CN" if han else "en"
    if "xml:lang" in html.attrs:
        del html.attrs["xml:lang"]
