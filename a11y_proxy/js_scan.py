"""Reading a portal's JavaScript without running it: its string literals and its blocks.

Two recoveries read upstream script as text: the search a button's function
asks for (:mod:`a11y_proxy.search_scripts`) and the HTML a header script
writes (:mod:`a11y_proxy.write_includes`). Both must step over what would
mislead a search for braces and calls: strings (with escapes, and templates
with values in them), ``//`` and ``/* */`` comments, and regular expression
literals (``/['"{]/g`` holds a quote and a brace). :class:`Scanner` does
that, jumping from one character that matters to the next with a regex;
whether a ``/`` starts a regular expression or divides is told, as
JavaScript tools without a parser tell it, from the code character before it
(ECMAScript 12.9.5: a regular expression may stand where an expression
starts). Nothing here runs code or does I/O.
"""

from __future__ import annotations

import re

QUOTES = frozenset("'\"`")
#: A regular expression may follow these (else "/" divides).
_REGEX_BEFORE = frozenset("(,=:[!&|?{};+-*%~^<>\n")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_HEX2 = re.compile(r"[0-9a-fA-F]{2}")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")


def string_at(text: str, i: int) -> tuple[str, int] | None:
    """The string literal starting at ``text[i]`` (a quote), decoded as JavaScript
    decodes it, and the index after it; None when it is unterminated or a
    template with a value in it (``${…}``: not a literal)."""
    quote = text[i]
    out: list[str] = []
    j, n = i + 1, len(text)
    while j < n:
        char = text[j]
        if char == quote:
            return "".join(out), j + 1
        if char == "\\":
            j += 1
            if j >= n:
                return None
            esc = text[j]
            if esc == "x" and _HEX2.fullmatch(text, j + 1, j + 3):
                out.append(chr(int(text[j + 1 : j + 3], 16)))
                j += 3
            elif esc == "u" and _HEX4.fullmatch(text, j + 1, j + 5):
                out.append(chr(int(text[j + 1 : j + 5], 16)))
                j += 5
            elif esc == "\n":  # a line continuation
                j += 1
            else:
                out.append(_ESCAPES.get(esc, esc))
                j += 1
            continue
        if char == "\n" and quote != "`":
            return None
        if char == "$" and quote == "`" and text[j + 1 : j + 2] == "{":
            return None
        out.append(char)
        j += 1
    return None


def skip_regex(text: str, i: int) -> int:
    """The index after a regular expression literal starting at ``text[i]`` (its
    flags too); a line's end if it ends there unclosed (it was no regex)."""
    j, n = i + 1, len(text)
    in_class = False
    while j < n:
        char = text[j]
        if char == "\\":
            j += 2
            continue
        if char == "\n":
            return j
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "/":
            j += 1
            while j < n and text[j].isalpha():
                j += 1
            return j
        j += 1
    return j


class Scanner:
    """Walks code from ``start`` to ``end``, stopping at each character of
    ``stops`` that is code, not in a string, comment or regular expression.

    ``next()`` returns the character and leaves ``i`` at it; the caller moves
    ``i`` on (by one, or past what it read there)."""

    def __init__(self, text: str, stops: str, start: int = 0, end: int | None = None) -> None:
        self.text = text
        self.i = start
        self.end = len(text) if end is None else min(end, len(text))
        chars = set(stops) | set("'\"`/")
        self._jump = re.compile("[" + re.escape("".join(sorted(chars))) + "]")
        self._stops = frozenset(stops)

    def _before(self, i: int) -> str:
        """The code character before ``i``, spaces and tabs passed over ("\\n" at a line's start)."""
        j = i - 1
        while j >= 0 and self.text[j] in " \t\r":
            j -= 1
        return self.text[j] if j >= 0 else "\n"

    def next(self) -> str | None:
        text, end = self.text, self.end
        while True:
            found = self._jump.search(text, self.i, end)
            if found is None:
                self.i = end
                return None
            i = found.start()
            char = found.group()
            if char == "/" and text[i + 1 : i + 2] == "/":
                newline = text.find("\n", i, end)
                self.i = end if newline < 0 else newline
            elif char == "/" and text[i + 1 : i + 2] == "*":
                close = text.find("*/", i + 2, end)
                self.i = end if close < 0 else close + 2
            elif char in QUOTES:
                literal = string_at(text, i)
                if literal is None:
                    newline = text.find("\n", i + 1, end)
                    self.i = end if newline < 0 else newline
                else:
                    self.i = literal[1]
            elif char == "/" and self._before(i) in _REGEX_BEFORE:
                self.i = skip_regex(text, i)
            elif char in self._stops:
                self.i = i
                return char
            else:
                self.i = i + 1  # a division


def block(text: str, start: int, limit: int) -> str | None:
    """The code from ``start`` (just inside a ``{``) to its closing brace, within
    ``limit`` characters; None when it does not close there."""
    scanner = Scanner(text, "{}", start, start + limit)
    depth = 1
    while (char := scanner.next()) is not None:
        depth += 1 if char == "{" else -1
        if depth == 0:
            return text[start : scanner.i]
        scanner.i += 1
    return None
