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

from .js_scan import QUOTES, Scanner, string_at

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
_WRITE = re.compile(r"\bdocument\s*\.\s*write(ln)?\s*\(")


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


def _literal_argument(text: str, i: int) -> tuple[str, int] | None:
    """``"a" + 'b'`` up to the call's ``)``: the joined text and the index after ``)``; None
    when the argument is anything but string literals."""
    parts: list[str] = []
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n or text[i] not in QUOTES:
            return None
        found = string_at(text, i)
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
    scanner = Scanner(script, "{}()d")
    while (char := scanner.next()) is not None:
        i = scanner.i
        scanner.i += 1
        if char in "{(":
            depth += 1
        elif char in "})":
            depth = max(0, depth - 1)
        elif depth == 0 and (call := _WRITE.match(script, i)) is not None and _starts_name(script, i):
            argument = _literal_argument(script, call.end())
            if argument is not None:
                wrote = True
                out.append(argument[0] + ("\n" if call.group(1) else ""))
                scanner.i = argument[1]
    return "".join(out) if wrote else None


def _starts_name(script: str, i: int) -> bool:
    """``document`` at ``i`` is the page's (``window.document`` too), not ``x.document``."""
    if i == 0 or script[max(0, i - 7) : i] == "window.":
        return True
    return not (script[i - 1].isalnum() or script[i - 1] in "_$.")
