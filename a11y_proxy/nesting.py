"""The nesting-depth guard: refuse pages nested deeper than any real page, before parsing.

Deep nesting costs time out of proportion: Lexbor's tree builder checks the
stack of open elements for every new element, and passes that look at
ancestors do the same, so 100,000 nested ``<div>`` take minutes where a
real page takes milliseconds. Blink stops nesting at 512 levels
(``kMaximumHTMLParserDOMTreeDepth``); the deepest page of our corpus nests
20 (counted as below). Pages deeper than :data:`MAX_DEPTH` get an error page with a link to the
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

Text that is not markup (a script's strings, a comment) is skipped where the
tokenizer would skip it, no further: a script ends at ``</script`` followed
by a space, ``/`` or ``>`` (13.2.5.4, "appropriate end tag"), a comment at
``-->``, ``--!>`` or a ``<!-->`` of its own (13.2.5.43-52), and inside
``<svg>`` and ``<math>`` a ``<script>`` or ``<style>`` holds markup like any
other element. A scan that skipped to the next ``</script>`` or ``-->`` would
hide the elements between from the count.
"""

from __future__ import annotations

import re

MAX_DEPTH = 256
#: Pages with fewer ``<`` than this are not scanned: even nested all the way
#: down, 8,000 elements parse and pass in about a second (in a worker thread),
#: while scanning every page would cost 2-4 ms on large ordinary ones (the
#: biggest corpus page has 4,117).
SCAN_ABOVE = 8000

#: A tag (closing mark, name, self-closing mark) or the start of a comment.
_TOKEN = re.compile(r"<(?:(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>|!--)")
#: Elements whose content the HTML tokenizer reads as text, not markup (a
#: script may build HTML in strings), outside foreign content.
_RAW_TEXT = frozenset(
    ("script", "style", "textarea", "xmp", "title", "iframe", "noembed", "noframes", "plaintext")
)
_COMMENT_END = re.compile(r"--!?>")
_NOT_COUNTED = frozenset(
    # void elements (WHATWG 13.1.2)
    "area base br col embed hr img input link meta source track wbr param keygen"
    # end tag may be omitted (WHATWG 13.1.2.4) or implied by the tree builder
    " html head body p li dt dd option optgroup tr td th thead tbody tfoot rb rt rp colgroup caption".split()
)


#: Where a self-closing tag closes itself: MathML and SVG (foreign content).
_FOREIGN = frozenset(("svg", "math"))


def _end_of_raw_text(text: str, name: str, start: int) -> int:
    """A position inside the end tag of the raw text of a ``name`` element opened
    before ``start``, so the tag is skipped with the text (len(text) if none)."""
    if name == "plaintext":
        return len(text)  # the rest of the page is its text
    end = re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE).search(text, start)
    return end.start() + 1 if end is not None else len(text)


def _end_of_comment(text: str, start: int) -> int:
    """Where a comment whose ``<!--`` ends at ``start`` ends (len(text) if never)."""
    if text.startswith((">", "->"), start):
        return start + 1  # <!--> and <!---> are empty comments
    end = _COMMENT_END.search(text, start)
    return end.end() if end is not None else len(text)


def max_depth(text: str) -> int:
    """The deepest nesting of counted elements in ``text`` (an approximation of the tree's depth)."""
    depth = deepest = 0
    foreign = 0  # the depth of the outermost open <svg> or <math>; 0 outside them
    skip_to = 0  # the end of text that is not markup
    for m in _TOKEN.finditer(text):
        if m.start() < skip_to:
            continue
        closing, tag, self_closing = m.groups()
        if tag is None:
            skip_to = _end_of_comment(text, m.end())
            continue
        name = tag.lower()
        if name in _NOT_COUNTED:
            continue
        if not closing and not foreign and name in _RAW_TEXT:
            skip_to = _end_of_raw_text(text, name, m.end())
            continue  # its end tag is skipped with it: it counts neither way
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
