"""Declare the page's language (WCAG 3.1.1, 3.1.2) so screen readers pick the right voice.

Portal templates ship ``<html>`` with no ``lang``, ``lang="en"`` from a
copied template, or ``zh-Hans``. A page whose text is mostly Han characters
gets ``lang="zh-CN"``; an explicit non-Chinese language on a page that is not
mostly Chinese is kept.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from .rewrite_links import EXTERNAL_TEXT

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: The same characters in UTF-8: lead bytes E4-E9 are U+4000-U+9FFF whole;
#: U+3400-U+3FFF are E3 90-BF, U+F900-U+FAFF EF A4-AB.
_HAN_LEADS = bytes(range(0xE4, 0xEA))
_HAN_EDGES = re.compile(rb"\xe3[\x90-\xbf]|\xef[\xa4-\xab]")
_LATIN_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NOT_LATIN = bytes(b for b in range(256) if b not in _LATIN_LETTERS)
_EXTERNAL_HAN = len(_HAN.findall(EXTERNAL_TEXT))
_EXTERNAL_LATIN = len(re.findall("[A-Za-z]", EXTERNAL_TEXT))


def _counts(text: str) -> tuple[int, int]:
    """How many Han characters and Latin letters ``text`` holds.

    Counted on its UTF-8 bytes with bytes.translate, in C: a character-class
    findall made one string per character, 0.5-0.7 ms on a portal's 20,000."""
    raw = text.encode("utf-8", "surrogatepass")
    han = len(raw) - len(raw.translate(None, _HAN_LEADS)) + len(_HAN_EDGES.findall(raw))
    return han, len(raw.translate(None, _NOT_LATIN))


def _page_counts(text: str) -> tuple[int, int]:
    """Han characters and Latin letters of the page's own words in ``text``.

    The proxy's words are not the page's: its mark on every link that leaves
    (rewrite_links, before this pass) made camacau.com's English page look
    Chinese, 13 Han characters a link."""
    han, latin = _counts(text)
    marks = text.count(EXTERNAL_TEXT)
    return han - marks * _EXTERNAL_HAN, latin - marks * _EXTERNAL_LATIN


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    html = tree.css_first("html")
    if html is None:  # pragma: no cover - the parser always creates <html>
        return
    declared = (html.attrs.get("lang") or "").strip().lower()
    body = tree.body
    full = body.text(deep=True) if body is not None else ""
    han, latin = _page_counts(full[:20000])
    mostly_chinese = han > 0 and han >= latin / 4
    if (mostly_chinese and not declared.startswith("zh")) or (
        mostly_chinese and declared in ("zh", "zh-hans", "zh-cn", "zh-hans-cn")
    ):
        html.attrs["lang"] = "zh-CN"
    elif not declared:
        # Declared nothing: the portal's Chinese, unless Latin letters
        # outnumber Han characters ten to one (a Han character says about
        # what a word of five letters does): the English versions of portals,
        # camacau.com's statistics page (3,038 letters, and 98 Han characters
        # in its 繁體中文 | 簡體中文 switch and a plug-in notice), are English.
        html.attrs["lang"] = "en" if latin > 10 * han else "zh-CN"
    if "xml:lang" in html.attrs:
        del html.attrs["xml:lang"]
    if body is None:
        return
    if (html.attrs.get("lang") or "").lower().startswith("zh"):
        if _has_latin_prose(full):
            _mark_latin_runs(body)
    elif han:
        _mark_han_runs(body)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NOT_PROSE = re.compile(r"@|://|www\.|\.(?:com|cn|html?|pdf|docx?)\b", re.IGNORECASE)


#: A stretch of the page's text without Han characters, long enough to hold
#: an English passage.
_HAN_FREE = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]{12,}")


#: Elements whose words can be in a language of their own, outermost first.
_RUNS = (
    "p, li, td, th, h1, h2, h3, h4, h5, h6, span, a, b, strong, em, font, caption, figcaption, blockquote, "
    "label, dt, dd, option"
)


def _mark_han_runs(body: LexborNode) -> None:
    """WCAG 3.1.2: Chinese in a page of another language (its 繁體中文 | 簡體中文
    switch, a Chinese name in an English page) is marked lang="zh", so a screen
    reader reads it with a Chinese voice instead of an English one spelling out
    nothing. Whole elements whose words are mostly Han; the outermost of them,
    since lang is inherited. "zh", not "zh-CN": Traditional or Simplified, and
    Mandarin or Cantonese, cannot be told from the characters alone."""
    marked: set[int] = set()
    for node in body.css(_RUNS):
        text = node.text(deep=True)
        if not _HAN.search(text) or "lang" in node.attrs:
            continue
        parent = node.parent
        while parent is not None and parent.mem_id not in marked:
            parent = parent.parent
        if parent is not None:
            continue  # inside an element marked already
        han, latin = _page_counts(text)
        if han >= 2 and han >= latin / 4:
            node.attrs["lang"] = "zh"
            marked.add(node.mem_id)


def _has_latin_prose(body_text: str) -> bool:
    """Whether any element could qualify, judged on the body's text in one go.

    An element's text is a contiguous part of its body's text, so an English
    passage lies inside one Han-free stretch with three words or more. Most
    Chinese pages have none, and then no element's text needs reading.
    Addresses and file names (the page's "www.….gov.cn") do not count."""
    for stretch in _HAN_FREE.finditer(body_text):
        words = 0
        for token in stretch.group().split():
            if not _NOT_PROSE.search(token):
                words += len(_WORD.findall(token))
        if words >= 3:
            return True
    return False


def _mark_latin_runs(body: LexborNode) -> None:
    """WCAG 3.1.2: an English passage in a Chinese page is marked lang="en",
    so a screen reader switches voice instead of spelling it with Chinese rules.
    Only whole elements of English prose count: three or more words, no Han
    characters, not an address, a file name or an abbreviation list."""
    for node in body.css("p, li, td, th, h1, h2, h3, h4, h5, h6, span, a, caption, figcaption, blockquote"):
        # Cheapest tests first: most candidates are short or Chinese.
        text = node.text(deep=True)
        if len(text) < 12 or _HAN.search(text):
            continue
        text = text.strip()
        if len(text) < 12 or _NOT_PROSE.search(text) or "lang" in node.attrs:
            continue
        words = _WORD.findall(text)
        if len(words) >= 3 and sum(len(w) for w in words) >= 0.6 * len(text.replace(" ", "")):
            node.attrs["lang"] = "en"
