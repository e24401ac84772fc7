"""Pictures a lazy-loading script was to show: their real address put where a browser reads it.

Portals load their pictures late to make long pages light: the address sits in
an attribute of the script's own (jQuery lazyload's ``data-original``,
lazysizes' and most others' ``data-src``, WordPress's ``data-lazy-src``,
echo.js's ``data-echo``), and ``src`` holds a placeholder (``loading.gif``,
a grey pixel) or nothing. With no upstream script the script never runs: the
reader gets the placeholder, or no picture at all, and the text alternative
describes a picture that is not there (WCAG 1.1.1). The address is moved to
``src`` (and ``data-srcset`` to ``srcset``), as the script would have done,
before the link pass points it through the proxy.

A picture whose ``src`` is already its own (not a placeholder) keeps it: a
lazy attribute beside a real address is a larger version the script may
swap in, and the one shown is the page's.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext

#: The attributes lazy-loading scripts keep the address in, in the order asked.
_LAZY = ("data-original", "data-src", "data-lazy-src", "lazy-src", "data-echo", "data-lazyload", "data-url")
_SELECTOR = ", ".join(f"img[{name}]" for name in _LAZY) + ", img[data-srcset], source[data-srcset]"
#: A placeholder a lazy loader shows until the picture loads.
_PLACEHOLDER = re.compile(
    r"(?:^|/)[\w.-]*(?:loading|lazy|blank|grey|gray|placeholder|default|spacer|pixel|transparent|"
    r"nopic|no-?image|zhanwei)[\w.-]*\.(?:gif|png|jpe?g|svg|webp)(?:[?#]|$)",
    re.IGNORECASE,
)
#: What a lazy attribute must look like to be an address (not "true", not a number).
_ADDRESS = re.compile(r"^\s*(?:https?:|/|\.{1,2}/|[\w-]+/|[\w.-]+\.(?:gif|png|jpe?g|svg|webp|bmp)\b)", re.I)


def _placeholder(src: str) -> bool:
    src = src.strip()
    return not src or src.startswith("data:") or _PLACEHOLDER.search(src) is not None


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    # One walk in C (0.15-0.2 ms; a test of the source's words first cost more).
    for node in tree.css(_SELECTOR):
        attrs = node.attrs
        if node.tag == "img" and _placeholder(attrs.get("src") or ""):
            for name in _LAZY:
                value = attrs.get(name)
                if value and _ADDRESS.match(value):
                    attrs["src"] = value.strip()
                    break
        lazy_set = (attrs.get("data-srcset") or "").strip()
        if lazy_set and not (attrs.get("srcset") or "").strip():
            attrs["srcset"] = lazy_set
