"""What the portal's stylesheet shows on hover, it shows on keyboard focus too.

Portal menus open their sub-menus with CSS alone (``.nav li:hover ul
{display:block}``), and lists, tabs and tool tips show their detail the same
way. A reader who uses the keyboard, a switch or a screen reader's focus
never hovers: the sub-menu's links stay ``display:none``, out of the tab
order and out of the accessibility tree (WCAG 2.1.1 Keyboard; 1.4.13 Content
on Hover or Focus asks that such content appear on focus as on hover). In
无障碍 mode, which keeps the portal's look, each style rule whose selector
hovers is followed by a copy of itself for focus inside the same element
(``:focus-within``): tabbing to a menu's link opens its sub-menu, and the
sub-menu stays open while focus moves through it.

The copy is a rule of its own, never another selector in the same list: a
browser that does not know a selector drops the whole rule (CSS Selectors 4,
§ 3.1), and the hover rule must keep working wherever it worked. A ``:hover``
inside a functional pseudo-class (``:not(:hover)``) is left alone, its
meaning would turn around. Rules nested in ``@media``, ``@supports``,
``@layer`` and ``@container`` are found; the CSS is not otherwise parsed, so
what is not a rule (``@font-face``, keyframes, declarations) passes through
unchanged. Applied to ``<style>`` here and to stylesheets fetched through the
proxy (``pipeline.render_css``), after their URLs are rewritten.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext
from ..dom import replace_text

# The tokens that shape CSS, in one pattern. First a whole plain style rule
# (its selector without strings, comments or an at-keyword; its declarations
# without blocks or comments), one step for most rules of a sheet; then
# comments, strings (an unclosed one ends at a newline, CSS Syntax 3
# § 4.3.5), runs of other text, and the three delimiters of rules. Each
# match is a step of Python, so the fewer the better: a token per rule, not
# one per brace and semicolon (184 KB of one page's <style>: 3.9 ms against 8).
_STRING = r""""(?:[^"\\\n]|\\.)*+"?|'(?:[^'\\\n]|\\.)*+'?"""
_TOKENS = re.compile(
    rf"""[^{{}}"'/;@]*+\{{((?:[^{{}}"'/]++|/(?!\*)|{_STRING})*+)\}}"""
    rf"""|/\*.*?(?:\*/|\Z)|{_STRING}|[^{{}}"'/;]++|[{{}};/]""",
    re.DOTALL,
)
#: At-rules whose block holds style rules (CSS Conditional 3 and 5, Cascade 5).
_GROUPING = frozenset(("media", "supports", "layer", "container", "document", "-moz-document", "scope"))
_AT_NAME = re.compile(r"@([-\w]+)")
# ":hover" as a whole pseudo-class name (":hover", not ":hovered"), in any case.
_HOVER = re.compile(r":hover(?![-\w])", re.IGNORECASE)
#: What splits a selector list, opens and closes a function or attribute
#: test, or hovers; strings and escapes are read whole, so nothing in them does.
_IN_SELECTOR = re.compile(
    rf"""[,()\[\]]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\\.|{_HOVER.pattern}""", re.IGNORECASE
)
#: Not selectors: comments (a commented-out "a:hover" must not become one) and
#: the HTML comment marks old pages wrap a <style>'s text in (CSS Syntax 3's CDO, CDC).
_NOT_SELECTOR = re.compile(r"/\*.*?(?:\*/|\Z)|<!--|-->", re.DOTALL)


def _focus_selectors(prelude: str) -> str:
    """The selectors of ``prelude`` that hover, each ``:hover`` outside a function
    as ``:focus-within`` ("" if none hovers)."""
    if "/*" in prelude or "<!--" in prelude or "-->" in prelude:
        prelude = _NOT_SELECTOR.sub(" ", prelude)
    copies: list[str] = []
    selector: list[str] = []  # the current selector, with focus for hover
    pos = depth = 0
    hovers = False
    for m in _IN_SELECTOR.finditer(prelude):
        token = m.group()
        if token in ("(", "["):
            depth += 1
        elif token in (")", "]"):
            depth = max(depth - 1, 0)
        elif depth == 0 and token == ",":
            if hovers:
                copies.append("".join((*selector, prelude[pos : m.start()])).strip())
            selector, pos, hovers = [], m.end(), False
        elif depth == 0 and token[0] == ":":
            selector += (prelude[pos : m.start()], ":focus-within")
            pos, hovers = m.end(), True
    if hovers:
        copies.append("".join((*selector, prelude[pos:])).strip())
    return ", ".join(copies)


def add_focus_rules(css: str) -> str:
    """``css`` with a ``:focus-within`` copy after every style rule that hovers."""
    # Every hover, in one search (lower-casing 184 KB first would cost 0.7 ms).
    hovers = [m.start() for m in _HOVER.finditer(css)] if ":" in css else []
    if not hovers:
        return css  # most <style> blocks and many sheets: one search
    hovers.append(len(css))  # a sentinel: no hover after the last one
    next_hover = 0  # the first hover not yet behind the scan
    out: list[str] = []
    pos = 0  # what of css is in out
    prelude_start = 0
    # One entry per open block: for a style rule that hovers, where its
    # declarations start and the selectors of its copy; None for the rest.
    stack: list[tuple[int, str] | None] = []
    grouping: list[bool] = []  # whether each open block holds rules
    for m in _TOKENS.finditer(css):
        end = m.end()
        if m.start(1) != -1:
            # A whole plain rule: a style rule where rules may stand (else a
            # rule nested in declarations, left alone).
            if hovers[next_hover] < end and (not grouping or grouping[-1]):
                prelude = css[prelude_start : m.start(1) - 1].rpartition(";")[2]
                copy = "" if prelude.lstrip().startswith("@") else _focus_selectors(prelude)
                if copy:
                    out.append(css[pos:end])
                    out.append(f"\n{copy}{{{m.group(1)}}}")
                    pos = end
        else:
            token = m.group()
            if token == "{":
                at = m.start()
                if grouping and not grouping[-1]:
                    stack.append(None)  # a block inside declarations (nesting): left alone
                    grouping.append(False)
                else:
                    # After the end of @import, @charset or @namespace, where a
                    # statement ends in ";" before the selector.
                    prelude = css[prelude_start:at].rpartition(";")[2]
                    head = prelude.lstrip()
                    if head.startswith("@"):
                        stack.append(None)
                        grouping.append(_grouping(head))
                    else:
                        copy = _focus_selectors(prelude) if hovers[next_hover] < at else ""
                        stack.append((end, copy) if copy else None)
                        grouping.append(False)
            elif token == "}":
                if stack:
                    rule = stack.pop()
                    grouping.pop()
                    if rule is not None:
                        out.append(css[pos:end])
                        out.append(f"\n{rule[1]}{{{css[rule[0] : m.start()]}}}")
                        pos = end
            else:
                continue  # a comment, a string, other text, ";" or "/": part of a prelude
        prelude_start = end
        while hovers[next_hover] < prelude_start:
            next_hover += 1
    if not out:
        return css
    out.append(css[pos:])
    return "".join(out)


def _grouping(head: str) -> bool:
    """Whether an at-rule's block holds style rules (``@media``), not declarations."""
    name = _AT_NAME.match(head)
    return name is not None and name.group(1).lower() in _GROUPING


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for node in tree.css("style"):
        css = node.text(deep=True)
        new = add_focus_rules(css)
        if new != css:
            replace_text(tree, node, new)
