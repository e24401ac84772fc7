"""What a screen reader would read in an English voice: the words of a page
outside any element marked Chinese (WCAG 3.1.2: the voice follows lang)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

_HAN = re.compile(r"[\u3400-\u9fff]")
#: What a screen reader hears of an element besides its text.
_NAMES = ("aria-label", "alt", "title", "placeholder", "value")


def language(node: LexborNode) -> str:
    """The language an element is in: its own lang, or its nearest ancestor's."""
    here: LexborNode | None = node
    while here is not None:
        if here.is_element_node and "lang" in here.attrs:
            return (here.attrs.get("lang") or "").lower()
        here = here.parent
    return ""


def chinese_heard_in_english(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """(tag, words) of every text or name with Han characters outside Chinese elements."""
    heard = []
    for node in tree.css("body, body *"):
        if node.tag in ("script", "style") or language(node).startswith("zh"):
            continue
        words = [node.attrs.get(attr) or "" for attr in _NAMES]
        child = node.child
        while child is not None:
            if child.is_text_node:
                words.append(child.text_content or "")
            child = child.next
        heard += [(node.tag or "", w.strip()[:30]) for w in words if _HAN.search(w)]
    return heard
