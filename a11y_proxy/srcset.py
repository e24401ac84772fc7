"""Parse and rebuild ``srcset`` attributes (HTML Standard, "parse a srcset attribute").

A candidate's URL is the run of non-whitespace characters, so a URL may contain
commas (``/123,foo``); trailing commas end a candidate. Descriptors run to the
next comma outside parentheses. Only URLs are changed; descriptors are kept
as written.
"""

from __future__ import annotations

from collections.abc import Callable

_WS = " \t\n\r\x0c"


def parse_srcset(value: str) -> list[tuple[str, str]]:
    """(url, descriptors) pairs in order."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(value)
    while True:
        while i < n and (value[i] in _WS or value[i] == ","):
            i += 1
        if i >= n:
            return out
        start = i
        while i < n and value[i] not in _WS:
            i += 1
        url = value[start:i]
        if url.endswith(","):
            out.append((url.rstrip(","), ""))
            continue
        # Descriptors: up to a comma that is not inside parentheses.
        depth = 0
        dstart = i
        while i < n:
            c = value[i]
            if c == "(":
                depth += 1
            elif c == ")" and depth:
                depth -= 1
            elif c == "," and not depth:
                break
            i += 1
        out.append((url, value[dstart:i].strip(_WS)))
        if i < n:
            i += 1  # the comma


def rewrite_srcset(value: str, map_url: Callable[[str], str | None]) -> str:
    """Rebuild ``value`` with each URL mapped; candidates mapped to None are dropped."""
    parts = []
    for url, desc in parse_srcset(value):
        new = map_url(url)
        if new is None:
            continue
        parts.append(f"{new} {desc}" if desc else new)
    return ", ".join(parts)
