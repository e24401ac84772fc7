"""The nesting-depth guard: refuse pages nested deeper than any real page, before parsing.

Deep nesting costs time out of proportion: Lexbor's tree builder checks the
stack of open elements for every new element, and passes that look at
ancestors do the same, so 100,000 nested ``<div>`` take minutes where a
real page takes milliseconds. Blink stops nesting at 512 levels
(``kMaximumHTMLParserDOMTreeDepth``); the deepest page of our corpus nests
24 (counted as below). Pages deeper than :data:`MAX_DEPTH` get an error page with a link to the
original.

The scan runs only on pages with many tags (``<`` counted at C speed first,
see :data:`SCAN_ABOVE`), so an ordinary page pays nothing. Elements whose end tag may be left out
(``p``, ``li``, ``td``, …) and void elements do not count towards the depth,
so unclosed but harmless markup is never refused.

A ``/>`` closes nothing in HTML: the tree builder ignores the self-closing
flag of an HTML element (WHATWG HTML 13.2.6.4.7, "in body": ``<div/>`` opens
a div), and honours it only for ``<svg>`` and ``<math>`` and inside them
(13.2.6.5, foreign content). ``<div/>`` 20,000 times nests 20,000 deep, as
``<div>`` does, and is counted so.
"""

from __future__ import annotations

import re

MAX_DEPTH = 256
#: Pages with fewer ``<`` than this are not scanned: even nested all the way
#: down, 8,000 elements parse and pass in about a second (in a worker thread),
#: while scanning every page would cost 2-4 ms on large ordinary ones (the
#: biggest corpus page has 4,117).
SCAN_ABOVE = 8000

#: Script, style and comment text is not markup (a script may build HTML in strings).
_OPAQUE = re.compile(r"<(script|style|textarea|xmp)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_NOT_COUNTED = frozenset(
    # void elements (WHATWG 13.1.2)
    "area base br col embed hr img input link meta source track wbr param keygen"
    # end tag may be omitted (WHATWG 13.1.2.4) or implied by the tree builder
    " html head body p li dt dd option optgroup tr td th thead tbody tfoot rb rt rp colgroup caption".split()
)


#: Where a self-closing tag closes itself: MathML and SVG (foreign content).
_FOREIGN = frozenset(("svg", "math"))


def max_depth(text: str) -> int:
    """The deepest nesting of counted elements in ``text`` (an approximation of the tree's depth)."""
    depth = deepest = 0
    foreign = 0  # the depth of the outermost open <svg> or <math>; 0 outside them
    for closing, tag, self_closing in _TAG.findall(_OPAQUE.sub("", text)):
        name = tag.lower()
        if name in _NOT_COUNTED:
            continue
        if closing:
            if depth:
                depth -= 1
                if depth < foreign:
                    foreign = 0
        elif self_closing and (foreign or name in _FOREIGN):
            continue  # opened and closed at once
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
            if not foreign and name in _FOREIGN:
                foreign = depth
    return deepest


def too_deep(text: str) -> int:
    """0 when the page may be parsed, else the depth found."""
    if text.count("<") < SCAN_ABOVE:
        return 0
    depth = max_depth(text)
    return depth if depth > MAX_DEPTH else 0
