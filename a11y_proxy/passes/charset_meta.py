"""Declare the output encoding: one ``<meta charset="utf-8">``, first in ``<head>``.

The proxy always serves UTF-8 (HTML Standard 4.2.5.4: the declaration must
be in the first 1024 bytes, so it goes first). Every upstream declaration
(``<meta charset>`` or ``<meta http-equiv=Content-Type>``) is removed, since
it now names an encoding the bytes are not in.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext
from ..dom import element, prepend


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for meta in tree.css("meta[charset]"):
        meta.decompose()
    for meta in tree.css("meta[http-equiv]"):
        if (meta.attrs.get("http-equiv") or "").strip().lower() == "content-type":
            meta.decompose()
    head = tree.head
    if head is None:  # pragma: no cover - the parser always creates <head>
        return
    prepend(head, element(tree, "meta", charset="utf-8"))
