"""The proxy's own words in a page, in the page's language where they must be.

The proxy names what the portal left unnamed: a landmark it wraps around a
side column, a table's scrolling region, a field, a picture link. A name
written in an attribute (``aria-label``, ``alt``, a button's ``value``) has no
language of its own; a screen reader speaks it in the language of its
element, which is the page's (WCAG 3.1.2 marks languages of parts only on
elements). On a Chinese page the names are Chinese; on a page the language
pass declared English (an English version of a portal, camacau.com's
statistics) a Chinese name would be read by an English voice, so these
names are English there.

Words the proxy writes as text of its own blocks (its bar, the phone code,
the notes it adds) stand in elements marked ``lang="zh-CN"`` instead, and
stay Chinese: they are the proxy's interface, not the page's content.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser


def chinese_page(tree: LexborHTMLParser) -> bool:
    """Whether the page's language (``<html lang>``, which the language pass sets
    before any pass names anything) is Chinese, or not declared at all."""
    html = tree.css_first("html")
    lang = (html.attrs.get("lang") or "").strip().lower() if html is not None else ""
    return not lang or lang == "zh" or lang.startswith("zh-")


def say(tree: LexborHTMLParser, zh: str, en: str) -> str:
    """``zh`` on a Chinese page, ``en`` on any other."""
    return zh if chinese_page(tree) else en
