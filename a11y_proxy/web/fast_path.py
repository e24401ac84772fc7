"""The cache-hit fast path: stored bytes out, with no framework work per request.

Most requests a busy proxy answers are hits on popular pages. This raw ASGI
layer sits in front of the Starlette app; for a plain ``GET``/``HEAD`` whose
exact request target was served from the cache before, and whose entry is
still fresh, it sends the stored bytes with their headers and returns. Every
other request (a miss, a stale entry, a conditional or range request, a
form) goes to the app unchanged, which also fills the map used here.

Under the proxy's own commands the same answer is given one layer further
out, by :mod:`.hit_protocol`, before the server makes an ASGI request at all;
this layer still serves hits under any other ASGI server.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from cachetools import LRUCache
from starlette.types import ASGIApp, Receive, Scope, Send

from ..cache import Entry, PageCache
from ..pipeline import CacheKey
from ..prefs import COOKIE
from ..script_tail import new_nonce
from .headers import DEFAULT_HEADERS, VARY, page_csp

_ENCODED_VARY = VARY.encode()


#: Raw request target (path + query, as received) -> cache key of the page it
#: showed. Filled by the proxy view; bounded, so a crawler cannot grow it.
HitTargets = LRUCache[bytes, CacheKey]


_PREFS_COOKIE = COOKIE.encode() + b"="
#: Conditional and range requests, and anything the app must judge.
_FOR_THE_APP = frozenset((b"if-none-match", b"range", b"if-range", b"if-modified-since"))


def _prefs_value(cookie: bytes) -> bytes:
    start = cookie.index(_PREFS_COOKIE) + len(_PREFS_COOKIE)
    end = cookie.find(b";", start)
    return bytes(cookie[start:] if end < 0 else cookie[start:end])


def _target(raw: bytes, query: bytes, prefs: bytes | None) -> bytes:
    target = raw + b"?" + query if query else raw
    return bytes(target) if prefs is None else bytes(target) + b"\x00" + prefs


def raw_target(scope: Scope) -> bytes | None:
    """The request target plus the reader's preference cookie: what selects a stored page."""
    raw = scope.get("raw_path")
    if not isinstance(raw, bytes):
        return None
    prefs = None
    for name, value in scope.get("headers", ()):
        if name == b"cookie" and _PREFS_COOKIE in value:
            prefs = _prefs_value(value)
            break
    return _target(raw, scope.get("query_string", b""), prefs)


class FixedHeaders(NamedTuple):
    """The headers of every response from one entry in one encoding, as pairs and as HTTP/1.1 lines."""

    pairs: tuple[tuple[bytes, bytes], ...]
    lines: bytes


class Hit(NamedTuple):
    """A cache hit ready to send: status 200, the headers, then ``stored`` and ``end``."""

    fixed: FixedHeaders
    max_age: int
    csp: bytes
    stored: bytes
    end: bytes
    head_only: bool

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            *self.fixed.pairs,
            (b"cache-control", b"public, max-age=%d" % self.max_age),
            (b"content-security-policy", self.csp),
        ]

    def header_lines(self) -> bytes:
        """:meth:`headers` as HTTP/1.1 header lines (without the status line and the blank line)."""
        return b"%scache-control: public, max-age=%d\r\ncontent-security-policy: %s\r\n" % (
            self.fixed.lines,
            self.max_age,
            self.csp,
        )


def _fixed_headers(entry: Entry, gzip: bool) -> FixedHeaders:
    """Made once per entry and encoding, kept in the entry's serving memo."""
    fixed = entry.served.get(gzip)
    if fixed is None:
        # Every nonce has the same length, so every response the same length.
        stored, end = entry.output_parts(new_nonce(), gzip=gzip)
        pairs = (
            (b"content-type", entry.content_type.encode()),
            (b"vary", _ENCODED_VARY),
            (b"etag", entry.etag.encode()),
            *DEFAULT_HEADERS,
            *(((b"content-encoding", b"gzip"),) if gzip else ()),
            (b"content-length", b"%d" % (len(stored) + len(end))),
        )
        fixed = entry.served[gzip] = FixedHeaders(pairs, b"".join(b"%s: %s\r\n" % pair for pair in pairs))
    assert isinstance(fixed, FixedHeaders)
    return fixed


class FastHits:
    """Answers fresh cache hits from a request's ASGI scope, synchronously.

    Used by two layers: :class:`CacheHitFastPath` (any ASGI server) and, under
    the proxy's own commands, :mod:`.hit_protocol`, which writes the answer to
    the socket before uvicorn builds an ASGI task for the request.
    """

    def __init__(self, cache: PageCache, targets: HitTargets) -> None:
        self.cache = cache
        self.targets = targets

    def answer(self, scope: Scope) -> Hit | None:
        """The response for a fresh hit (counted, and marked in the scope), or None."""
        method = scope.get("method")
        raw = scope.get("raw_path")
        if scope["type"] != "http" or method not in ("GET", "HEAD") or not isinstance(raw, bytes):
            return None
        # One pass over the headers for everything a hit depends on.
        prefs = None
        gzip = False
        for name, value in scope["headers"]:
            if name == b"cookie":
                if prefs is None and _PREFS_COOKIE in value:
                    prefs = _prefs_value(value)
            elif name == b"accept-encoding":
                gzip = gzip or b"gzip" in value
            elif name in _FOR_THE_APP:
                return None
        key = self.targets.get(_target(raw, scope.get("query_string", b""), prefs))
        if key is None:
            return None
        entry = self.cache.get(key)
        now = self.cache.clock()
        if entry is None or not entry.cacheable or not entry.body or not entry.fresh(now):
            return None
        self.cache.hits += 1
        scope["a11y.cache"] = "hit"
        gzip = gzip and bool(entry.gzipped)
        nonce = new_nonce()
        stored, end = entry.output_parts(nonce, gzip=gzip)
        return Hit(
            _fixed_headers(entry, gzip),
            max(0, math.ceil(entry.ttl - entry.age(now))),
            page_csp(nonce),
            stored,
            end,
            method == "HEAD",
        )


class CacheHitFastPath:
    """The raw ASGI layer in front of the app: a hit is sent from :class:`FastHits`."""

    def __init__(self, app: ASGIApp, hits: FastHits) -> None:
        self.app = app
        self.hits = hits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        hit = self.hits.answer(scope)
        if hit is None:
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 200, "headers": hit.headers()})
        if hit.head_only:
            await send({"type": "http.response.body", "body": b""})
        elif hit.end:
            await send({"type": "http.response.body", "body": hit.stored, "more_body": True})
            await send({"type": "http.response.body", "body": hit.end})
        else:
            await send({"type": "http.response.body", "body": hit.stored})
