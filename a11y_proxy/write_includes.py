"""What a portal's header and footer scripts write, read without running them.

Many portals do not put their header, menu, site search or footer in the
page: a ``<script src>`` writes them as the page loads, line after line::

    document.writeln("<div class='nav_box'>");
    document.writeln("<li class='fl sub_nav'><a href='/col/col31255/index.html'>政务公开</a></li>");
    document.writeln("<form id=\\"Formdh03\\" method=\\"get\\" action=\\"/jsearchfront/search.do\\">");

(www.jiangsu.gov.cn's /script/0/1708171610342270.js, the way Hanweb's 公共资源
are published). A proxy that runs no upstream script serves such a page with
no menu and no search: the "lost dynamic content" of mirror proxies. What
those scripts write is in them as string literals, so the proxy reads it:
the classic, parser-inserted scripts of a page (HTML: only those may
``document.write`` into the page as it is parsed; an ``async`` or ``defer``
script's write is ignored) are fetched from the sites the proxy serves, and
the top-level ``document.write``/``writeln`` calls whose arguments are string
literals give the HTML, in order; nothing else in the script is run or
kept. The page's passes then treat that HTML like the rest of the page (no
script in it survives, its links go through the proxy).

This module finds the candidates in a page and reads a script; the fetching
is the pipeline's, and the pass :mod:`a11y_proxy.passes.script_writes` puts
the HTML where each script was. No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A start tag of a script element, in the page's bytes (ASCII-compatible encodings).
_SCRIPT_TAG = re.compile(rb"<script\b([^>]{0,600})>", re.IGNORECASE)
_ATTR = re.compile(rb"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
#: Scripts that are libraries, not a site's header: not fetched.
_LIBRARY = re.compile(
    r"jquery|bootstrap|swiper|layer|vue|react|angular|echarts|polyfill|respond|html5shiv|"
    r"share|qrcode|player|\.min\.js|/jslib/|/module/",
    re.IGNORECASE,
)
#: Script types a browser runs as classic script (HTML "prepare the script element").
_CLASSIC_TYPES = frozenset(
    ("", "text/javascript", "application/javascript", "text/ecmascript", "application/x-javascript")
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_WRITE = re.compile(r"\bdocument\s*\.\s*write(ln)?\s*\(")
_STRING_START = frozenset("'\"`")
#: A regex literal can start after these (else "/" divides).
_REGEX_BEFORE = frozenset("(,=:[!&|?{};+-*%~^<>\n")


@dataclass(frozen=True)
class Include:
    #: The ``src`` attribute as written (the pass finds the element by it).
    src: str
    #: Its ``charset`` attribute, "" if none.
    charset: str


def candidates(page: bytes, limit: int) -> list[Include]:
    """The page's parser-inserted classic scripts with a ``src``, in order, at most ``limit``."""
    found: list[Include] = []
    seen: set[str] = set()
    for tag in _SCRIPT_TAG.finditer(page):
        attrs: dict[str, str] = {}
        for match in _ATTR.finditer(tag.group(1)):
            name = match.group(1).decode("ascii").lower()
            raw = match.group(2) or match.group(3) or match.group(4) or b""
            attrs.setdefault(name, raw.decode("ascii", "replace"))
        src = attrs.get("src", "").strip()
        kind = attrs.get("type", "").strip().lower()
        if (
            not src
            or src in seen
            or "async" in attrs
            or "defer" in attrs
            or kind not in _CLASSIC_TYPES
            or _LIBRARY.search(src)
            or src.lower().startswith(("data:", "javascript:"))
        ):
            continue
        seen.add(src)
        found.append(Include(src, attrs.get("charset", "").strip()))
        if len(found) >= limit:
            break
    return found


def _string(text: str, i: int) -> tuple[str, int] | None:
    """The JS string literal starting at ``text[i]`` (a quote), decoded, and the index after it."""
    quote = text[i]
    out: list[str] = []
    j = i + 1
    n = len(text)
    while j < n:
        char = text[j]
        if char == quote:
            return "".join(out), j + 1
        if char == "\\":
            j += 1
            if j >= n:
                return None
            esc = text[j]
            if esc == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[j + 1 : j + 3]):
                out.append(chr(int(text[j + 1 : j + 3], 16)))
                j += 3
                continue
            if esc == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[j + 1 : j + 5]):
                out.append(chr(int(text[j + 1 : j + 5], 16)))
                j += 5
                continue
            if esc == "\n":  # a line continuation
                j += 1
                continue
            out.append(_ESCAPES.get(esc, esc))
            j += 1
            continue
        if char == "\n" and quote != "`":
            return None  # an unterminated string
        if char == "$" and quote == "`" and text[j + 1 : j + 2] == "{":
            return None  # a template with a value in it: not a literal
        out.append(char)
        j += 1
    return None


def _literal_argument(text: str, i: int) -> tuple[str, int] | None:
    """``"a" + 'b'`` up to the call's ``)``: the joined text and the index after ``)``; None
    when the argument is anything but string literals."""
    parts: list[str] = []
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n or text[i] not in _STRING_START:
            return None
        found = _string(text, i)
        if found is None:
            return None
        part, i = found
        parts.append(part)
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i < n and text[i] == "+":
            i += 1
            continue
        if i < n and text[i] == ")":
            return "".join(parts), i + 1
        return None


def written_html(script: str) -> str | None:
    """The HTML a script's top-level ``document.write``/``writeln`` calls of string
    literals write, in order (``writeln`` adds a line break), or None if it writes none.

    Everything else is passed over: functions, handlers, comments, strings and
    regular expressions (so a quote or a brace in them does not mislead), and
    any write inside a block (a function's, a handler's: it runs later, if at
    all) or with a value computed at run time."""
    out: list[str] = []
    wrote = False
    depth = 0
    i, n = 0, len(script)
    last = "\n"  # the last significant character, to tell a regex from a division
    while i < n:
        char = script[i]
        if char in " \t\r":
            i += 1
            continue
        if char == "/" and script[i + 1 : i + 2] == "/":
            end = script.find("\n", i)
            i = n if end < 0 else end
            continue
        if char == "/" and script[i + 1 : i + 2] == "*":
            end = script.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if char in _STRING_START:
            found = _string(script, i)
            if found is None:
                # An unterminated string or a template with values: skip to the line's end.
                end = script.find("\n", i + 1)
                i = n if end < 0 else end
            else:
                i = found[1]
            last = "a"
            continue
        if char == "/" and last in _REGEX_BEFORE:
            i = _skip_regex(script, i)
            last = "a"
            continue
        if char in "{(":
            depth += 1
        elif char in "})":
            depth = max(0, depth - 1)
        elif depth == 0 and char == "d":
            call = _WRITE.match(script, i)
            before = script[max(0, i - 7) : i]
            if call is not None and (
                i == 0 or before == "window." or not (script[i - 1].isalnum() or script[i - 1] in "_$.")
            ):
                argument = _literal_argument(script, call.end())
                if argument is not None:
                    wrote = True
                    out.append(argument[0] + ("\n" if call.group(1) else ""))
                    i = argument[1]
                    last = ")"
                    continue
        if char != "\n" or last not in "\n":
            last = char
        i += 1
    return "".join(out) if wrote else None


def _skip_regex(text: str, i: int) -> int:
    """The index after a regular expression literal starting at ``text[i]``."""
    j, n = i + 1, len(text)
    in_class = False
    while j < n:
        char = text[j]
        if char == "\\":
            j += 2
            continue
        if char == "\n":
            return j  # not a regex after all: read on from the line's end
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "/":
            j += 1
            while j < n and (text[j].isalpha()):
                j += 1  # flags
            return j
        j += 1
    return j
